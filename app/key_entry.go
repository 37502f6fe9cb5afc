package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a text box that lets the window keep its keys: a focused
// widget.Entry otherwise swallows Ctrl+O, Ctrl+L and Esc. With onSubmit set
// (the question box), Enter submits and Shift+Enter starts a new line. It
// extends widget.Entry only to route keys; it draws nothing of its own.
type keyEntry struct {
	widget.Entry
	shift bool

	onSubmit   func(string)             // Enter; nil keeps Entry's behaviour
	onEscape   func()                   // Esc
	onShortcut func(fyne.Shortcut) bool // true when the window handled it
}

// newQuestionEntry is the CHAT question box.
func newQuestionEntry() *keyEntry {
	e := &keyEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder(textAskHint)
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(2)
	return e
}

// newKeyEntry is a single-line box, e.g. the LIBRARY filter.
func newKeyEntry(placeholder string) *keyEntry {
	e := &keyEntry{}
	e.SetPlaceHolder(placeholder)
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *keyEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.onSubmit != nil && !e.shift {
			e.onSubmit(e.Text)
			return
		}
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
			return
		}
	}
	e.Entry.TypedKey(k)
}

func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
