package llm

import (
	"context"
	"strings"
	"testing"

	"quire/llm/llmtest"
)

// The reasoning is never shown, wherever the tokens cut the tags.
func TestThinkFilter(t *testing.T) {
	reply := "<think>\nThe user asks about [1]. Let me think.\n</think>\n\nThe Enterprise tier costs €4,800 [1]."
	want := "The Enterprise tier costs €4,800 [1]."
	if got := stripThinking(reply); got != want {
		t.Fatalf("stripThinking = %q", got)
	}
	for cut := 1; cut < len(reply); cut++ {
		for _, step := range []int{1, 3, cut} {
			var shown strings.Builder
			f := &thinkFilter{out: func(s string) { shown.WriteString(s) }}
			for i := 0; i < len(reply); i += step {
				f.write(reply[i:min(i+step, len(reply))])
			}
			if shown.String() != want {
				t.Fatalf("step %d: shown %q", step, shown.String())
			}
		}
	}
	// Cut off while thinking: nothing to show.
	if got := stripThinking("<think>so the answer is"); got != "" {
		t.Errorf("unfinished reasoning: %q", got)
	}
	// A '<' that is not a tag is shown in the end.
	if got := visible("x < y <th"); got != "x < y " {
		t.Errorf("visible = %q", got)
	}
}

// A reasoning model's answer arrives without its reasoning, cited.
func TestServerHidesReasoning(t *testing.T) {
	s := newSearcher(t, handbook...)
	const q = "What does the Enterprise tier cost?"
	reply := "<think>Source [1] lists the tiers; Enterprise is €4,800.</think>\n\nThe Enterprise tier costs €4,800 per month [1]."
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Chunk: 5, Tokens: llmtest.Words(reply)}
	})
	defer fake.Close()
	var tk tokens
	ans, err := newServer(t, fake, s, APIOllama).AnswerStream(context.Background(), q, searchFor(t, s, q), tk.add)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(tk.text(), "think") || strings.Contains(ans.Text, "think") || strings.Contains(ans.Text, "lists the tiers") {
		t.Fatalf("reasoning shown: streamed %q, answer %q", tk.text(), ans.Text)
	}
	if ans.Fallback != "" || !strings.Contains(ans.Text, "€4,800 per month") {
		t.Errorf("answer %q (fallback %q)", ans.Text, ans.Fallback)
	}
}
