package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/llm"
	"quire/llm/llmtest"
)

var handbookPages = []string{
	"Company overview\nFounded 2017 in Tallinn\nCEO Iris Kallas\nEmployees 287",
	"Support tiers and monthly fees\nStarter €1,200 per month, next business day\nEnterprise €4,800 per month, 1 hour, 24/7",
}

const enterpriseQ = "What is the monthly fee of the Enterprise tier?"

// handbookLibrary is a real library holding a two-page handbook (one
// chunk, so the model cites [1]).
func handbookLibrary(t *testing.T) *library.Library {
	t.Helper()
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if err := lib.AddTexts(context.Background(), []library.TextDocument{{Name: "handbook.pdf", Path: "/docs/handbook.pdf", Pages: handbookPages}}); err != nil {
		t.Fatal(err)
	}
	return lib
}

// watchedCore is the real library, with a look at the window after each
// streamed piece, on the asking goroutine (the test's, as spawn runs work
// inline).
type watchedCore struct {
	*library.Library
	seen func(piece string)
}

func (c watchedCore) Ask(ctx context.Context, q string, opts library.AskOptions) (llm.Answer, error) {
	show := opts.OnToken
	opts.OnToken = func(s string) {
		show(s)
		c.seen(s)
	}
	return c.Library.Ask(ctx, q, opts)
}

// The answer appears word by word in the chat while [Ask] is [Stop]; when
// done it is the checked answer: the made-up [7] never shows, [1] is a
// link and a listed citation that opens the source, and the model is
// named under it.
func TestChatStreamsAnswer(t *testing.T) {
	lib := handbookLibrary(t)
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words("The Enterprise tier costs €4,800 a month [1], with replies within the hour [7].")}
	})
	defer fake.Close()
	if err := lib.SaveLLM(&llm.ServerConfig{URL: fake.URL, Model: "qwen2.5:3b"}); err != nil {
		t.Fatal(err)
	}
	var u *ui
	var shown []string
	core := watchedCore{Library: lib, seen: func(string) {
		turn := u.chat.turns[0]
		if len(turn.body.Objects) == 0 || turn.body.Objects[0] != turn.stream {
			t.Error("streamed text not in the answer's place")
		}
		if u.chat.askBtn.Text != "Stop" {
			t.Errorf("button says %q while the answer streams", u.chat.askBtn.Text)
		}
		shown = append(shown, turn.stream.String())
	}}
	u = newTestUI(t, core)
	start := time.Now()
	var first time.Duration
	seen := core.seen
	core.seen = func(s string) {
		if first == 0 {
			first = time.Since(start)
		}
		seen(s)
	}
	u.core = core
	u.ask(enterpriseQ)
	t.Logf("time to first token on the chat (ask to text in the answer's place): %v; answer shown after %v", first, time.Since(start))

	if len(shown) < 10 {
		t.Fatalf("the answer came in %d steps: %q", len(shown), shown)
	}
	for i, s := range shown {
		if i > 0 && !strings.HasPrefix(s, shown[i-1]) {
			t.Errorf("step %d %q does not extend %q", i, s, shown[i-1])
		}
		if strings.Contains(s, "[7]") {
			t.Errorf("step %d shows the made-up [7]: %q", i, s)
		}
	}
	if !strings.HasPrefix(shown[0], "Quire: The") || shown[len(shown)-1] != "Quire: The Enterprise tier costs €4,800 a month [1], with replies within the hour." {
		t.Errorf("first and last steps %q … %q", shown[0], shown[len(shown)-1])
	}

	turn := u.chat.turns[0]
	if !turn.answered || u.chat.askBtn.Text != "Ask" {
		t.Fatalf("answered %v, button %q", turn.answered, u.chat.askBtn.Text)
	}
	var texts []string
	links := 0
	for _, o := range turn.body.Objects {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *paragraph:
			texts = append(texts, w.String())
			for _, wd := range w.words {
				if wd.cite == 1 && wd.text == "[1]" {
					links++
				}
			}
		}
	}
	got := strings.Join(texts, "\n")
	want := "Quire: The Enterprise tier costs €4,800 a month [1], with replies within the hour.\nWritten by qwen2.5:3b on " + fake.URL + " (Ollama); each [n] opens the passage it comes from. Removed citations of sources that do not exist: [7]."
	if got != want {
		t.Errorf("answer shows\n%s\nwant\n%s", got, want)
	}
	if links != 1 || len(turn.citations) != 1 || turn.citations[0].Text != "[1] handbook.pdf p.2" {
		t.Fatalf("links %d, citations %d", links, len(turn.citations))
	}
	test.Tap(turn.citations[0])
	if !strings.Contains(u.source.shownText(), "Enterprise €4,800") || !strings.HasPrefix(u.source.page.Text, "page 2") {
		t.Errorf("source shows %q on %q", u.source.shownText(), u.source.page.Text)
	}
}

