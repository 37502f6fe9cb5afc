package app

// The answer wrapping of issue 16 in a real window (GLFW under Xvfb):
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a go test ./app/ -run TestRealAnswerWraps -v
//
// saves /tmp/quire-wrap-430.png (a 1024×700 window, chat pane 430 px).

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"quire/llm"
	"quire/store"
)

func TestRealAnswerWraps(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_WRAP_WINDOW", "-wrap")
	if !ok {
		return
	}
	a := copayAnswer()
	fc := &fakeCore{answer: func(string) llm.Answer { return a },
		docs: []store.Document{{ID: 1, Name: "Northwind_Health_Plus_Benefits_Details.pdf", Path: "/docs/Northwind_Health_Plus_Benefits_Details.pdf", Pages: 100, Status: store.StatusIndexed}}}
	u := showRealWindow(t, fc, func(u *ui) { u.win.Resize(fyne.NewSize(1024, 700)) })
	within(t, 10*time.Second, "the document listed", func() bool { return len(u.library.docs) == 1 })
	fyne.DoAndWait(func() {
		u.right.SetOffset(float64(434) / float64(u.right.Size().Width))
		u.ask("what is copay for Northwind Health Plus?")
	})
	within(t, 10*time.Second, "the answer", func() bool { return len(u.chat.turns) == 1 && u.chat.turns[0].text != nil })
	time.Sleep(500 * time.Millisecond)
	var pw, h, line float32
	var chars int
	fyne.DoAndWait(func() {
		p := u.chat.turns[0].text
		pw, line, chars = p.Size().Width, p.lineHeight(), len([]rune(p.String()))
		for _, w := range p.words {
			h = max(h, w.pos.Y+line)
		}
	})
	limit := 3 * line * float32(math.Ceil(float64(chars)/100))
	t.Logf("answer %.0f px wide: %d characters in %.0f px (limit %.0f)", pw, chars, h, limit)
	if pw > 460 || h > limit {
		t.Errorf("answer %.0f px wide drawn %.0f px tall, limit %.0f", pw, h, limit)
	}
	screenshot(t, u, strings.TrimSuffix(shot, ".png")+"-430.png")
}
