package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"quire/library"
	"quire/llm"
	"quire/llm/llmtest"
)

// handbookDB is a library holding a short text handbook.
func handbookDB(t *testing.T) string {
	t.Helper()
	db := t.TempDir()
	lib, err := library.Open(db, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	err = lib.AddTexts(context.Background(), []library.TextDocument{{Name: "handbook.pdf", Path: "/docs/handbook.pdf", Pages: []string{
		"Company overview\nFounded 2017 in Tallinn\nCEO Iris Kallas",
		"Support tiers and monthly fees\nStarter €1,200 per month, next business day\nEnterprise €4,800 per month, 1 hour, 24/7",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// citeFirst answers citing the source numbered 1 (the handbook's only
// chunk).
func citeFirst(text string, hold <-chan struct{}) func(llmtest.Call) llmtest.Script {
	return func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words(text), Hold: hold, HoldAfter: 3}
	}
}

// syncBuffer is stdout that a test can read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestAskWithLLM(t *testing.T) {
	db := handbookDB(t)
	const q = "What is the monthly fee of the Enterprise tier?"
	const reply = "The Enterprise tier costs €4,800 a month [1]."
	hold := make(chan struct{})
	ollama := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b", "llama3.2:1b"}, citeFirst(reply, hold))
	defer ollama.Close()

	if out := run(t, "llm", "--db", db); !strings.Contains(out, "extractive (built in)") {
		t.Fatalf("llm show, nothing saved:\n%s", out)
	}
	out := run(t, "llm", "set", "--db", db, "--url", ollama.URL, "--model", "qwen2.5:3b")
	for _, want := range []string{"Saved.", "server  " + ollama.URL + " (API: found out on first use)", "Check: the server answers and has qwen2.5:3b (2 models: llama3.2:1b, qwen2.5:3b)"} {
		if !strings.Contains(out, want) {
			t.Errorf("llm set output lacks %q:\n%s", want, out)
		}
	}

	// The answer streams: its first words are out while the server holds
	// the rest back.
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() { done <- Main([]string{"ask", "--db", db, q}, &stdout, &stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "The Enterprise tier") {
		if time.Now().After(deadline) {
			t.Fatalf("nothing streamed while the server held the answer: %q %q", stdout.String(), stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if strings.Contains(stdout.String(), "€4,800") {
		t.Fatal("more than the server sent")
	}
	close(hold)
	if code := <-done; code != 0 {
		t.Fatalf("ask: exit %d: %s", code, stderr.String())
	}
	out = stdout.String()
	t.Logf("quire ask:\n%s", out)
	if !strings.HasPrefix(out, reply+"\n— written by qwen2.5:3b on "+ollama.URL+" (Ollama), from the sources below\n\nSources:\n[1] handbook.pdf p.2 — \"Enterprise €4,800 per month, 1 hour, 24/7\"") {
		t.Errorf("ask output:\n%s", out)
	}

	// --json: no stream, the answer names the model.
	var ans llm.Answer
	if err := json.Unmarshal([]byte(run(t, "ask", "--db", db, "--json", q)), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Text != reply || !strings.Contains(ans.Model, "qwen2.5:3b") || !ans.Citations[0].Used {
		t.Errorf("ask --json: %+v", ans)
	}

	// Uncited: the extractive answer, saying why.
	ollama.SetReply(citeFirst("The Enterprise tier costs €4,800 a month [4].", nil))
	out = run(t, "ask", "--db", db, q)
	t.Logf("quire ask, the model citing no source:\n%s", out)
	if !regexp.MustCompile(`(?s)^The Enterprise tier costs €4,800 a month\.\n\n\(Set aside: the model's answer cited only sources that do not exist \(\[4\]\)\. Quoted from your documents instead:\)\n\n.*Enterprise €4,800 per month, 1 hour, 24/7 \[1\]\n`).MatchString(out) {
		t.Errorf("fallback output:\n%s", out)
	}

	// --extractive and a one-off --llm leave the saved choice alone.
	calls := ollama.ChatCalls()
	if out := run(t, "ask", "--db", db, "--extractive", q); !strings.HasPrefix(out, "Support tiers and monthly fees: Enterprise €4,800 per month, 1 hour, 24/7 [1]\n") || ollama.ChatCalls() != calls {
		t.Errorf("ask --extractive:\n%s", out)
	}
	openai := llmtest.New(llmtest.OpenAI, []string{"phi4-mini"}, citeFirst("Enterprise is €4,800 monthly [1].", nil))
	defer openai.Close()
	out = run(t, "ask", "--db", db, "--llm", openai.URL+"/v1", "--llm-model", "phi4-mini", q)
	if !strings.HasPrefix(out, "Enterprise is €4,800 monthly [1].\n— written by phi4-mini on "+openai.URL+" (OpenAI-compatible)") || ollama.ChatCalls() != calls {
		t.Errorf("ask --llm:\n%s", out)
	}
	if out := run(t, "llm", "show", "--db", db); !strings.Contains(out, "server  "+ollama.URL) || !strings.Contains(out, "model   qwen2.5:3b") {
		t.Errorf("llm show after a one-off:\n%s", out)
	}

	// Errors in plain words.
	runFails(t, `has no model "llama3.2" (get it with: ollama pull llama3.2); it has llama3.2:1b, qwen2.5:3b`, "ask", "--db", db, "--llm-model", "llama3.2", q)
	runFails(t, "the LLM server at http://127.0.0.1:9 cannot be reached", "ask", "--db", db, "--llm", "127.0.0.1:9", q)

	if out := run(t, "llm", "off", "--db", db); !strings.Contains(out, "extractive (built in) again") {
		t.Errorf("llm off:\n%s", out)
	}
	calls = ollama.ChatCalls()
	if out := run(t, "ask", "--db", db, q); !strings.HasPrefix(out, "Support tiers and monthly fees: Enterprise €4,800") || ollama.ChatCalls() != calls {
		t.Errorf("ask after llm off:\n%s", out)
	}
}
