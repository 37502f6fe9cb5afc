package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"quire/llm"
	"quire/store"
)

// popOut is a window of its own showing the cited page, as large as the
// screen allows, for reading a balance sheet the SOURCE column is too
// narrow for. It follows the citations clicked while it is open and has
// its own zoom; it draws with the main window's renderer.
type popOut struct {
	win fyne.Window
	src *sourcePane
}

// popOutSource opens the pop-out window on the citation SOURCE shows, or
// brings it forward when it is open.
func (u *ui) popOutSource() {
	if u.popped != nil {
		u.popped.win.RequestFocus()
		return
	}
	s := newSourcePane(u.app.OpenURL)
	s.draw, s.drawOCR, s.wordsFor = u.source.draw, u.source.drawOCR, u.source.wordsFor
	s.spawn = func(fn func()) { u.spawn(fn) }
	s.ctx, s.gone = u.ctx, u.closed.Load

	w := u.app.NewWindow("Quire")
	p := &popOut{win: w, src: s}
	w.SetContent(s.root)
	size := fyne.NewSize(900, 1000)
	if screen, ok := u.screenSize(); ok {
		size = fitScreen(size, screen.Width, screen.Height)
	}
	w.Resize(size)
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	for key, fn := range map[fyne.KeyName]func(){fyne.KeyEqual: func() { s.zoomBy(1) }, fyne.KeyPlus: func() { s.zoomBy(1) },
		fyne.KeyMinus: func() { s.zoomBy(-1) }, fyne.Key0: s.zoomFit} {
		fn := fn
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { fn() })
	}
	w.SetOnClosed(func() {
		s.seq++ // a draw still running is dropped
		s.stopDrawing()
		if u.popped == p {
			u.popped = nil
		}
	})
	u.popped = p
	w.Show()
	d, ok := u.library.doc(u.source.cited.DocID)
	p.show(u.source.cited, d, ok)
}

// show puts citation c in the pop-out and its title.
func (p *popOut) show(c llm.Citation, d store.Document, known bool) {
	p.win.SetTitle("Quire — " + c.File + " " + pageRef(c))
	p.src.show(c, d, known)
}
