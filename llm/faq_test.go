package llm

import "testing"

func TestBareReply(t *testing.T) {
	for text, want := range map[string]bool{
		"No.":           true,
		"Yes, it does.": true,
		"Yes":           true,
		"No. The IP54 rating protects against dust.":                     false,
		"Nothing in the plan covers it.":                                 false,
		"Yes, the plan covers routine eye exams once per calendar year.": false,
	} {
		if got := bareReply(text); got != want {
			t.Errorf("bareReply(%q) = %v, want %v", text, got, want)
		}
	}
	q := unit{text: "Can the Magpie-7 work outdoors?"}
	v := withQuestion(q, unit{text: "No."})
	if v.text != "Can the Magpie-7 work outdoors? No." || v.loc != "No." {
		t.Errorf("withQuestion = %q (loc %q)", v.text, v.loc)
	}
}
