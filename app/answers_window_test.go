package app

// A streamed answer in a real window (GLFW under Xvfb), over a real
// library and a fake Ollama server that writes slowly:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a go test ./app/ -run TestRealStreamedAnswer -v
//
// saves /tmp/quire-stream-mid.png (mid-answer, [Stop] showing),
// /tmp/quire-stream.png (the checked answer) and
// /tmp/quire-stream-stopped.png (a second answer stopped with Esc) and
// /tmp/quire-stream-settings.png (Settings › Answers, the server tested).

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"quire/llm"
	"quire/llm/llmtest"
)

func TestRealStreamedAnswer(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_STREAM_WINDOW", "-stream")
	if !ok {
		return
	}

	lib := handbookLibrary(t)
	const reply = "The Enterprise tier costs €4,800 per month [1]. It answers urgent incidents within one hour, around the clock [1]. " +
		"For comparison, the Starter tier costs €1,200 per month with replies the next business day [1][4]."
	hold := make(chan struct{})
	fake := llmtest.New(llmtest.Ollama, []string{"qwen2.5:3b"}, func(llmtest.Call) llmtest.Script {
		return llmtest.Script{Tokens: llmtest.Words(reply), Delay: 15 * time.Millisecond, Hold: hold, HoldAfter: 18}
	})
	defer fake.Close()
	if err := lib.SaveLLM(&llm.ServerConfig{URL: fake.URL, Model: "qwen2.5:3b"}); err != nil {
		t.Fatal(err)
	}

	u := showRealWindow(t, lib, func(u *ui) {
		u.banner.SetText("Keyword search is on. Answers are written by qwen2.5:3b (local LLM server).")
	})
	within(t, 10*time.Second, "the handbook listed", func() bool { return len(u.library.docs) == 1 })

	ask := func(q string) time.Time {
		var at time.Time
		fyne.DoAndWait(func() {
			u.win.Canvas().Focus(u.chat.entry)
			for _, r := range q {
				u.chat.entry.TypedRune(r)
			}
			at = time.Now()
			u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		})
		return at
	}
	asked := ask(enterpriseQ)
	for shown := false; !shown; time.Sleep(time.Millisecond) { // finer than within's polls
		fyne.DoAndWait(func() { shown = len(u.chat.turns) == 1 && u.chat.turns[0].streamedText() != "" })
		if time.Since(asked) > 10*time.Second {
			t.Fatal("no words within 10 s")
		}
	}
	t.Logf("time to first token in the window (Enter to text shown; the fake server waits %v before each token): %v",
		15*time.Millisecond, time.Since(asked).Round(time.Millisecond))
	within(t, 10*time.Second, "the text up to the held token", func() bool {
		return strings.Contains(u.chat.turns[0].streamedText(), "urgent incidents within")
	})
	var stop string
	fyne.DoAndWait(func() { stop = u.chat.askBtn.Text })
	if stop != "Stop" {
		t.Errorf("button says %q while streaming", stop)
	}
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, strings.TrimSuffix(shot, ".png")+"-mid.png")

	close(hold)
	within(t, 10*time.Second, "the answer", func() bool { return u.chat.turns[0].answered && u.askCancel == nil })
	var text string
	var cites []string
	fyne.DoAndWait(func() {
		turn := u.chat.turns[0]
		text = turn.answer.Text
		for _, b := range turn.citations {
			cites = append(cites, b.Text)
		}
	})
	t.Logf("answer: %q; citations %q", text, cites)
	if !strings.HasSuffix(text, "next business day [1].") || strings.Contains(text, "[4]") || strings.Join(cites, ",") != "[1] handbook.pdf p.2" {
		t.Errorf("answer %q, citations %q", text, cites)
	}
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot)

	// A second answer, stopped with Esc while the server holds it.
	hold2 := make(chan struct{})
	defer close(hold2)
	fake.SetReply(func(c llmtest.Call) llmtest.Script {
		if isRewrite(c) { // the follow-up is first rewritten from the conversation
			return llmtest.Script{Tokens: llmtest.Words("What is the Starter tier's monthly fee?")}
		}
		return llmtest.Script{Tokens: llmtest.Words("The Starter tier costs €1,200 per month [1]."), Hold: hold2, HoldAfter: 5}
	})
	ask("And the Starter tier's monthly fee?")
	within(t, 10*time.Second, "the second answer's first words", func() bool {
		return len(u.chat.turns) == 2 && strings.Contains(u.chat.turns[1].streamedText(), "costs")
	})
	fyne.DoAndWait(u.escape)
	within(t, 5*time.Second, "the stop", func() bool { return u.chat.turns[1].answered && u.askCancel == nil })
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, strings.TrimSuffix(shot, ".png")+"-stopped.png")

	// Settings › Answers, the server tested.
	fyne.DoAndWait(func() {
		u.offerModels(t.TempDir(), true)
		u.showSettings()
		v := u.models.settings
		v.tabs.SelectIndex(1)
		v.answers.test.OnTapped()
	})
	within(t, 10*time.Second, "the connection test", func() bool {
		return strings.HasPrefix(u.models.settings.answers.status.Text, "Connected")
	})
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, strings.TrimSuffix(shot, ".png")+"-settings.png")
	fyne.DoAndWait(func() { u.models.settings.dlg.Hide() })
}

// isRewrite reports whether a call to the fake server asks for a
// follow-up's standalone question rather than an answer.
func isRewrite(c llmtest.Call) bool {
	return len(c.Messages) > 0 && strings.Contains(c.Messages[0].Content, "rewrite the user's last question")
}