// Stop mid-stream ends the request (the server sees the client go) and
// leaves what was written, marked unfinished.
func TestChatStopMidStream(t *testing.T) {
	lib := handbookLibrary(t)
	hold := make(chan struct{})
	defer close(hold)
	fake := llmtest.New(llmtest.OpenAI, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words("The Enterprise tier costs €4,800 a month [1]."), Hold: hold, HoldAfter: 3}
	})
	defer fake.Close()
	if err := lib.SaveLLM(&llm.ServerConfig{URL: fake.URL + "/v1", Model: "qwen2.5:3b"}); err != nil {
		t.Fatal(err)
	}
	var u *ui
	pieces := 0
	core := watchedCore{Library: lib, seen: func(string) {
		if pieces++; pieces == 3 {
			test.Tap(u.chat.askBtn) // [Stop]
		}
	}}
	u = newTestUI(t, core)
	start := time.Now()
	u.ask(enterpriseQ)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Stop took %v", took)
	}
	turn := u.chat.turns[0]
	if !turn.answered || u.askCancel != nil || u.chat.askBtn.Text != "Ask" {
		t.Fatal("still asking after Stop")
	}
	if len(turn.body.Objects) != 2 || turn.body.Objects[0] != turn.stream || turn.stream.String() != "Quire: The Enterprise tier" {
		t.Fatalf("after Stop the answer shows %d objects, text %q", len(turn.body.Objects), turn.streamedText())
	}
	if got := turn.body.Objects[1].(*widget.Label).Text; got != "Stopped. "+textUnfinished {
		t.Errorf("after Stop: %q", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for fake.Gone() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if fake.Gone() != 1 {
		t.Error("the server kept writing after Stop")
	}
}

// An uncited answer is replaced by the quotes, saying why; a server that
// is down is named in plain words.
func TestChatFallbackAndServerDown(t *testing.T) {
	lib := handbookLibrary(t)
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words("It costs €4,800 a month.")}
	})
	if err := lib.SaveLLM(&llm.ServerConfig{URL: fake.URL, Model: "qwen2.5:3b"}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, lib)
	u.ask(enterpriseQ)
	turn := u.chat.turns[0]
	first := turn.body.Objects[0].(*widget.Label).Text
	if first != "The language model's answer was set aside (the model's answer cited none of the sources); these are the passages that answer best." {
		t.Errorf("fallback note %q", first)
	}
	if rt := turn.body.Objects[1].(*paragraph).String(); !strings.Contains(rt, "Enterprise €4,800 per month, 1 hour, 24/7 [1]") {
		t.Errorf("fallback answer %q", rt)
	}
	fake.Close()
	u.ask(enterpriseQ)
	msg := u.chat.turns[1].body.Objects[0].(*widget.Label).Text
	if want := "Could not answer: the LLM server at " + fake.URL + " cannot be reached (connection refused): is it running? For Ollama, start it with: ollama serve."; msg != want {
		t.Errorf("server down: %q\nwant %q", msg, want)
	}
}

// Settings › Answers: extractive by default; a server is tested (its
// models listed), used, and given up again.
func TestAnswersSettings(t *testing.T) {
	lib := handbookLibrary(t)
	fake := llmtest.New(llmtest.Ollama, []string{"llama3.2:1b", "qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words("The Enterprise tier costs €4,800 a month [1].")}
	})
	defer fake.Close()
	u := newTestUI(t, lib)
	u.offerModels(t.TempDir(), true)
	u.showSettings()
	v := u.models.settings.answers
	if v.choice.Selected != textExtractive || v.form.Visible() || v.status.Text != textAnswersOff {
		t.Fatalf("fresh library: %q, form shown %v, %q", v.choice.Selected, v.form.Visible(), v.status.Text)
	}
	v.choice.SetSelected(textLocalLLM)
	if !v.form.Visible() || v.url.Text != "http://localhost:11434" {
		t.Fatalf("Local LLM server: form shown %v, URL %q", v.form.Visible(), v.url.Text)
	}
	if _, on := lib.LLM(); on {
		t.Fatal("chosen before Use this server")
	}
	v.url.SetText(fake.URL)
	test.Tap(v.test)
	if want := "Connected: the server has 2 models: llama3.2:1b, qwen2.5:3b. Pick one in the Model list."; v.status.Text != want {
		t.Errorf("test: %q", v.status.Text)
	}
	if strings.Join(v.models, ",") != "llama3.2:1b,qwen2.5:3b" {
		t.Errorf("model list %q", v.models)
	}
	v.model.SetText("mistral")
	test.Tap(v.use)
	if !strings.Contains(v.status.Text, `has no model "mistral" (get it with: ollama pull mistral)`) || v.status.Importance != widget.WarningImportance {
		t.Errorf("missing model: %q", v.status.Text)
	}
	v.model.SetText("qwen2.5:3b")
	test.Tap(v.use)
	if cfg, on := lib.LLM(); !on || cfg.URL != fake.URL || cfg.Model != "qwen2.5:3b" {
		t.Fatalf("in use: %+v %v", cfg, on)
	}
	if !strings.HasPrefix(v.status.Text, "Connected, in use: answers are written by qwen2.5:3b.") {
		t.Errorf("use: %q", v.status.Text)
	}
	u.ask(enterpriseQ)
	if a := u.chat.turns[0].answer; !strings.Contains(a.Model, "qwen2.5:3b") || a.Text != "The Enterprise tier costs €4,800 a month [1]." {
		t.Errorf("answer after choosing the server: %+v", a)
	}

	v.url.SetText("http://127.0.0.1:9")
	test.Tap(v.test)
	if !strings.Contains(v.status.Text, "cannot be reached (connection refused)") || v.status.Importance != widget.DangerImportance {
		t.Errorf("unreachable: %q", v.status.Text)
	}

	v.choice.SetSelected(textExtractive)
	if saved, err := lib.SavedLLM(); err != nil || saved != nil {
		t.Errorf("extractive chosen, saved %+v %v", saved, err)
	}
	if _, on := lib.LLM(); on || v.form.Visible() {
		t.Error("LLM still in use after choosing Extractive")
	}
	u.models.settings.dlg.Hide()
}
