package app

// A question with a typo, in a real window (GLFW under Xvfb) over a real
// library of the Zentara handbook:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a go test ./app/ -run TestRealCorrectedQuestion -v
//
// saves /tmp/quire-corrected.png: the answer under "Showing results
// for: …" with its [Search as typed] button, and the question asked
// again as typed below it.

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/llm"
)

func TestRealCorrectedQuestion(t *testing.T) {
	pdf := evalPDF(t)
	shot, ok := windowTest(t, "QUIRE_CORRECTED_WINDOW", "-corrected")
	if !ok {
		return
	}
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{pdf}, nil); err != nil {
		t.Fatal(err)
	}
	u := showRealWindow(t, lib, func(*ui) {})
	within(t, 10*time.Second, "the handbook listed", func() bool { return len(u.library.docs) == 1 })

	const typed = "Who is the CEO of Zentara Robotcs?"
	fyne.DoAndWait(func() {
		u.win.Canvas().Focus(u.chat.entry)
		for _, r := range typed {
			u.chat.entry.TypedRune(r)
		}
		u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	within(t, time.Minute, "the answer", func() bool {
		return len(u.chat.turns) == 1 && u.chat.turns[0].answered && u.askCancel == nil
	})
	var (
		answer llm.Answer
		line   string
		button *widget.Button
	)
	fyne.DoAndWait(func() {
		turn := u.chat.turns[0]
		answer = turn.answer
		line, button = correctedRow(turn.body.Objects[0])
	})
	if answer.Abstained || !strings.Contains(answer.Text, "Iris Kallas") {
		t.Fatalf("answer to %q: %q (abstained %t)", typed, answer.Text, answer.Abstained)
	}
	if line != "Showing results for: Who is the CEO of Zentara Robotics?" || button == nil || button.Text != textSearchExact {
		t.Fatalf("above the answer: %q, button %v", line, button)
	}

	// Search as typed: the question is asked again, uncorrected.
	fyne.DoAndWait(func() { button.OnTapped() })
	within(t, time.Minute, "the answer as typed", func() bool {
		return len(u.chat.turns) == 2 && u.chat.turns[1].answered && u.askCancel == nil
	})
	fyne.DoAndWait(func() {
		turn := u.chat.turns[1]
		if turn.question != typed || turn.answer.Corrected != "" {
			t.Errorf("asked again %q, searched as %q", turn.question, turn.answer.Corrected)
		}
		if l, _ := correctedRow(turn.body.Objects[0]); l != "" {
			t.Errorf("the answer as typed says %q", l)
		}
		if labelWithPrefix(turn.body, "Searched the words as typed, as asked.") == "" {
			t.Error("the answer as typed does not say it was asked so")
		}
	})
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}

// correctedRow reads the "Showing results for" row: its text and its
// Search as typed button.
func correctedRow(o fyne.CanvasObject) (string, *widget.Button) {
	var line string
	if l := labelObject(o, "Showing results for: "); l != nil {
		line = l.Text
	}
	return line, buttonWithText(o, textSearchExact)
}
