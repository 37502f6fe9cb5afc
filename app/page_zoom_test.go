package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestZoomStep(t *testing.T) {
	tests := []struct {
		z    float32
		n    int
		want float32
	}{
		{1, 1, 1.25}, {1, -1, 0.8}, {1, 3, 2}, {4, 1, 4}, {0.5, -1, 0.5},
		{1.1, 1, 1.25}, {1.1, -1, 1}, {0.1, 1, 0.5}, {9, -1, 3},
	}
	for _, tc := range tests {
		if got := zoomStep(tc.z, tc.n); got != tc.want {
			t.Errorf("zoomStep(%v, %d) = %v, want %v", tc.z, tc.n, got, tc.want)
		}
	}
	if zoomText(1) != "Fit width" || zoomText(1.5) != "150 %" {
		t.Errorf("zoomText: %q, %q", zoomText(1), zoomText(1.5))
	}
}

// Zoom in the SOURCE pane over a page PDFium draws (the shared Zentara
// handbook): Ctrl++ and Ctrl+wheel enlarge the page past the pane's width
// (drawn again at the finer resolution) while the passage text keeps
// wrapping at the pane's width; the point under the wheel stays put; the
// wheel alone scrolls; Ctrl+0 fits the width again.
func TestSourceZoom(t *testing.T) {
	pdf := evalPDF(t)
	u := newTestUI(t, sourceCore(pdf, "CEO Iris Kallas"))
	askAndCite(t, u)
	s := u.source
	w := s.scroll.Size().Width
	if s.view.Size().Width != w || s.zoomLabel.Text != "Fit width" || s.zoomFitB.Disabled() == false {
		t.Fatalf("before zooming: page %v wide in a pane %v wide, label %q", s.view.Size().Width, w, s.zoomLabel.Text)
	}
	fitPx := s.drawW

	u.runShortcut(ctrl(fyne.KeyEqual))
	u.runShortcut(ctrl(fyne.KeyEqual)) // 150 %
	if got := s.view.Size().Width; got < w*1.49 || got > w*1.51 {
		t.Errorf("Ctrl++ twice: page %v wide in a pane %v wide, want 1.5×", got, w)
	}
	if s.zoomLabel.Text != "150 %" || s.zoomFitB.Disabled() {
		t.Errorf("label %q, fit enabled %v", s.zoomLabel.Text, !s.zoomFitB.Disabled())
	}
	if s.drawW < fitPx*5/4 {
		t.Errorf("zoomed page not drawn again finer: %d px, %d at fit width", s.drawW, fitPx)
	}
	if tw := s.text.Size().Width; tw != w {
		t.Errorf("passage text %v wide, want the pane's %v", tw, w)
	}

	// Ctrl+wheel over a point of the page zooms around it.
	s.modifiers = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	at := fyne.NewPos(w/2, 300)
	before := s.scroll.Offset.Add(fyne.NewPos(0, 0))
	screenY := s.view.Position().Y + at.Y - before.Y
	s.wheel(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, 10)})
	if s.zoom != 2 {
		t.Fatalf("Ctrl+wheel up: zoom %v, want 2", s.zoom)
	}
	after := s.view.Position().Y + at.Y*2/1.5 - s.scroll.Offset.Y
	if d := after - screenY; d > 2 || d < -2 {
		t.Errorf("the point under the wheel moved %v on screen", d)
	}
	if s.scroll.Offset.X <= 0 {
		t.Errorf("zoomed around the middle: no sideways offset (%v)", s.scroll.Offset)
	}

	// The wheel alone scrolls.
	s.modifiers = func() fyne.KeyModifier { return 0 }
	y := s.scroll.Offset.Y
	s.wheel(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -40)})
	if s.zoom != 2 || s.scroll.Offset.Y != y+40 {
		t.Errorf("wheel: zoom %v, offset %v → %v", s.zoom, y, s.scroll.Offset.Y)
	}
	// Dragging pans.
	x := s.scroll.Offset.X
	s.view.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-20, 0)})
	if s.scroll.Offset.X != x+20 {
		t.Errorf("drag: x offset %v → %v", x, s.scroll.Offset.X)
	}

	u.runShortcut(ctrl(fyne.Key0))
	if s.view.Size().Width != w || s.scroll.Offset.X != 0 || s.zoomLabel.Text != "Fit width" {
		t.Errorf("Ctrl+0: page %v wide in %v, offset %v, label %q", s.view.Size().Width, w, s.scroll.Offset, s.zoomLabel.Text)
	}
}

// The pop-out window shows the cited page larger, follows the next
// citation clicked, and closes with Esc.
func TestSourcePopOut(t *testing.T) {
	pdf := evalPDF(t)
	u := newTestUI(t, sourceCore(pdf, "CEO Iris Kallas"))
	askAndCite(t, u)
	test.Tap(u.source.popOut)
	p := u.popped
	if p == nil {
		t.Fatal("no pop-out window")
	}
	p.win.Resize(fyne.NewSize(900, 1000))
	if !p.src.drawn.Found || p.src.view.Size().Width < 2*u.source.view.Size().Width {
		t.Errorf("pop-out page %v wide (found %v), SOURCE's %v", p.src.view.Size().Width, p.src.drawn.Found, u.source.view.Size().Width)
	}
	if p.win.Title() != "Quire — zentara_robotics_handbook.pdf p.1" {
		t.Errorf("pop-out title %q", p.win.Title())
	}
	if p.src.popOut.Visible() {
		t.Error("the pop-out offers to pop out again")
	}
	test.Tap(u.source.popOut) // again: the same window
	if u.popped != p {
		t.Error("a second pop-out window opened")
	}
	test.Tap(u.chat.turns[0].citations[0])
	if p.src.cited.N != 1 || !p.src.drawn.Found {
		t.Error("the pop-out does not show the citation clicked")
	}
	p.win.Canvas().(test.WindowlessCanvas).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.popped != nil {
		t.Error("Esc left the pop-out open")
	}
}

// ctrl is Ctrl+key (Cmd on macOS), as the window binds it.
func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}
