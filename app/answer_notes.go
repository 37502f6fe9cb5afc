package app

// The small print around an answer that says what was searched: how many
// documents, the documents a question was kept to and why, the question
// as corrected; with the buttons that ask it again otherwise.

import (
	"cmp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	return t.withButton(smallPrint(correctedLine(a.Corrected)), textSearchExact, t.chat.onExact)
}

// scopeNote says which documents the question was kept to and why (it
// named them, or said their subject), with a button that asks again over
// every document. Past maxListedNames the names are behind a toggle.
func (t *turnView) scopeNote(a llm.Answer) fyne.CanvasObject {
	var line fyne.CanvasObject = smallPrint(scopedLine(a.Searched, a.About))
	if len(a.Searched) > maxListedNames {
		toggle, list := namesToggle(a.Searched)
		line = container.NewVBox(container.NewBorder(nil, nil, nil, toggle, line), list)
	}
	return t.withButton(line, textSearchAll, t.chat.onWiden)
}

// withButton puts a button that asks the turn's question again (by ask)
// at the right of o, at its own height at the top: stretched to the
// height of a wrapped note it became a large grey block. Without ask
// (no window to ask in) o stands alone. A follow-up is asked again as it
// was searched: its own words would be rewritten from the conversation
// as it is now, and after a question about something else "And how many
// employees does it have?" asked about that.
func (t *turnView) withButton(o fyne.CanvasObject, text string, ask func(question string)) fyne.CanvasObject {
	if ask == nil {
		return o
	}
	q := cmp.Or(t.standalone, t.question)
	return container.NewBorder(nil, nil, nil, container.NewVBox(widget.NewButton(text, func() { ask(q) })), o)
}

// smallPrint is a wrapped, low-importance line of text.
func smallPrint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
