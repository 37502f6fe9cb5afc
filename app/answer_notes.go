package app

// The small print around an answer that says what was searched: how many
// documents, the documents a question was kept to and why, the question
// as corrected; with the buttons that ask it again otherwise.

import (
	"cmp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/llm"
)

// searchedNote says what an abstention searched: when the question was
// kept to some documents, which and why, with the button that searches
// them all (an abstention is where widening matters most); else how many
// documents.
func (t *turnView) searchedNote(a llm.Answer) fyne.CanvasObject {
	if a.Scoped {
		return t.scopeNote(a)
	}
	return searchedList(a.Searched)
}

// searchedList says how many documents an abstention searched, with a
// [show] toggle for their names: a library of many files would otherwise
// fill the chat with a wall of names.
func searchedList(names []string) fyne.CanvasObject {
	count := widget.NewLabel(searchedCount(len(names)))
	count.Importance = widget.LowImportance
	if len(names) == 0 {
		return count
	}
	toggle, list := namesToggle(names)
	return container.NewVBox(container.NewHBox(count, toggle), list)
}

// namesToggle is a [show] button and the list of names it shows or
// hides, hidden at first.
func namesToggle(names []string) (*widget.Button, *widget.Label) {
	list := smallPrint(strings.Join(names, ", "))
	list.Hide()
	var toggle *widget.Button
	toggle = widget.NewButton("show", func() {
		if list.Visible() {
			list.Hide()
			toggle.SetText("show")
		} else {
			list.Show()
			toggle.SetText("hide")
		}
	})
	toggle.Importance = widget.LowImportance
	return toggle, list
}

// correctedNote says that the question was searched with its typos
// corrected, above the answer, with a button that asks again with the
// words as typed.
func (t *turnView) correctedNote(a llm.Answer) fyne.CanvasObject {
	line := correctedLine(a.Corrected)
	return t.withButton(smallPrint(line), line, textSearchExact, t.chat.onExact)
}

// scopeNote says which documents the question was kept to and why (it
// named them, or said their subject), with a button that asks again over
// every document. Past maxListedNames the names are behind a toggle.
func (t *turnView) scopeNote(a llm.Answer) fyne.CanvasObject {
	text := scopedLine(a.Searched, a.About, a.Earlier)
	var note fyne.CanvasObject = smallPrint(text)
	if len(a.Searched) > maxListedNames {
		toggle, list := namesToggle(a.Searched)
		note = container.NewVBox(container.NewBorder(nil, nil, nil, toggle, note), list)
	}
	return t.withButton(note, text, textSearchAll, t.chat.onWiden)
}

// withButton puts a button that asks the turn's question again (by ask)
// beside o, or below it in a narrow pane (see noteRow). Without ask (no
// window to ask in) o stands alone. A follow-up is asked again as it was
// searched: its own words would be rewritten from the conversation as it
// is now, and after a question about something else "And how many
// employees does it have?" asked about that.
func (t *turnView) withButton(o fyne.CanvasObject, line string, text string, ask func(question string)) fyne.CanvasObject {
	if ask == nil {
		return o
	}
	q := cmp.Or(t.standalone, t.question)
	return container.New(&noteRow{longest: longestWord(line)}, o, widget.NewButton(text, func() { ask(q) }))
}

// noteRow lays out a note and its button: the button at the right, at its
// own height at the top (stretched to a wrapped note's height it was a
// large grey block), while that leaves the note room for its longest
// word; else below the note, rather than break a file name in the middle
// ("Northwind_Health_Plus_Benefits_Det" / "ails.pdf" in a 430 px pane).
type noteRow struct {
	longest string // the note's longest word
	below   bool   // the last Layout put the button below the note
}

func (r *noteRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	note, button := objs[0], objs[1]
	b := button.MinSize()
	pad := theme.Padding()
	need := fyne.MeasureText(r.longest, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	r.below = size.Width-b.Width-pad < need
	if r.below {
		note.Resize(fyne.NewSize(size.Width, note.MinSize().Height))
		note.Resize(fyne.NewSize(size.Width, note.MinSize().Height)) // its height at this width
		note.Move(fyne.NewPos(0, 0))
		button.Resize(b)
		button.Move(fyne.NewPos(0, note.Size().Height+pad))
		return
	}
	w := size.Width - b.Width - pad
	note.Resize(fyne.NewSize(w, size.Height))
	note.Move(fyne.NewPos(0, 0))
	button.Resize(b)
	button.Move(fyne.NewPos(w+pad, 0))
}

// MinSize is the size of the arrangement the last Layout chose: a wrapped
// note's height depends on the width it was given.
func (r *noteRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n, b := objs[0].MinSize(), objs[1].MinSize()
	pad := theme.Padding()
	if r.below {
		return fyne.NewSize(max(n.Width, b.Width), n.Height+pad+b.Height)
	}
	return fyne.NewSize(n.Width+pad+b.Width, max(n.Height, b.Height))
}

// longestWord is the widest-looking word of s: the longest in runes.
func longestWord(s string) string {
	var w string
	for _, f := range strings.Fields(s) {
		if len([]rune(f)) > len([]rune(w)) {
			w = f
		}
	}
	return w
}

// smallPrint is a wrapped, low-importance line of text.
func smallPrint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
