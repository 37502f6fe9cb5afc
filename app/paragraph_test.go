package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"quire/library"
	"quire/llm"
)

// copayAnswer is the multi-sentence answer that Fyne's RichText drew one
// letter per line in a 430 px chat pane (issue 16).
func copayAnswer() llm.Answer {
	return llm.Answer{
		Text: "Northwind Health Plus has a copay of $30 for primary care visits and $50 for specialist visits [1]. " +
			"When using Northwind Health Plus, in-network providers accept the negotiated rate as payment in full, so you only pay the copay, and emergency services are covered at the in-network level even when the provider is out of network [2]. " +
			"Preventive care such as annual physicals and immunizations has no copay at all [1][2].",
		Citations: []llm.Citation{
			{N: 1, DocID: 1, File: "Northwind_Health_Plus_Benefits_Details.pdf", Page: 12, Used: true, Snippet: "copay of $30"},
			{N: 2, DocID: 1, File: "Northwind_Health_Plus_Benefits_Details.pdf", Page: 14, Used: true, Snippet: "in-network providers"},
		},
	}
}

// renderedHeight is how far down the paragraph's drawn words reach.
func renderedHeight(p *paragraph) float32 {
	var h float32
	for _, o := range test.WidgetRenderer(p).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			h = max(h, t.Position().Y+t.Size().Height)
		}
	}
	return h
}

// TestAnswerWrapsLikeAParagraph sweeps the chat pane from 250 to 1,800 px
// and checks the answer's drawn height stays within 3 one-line heights
// per 100 characters, that every line is full (a line breaks only where
// the next word does not fit) and that no word is drawn outside the pane.
func TestAnswerWrapsLikeAParagraph(t *testing.T) {
	a := copayAnswer()
	fc := &fakeCore{answer: func(string) llm.Answer { return a }}
	u := newTestUI(t, fc)
	if _, err := fc.Ingest(u.ctx, []string{"/docs/Northwind_Health_Plus_Benefits_Details.pdf"}, func(library.Event) {}); err != nil {
		t.Fatal(err)
	}
	u.reloadDocs()
	u.ask("what is copay for Northwind Health Plus?")
	turn := u.chat.turns[0]
	if turn.text == nil {
		t.Fatal("no answer text shown")
	}
	p := turn.text
	line := p.lineHeight()
	chars := len([]rune(p.String()))
	limit := 3 * line * float32(math.Ceil(float64(chars)/100))
	for w := float32(250); w <= 1800; w += 50 {
		// Make the window wide enough, then drag the divider so the
		// chat pane is w wide.
		u.win.Resize(fyne.NewSize(max(1200, w/(0.62*0.75)+40), 800))
		u.right.SetOffset(float64((w + 4) / u.right.Size().Width))
		pw := p.Size().Width
		h := renderedHeight(p)
		if h > limit || h < line {
			t.Errorf("pane %.0f (answer %.0f px wide): %d characters drawn %.0f px tall, limit %.0f (line %.0f)", w, pw, chars, h, limit, line)
		}
		t.Logf("pane %.0f: answer %.0f wide, %.0f tall", w, pw, h)
		checkFullLines(t, p, pw)
	}
}

// checkFullLines fails when a line ends while its next word would have
// fitted, or a word reaches past the right edge (a word wider than the
// whole line excepted).
func checkFullLines(t *testing.T, p *paragraph, width float32) {
	t.Helper()
	pad := p.words[0].pos.X
	right := width - pad
	sp := p.spaceWidth()
	for i := 1; i < len(p.words); i++ {
		prev, w := p.words[i-1], p.words[i]
		if prev.pos.X+prev.w > right+0.5 && prev.pos.X > pad {
			t.Errorf("width %.0f: %q drawn past the edge", width, prev.text)
		}
		if w.br {
			if w.pos.Y <= prev.pos.Y || w.pos.X > pad+0.5 {
				t.Errorf("width %.0f: %q, after a line break, does not start a line", width, w.text)
			}
			continue
		}
		if w.pos.Y > prev.pos.Y && prev.pos.X+prev.w+sp+w.w <= right-0.5 {
			t.Errorf("width %.0f: line broken early before %q (after %q)", width, w.text, prev.text)
			return
		}
	}
}

func TestParagraphCopiesSelectionOrAll(t *testing.T) {
	test.NewTempApp(t)
	p := newParagraph(speaker("Quire"), span{Text: "Zentara has 287 employees "}, span{Text: "[1]", Cite: 1}, span{Text: "."})
	p.copyAll = func() string { return "ALL" }
	p.Resize(fyne.NewSize(400, 100))
	if got := p.String(); got != "Quire: Zentara has 287 employees [1]." {
		t.Errorf("text %q", got)
	}
	p.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "ALL" {
		t.Errorf("copy with no selection gave %q", got)
	}
	// Drag from "Zentara" to "287".
	from, to := p.words[1].pos.AddXY(2, 2), p.words[3].pos.AddXY(2, 2)
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	p.DragEnd()
	p.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "Zentara has 287" {
		t.Errorf("copy of the selection gave %q", got)
	}
	if !strings.Contains(p.String(), "[1]") {
		t.Error("marker lost")
	}
}

// An answer's lines start lines of their own: the computed result, then
// each row it used, though the pane is wide enough for all on one line.
func TestParagraphKeepsLineBreaks(t *testing.T) {
	test.NewTempApp(t)
	p := newParagraph(speaker("Quire"), span{Text: "Computed: working capital 2,853 for 2021 "}, span{Text: "[1]", Cite: 1},
		span{Text: "\nTotal current assets: 7,659 (2021) "}, span{Text: "[1]", Cite: 1}, span{Text: "\nTotal current liabilities: 4,806 (2021)"})
	p.Resize(fyne.NewSize(2000, 400))
	if got, want := p.String(), "Quire: Computed: working capital 2,853 for 2021 [1]\nTotal current assets: 7,659 (2021) [1]\nTotal current liabilities: 4,806 (2021)"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	lines := map[float32]bool{}
	for _, w := range p.words {
		lines[w.pos.Y] = true
	}
	if len(lines) != 3 {
		t.Errorf("drawn on %d lines, want 3", len(lines))
	}
	checkFullLines(t, p, p.Size().Width)
}
