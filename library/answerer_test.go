package library

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"quire/llm"
	"quire/llm/llmtest"
)

var handbookPages = []string{
	"Company overview\nFounded 2017 in Tallinn\nCEO Iris Kallas\nEmployees 287 (as of 1 March 2026)",
	"The Magpie-7 picks up to 1,400 items per hour. Its battery charges from 0 to 80% in 42 minutes.",
	"Support tiers and monthly fees\nStarter €1,200 per month, next business day\nEnterprise €4,800 per month, 1 hour, 24/7",
	"The voice interface supports English, German and Estonian.",
}

// enterpriseReply answers the Enterprise question, citing the source the
// prompt numbers as handbook.pdf (pages 1–4: the pages are short enough
// for one chunk).
func enterpriseReply(c llmtest.Call) llmtest.Script {
	n := "0"
	if m := regexp.MustCompile(`(?m)^\[(\d+)\] handbook\.pdf, pages 1–4$`).FindStringSubmatch(c.Messages[len(c.Messages)-1].Content); m != nil {
		n = m[1]
	}
	return llmtest.Script{Tokens: llmtest.Words("The Enterprise tier costs €4,800 a month [" + n + "].")}
}

func openHandbook(t *testing.T, dir string) *Library {
	t.Helper()
	lib, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := lib.Documents()
	if len(docs) == 0 {
		if err := lib.AddTexts(context.Background(), []TextDocument{{Name: "handbook.pdf", Path: "/docs/handbook.pdf", Pages: handbookPages}}); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

// The saved LLM server writes the answers, streamed, for this library
// and the next time it opens; turning it off brings the extractive
// answers back, also for good.
func TestLLMSavedAndStreamed(t *testing.T) {
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, enterpriseReply)
	defer fake.Close()
	dir := t.TempDir()
	lib := openHandbook(t, dir)
	if _, on := lib.LLM(); on {
		t.Fatal("a new library uses an LLM server")
	}
	cfg := llm.ServerConfig{URL: fake.URL, API: llm.APIOllama, Model: "qwen2.5:3b", KeyEnv: "QUIRE_TEST_KEY"}
	if err := lib.SaveLLM(&cfg); err != nil {
		t.Fatal(err)
	}
	lib.Close()

	lib = openHandbook(t, dir)
	if got, on := lib.LLM(); !on || got != cfg {
		t.Fatalf("reopened: LLM %+v %v, want %+v", got, on, cfg)
	}
	const q = "What is the monthly fee of the Enterprise tier?"
	var streamed strings.Builder
	var first time.Duration
	start := time.Now()
	ans, err := lib.Ask(context.Background(), q, AskOptions{OnToken: func(s string) {
		if streamed.Len() == 0 {
			first = time.Since(start)
		}
		streamed.WriteString(s)
	}})
	total := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("through the library: first token after %v, answer after %v", first, total)
	if ans.Text != streamed.String() || !strings.Contains(ans.Text, "€4,800") || ans.Model == "" || ans.Abstained {
		t.Fatalf("answer %+v\nstreamed %q", ans, streamed.String())
	}
	var used []string
	for _, c := range ans.Citations {
		if c.Used {
			used = append(used, fmt.Sprintf("%s p.%d", c.File, c.Page))
		}
	}
	if strings.Join(used, ",") != "handbook.pdf p.3" {
		t.Errorf("used citations %v", used)
	}
	if len(ans.Searched) != 1 {
		t.Errorf("searched %v", ans.Searched)
	}

	// A weak question never reaches the server.
	calls := fake.ChatCalls()
	ans, err = lib.Ask(context.Background(), "Does the Magpie-7 support Mandarin?", AskOptions{OnToken: func(string) { t.Error("streamed an abstention") }})
	if err != nil || !ans.Abstained {
		t.Fatalf("abstention: %+v %v", ans, err)
	}
	if fake.ChatCalls() != calls {
		t.Error("the server was asked a question the library cannot support")
	}

	if err := lib.SaveLLM(nil); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	lib = openHandbook(t, dir)
	defer lib.Close()
	if _, on := lib.LLM(); on {
		t.Fatal("LLM server still in use after turning it off")
	}
	calls = fake.ChatCalls()
	ans, err = lib.Ask(context.Background(), q, AskOptions{})
	if err != nil || ans.Model != "" || !strings.Contains(ans.Text, "Enterprise €4,800") || fake.ChatCalls() != calls {
		t.Fatalf("extractive answer %+v %v", ans, err)
	}
}

// SetLLM is for this session only (quire ask --llm); a server that is
// down fails the question in plain words.
func TestSetLLMNotSaved(t *testing.T) {
	fake := llmtest.New(llmtest.OpenAI, nil, nil)
	url := fake.URL
	fake.Close()
	dir := t.TempDir()
	lib := openHandbook(t, dir)
	if err := lib.SetLLM(&llm.ServerConfig{URL: url + "/v1", Model: "qwen2.5:3b"}); err != nil {
		t.Fatal(err)
	}
	_, err := lib.Ask(context.Background(), "What is the monthly fee of the Enterprise tier?", AskOptions{})
	if err == nil || !strings.Contains(err.Error(), "cannot be reached") {
		t.Errorf("err %v", err)
	}
	if _, err := lib.CheckLLM(context.Background(), llm.ServerConfig{URL: url, Model: "x"}); err == nil || !strings.Contains(err.Error(), "cannot be reached") {
		t.Errorf("CheckLLM: %v", err)
	}
	lib.Close()
	lib = openHandbook(t, dir)
	defer lib.Close()
	if _, on := lib.LLM(); on {
		t.Error("SetLLM was saved")
	}
	if err := lib.SetLLM(&llm.ServerConfig{URL: "ftp://nowhere"}); err == nil {
		t.Error("bad URL accepted")
	}
}
