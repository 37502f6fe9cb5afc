package llm

import "testing"

// A model question is answered by a model's name beside the thing's
// word, not by the word alone.
func TestNamesModel(t *testing.T) {
	q := "what gpu model was used to train the reformulation agent?"
	cases := []struct {
		units string
		want  bool
	}{
		{"We run inference and updates on CPU and the BiDAF environment on GPU.", false},
		{"In contrast to our initial training which we ran on GPUs, this phase is slow.", false},
		{"All models were trained on a single NVIDIA Tesla K80 GPU.", true},
		{"Training took two days on one GPU (Titan X).", true},
	}
	for _, c := range cases {
		if got := namesModel(q, c.units); got != c.want {
			t.Errorf("%q: %v, want %v", c.units, got, c.want)
		}
	}
	if !namesModel("What is the deductible?", "The deductible is $1,500.") {
		t.Error("a question for no model is not this check's")
	}
}

// The model is the one used for what the question says.
func TestPurposeSaid(t *testing.T) {
	q := "what gpu model was used to train the reformulation agent?"
	if purposeSaid(q, "All experiments are conducted on a single NVIDIA GTX 1080Ti GPU.") {
		t.Error("another paper's experiments are no reformulation agent's training")
	}
	if !purposeSaid(q, "We trained the reformulation agent on a Tesla K80 GPU.") {
		t.Error("the agent's training is what was asked")
	}
}
