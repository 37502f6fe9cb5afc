package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// zoomLevels are the page sizes the SOURCE pane steps through, as a share
// of the pane's width: 1 is "fit width", the default.
var zoomLevels = []float32{0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4}

// zoomStep is the level n steps from z (n < 0 smaller), clamped to the
// ends of zoomLevels.
func zoomStep(z float32, n int) float32 {
	i := 0
	for i < len(zoomLevels)-1 && zoomLevels[i] < z-0.001 {
		i++
	}
	if n > 0 && zoomLevels[i] > z+0.001 {
		n-- // z lies between levels: the next one up is the first step
	}
	return zoomLevels[min(max(i+n, 0), len(zoomLevels)-1)]
}

// zoomText is what the zoom control shows: "Fit width" or "150 %".
func zoomText(z float32) string {
	if z > 0.999 && z < 1.001 {
		return "Fit width"
	}
	return fmt.Sprintf("%.0f %%", z*100)
}

// pageView shows the drawn page. It takes the mouse wheel over the page:
// with Ctrl (Cmd on macOS) held the wheel zooms around the pointer,
// otherwise it scrolls the pane as usual; dragging the page pans it.
type pageView struct {
	widget.BaseWidget
	img      *canvas.Image
	onScroll func(*fyne.ScrollEvent)
	onDrag   func(*fyne.DragEvent)
}

func newPageView(img *canvas.Image) *pageView {
	v := &pageView{img: img}
	v.ExtendBaseWidget(v)
	return v
}

func (v *pageView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.img) }

// Scrolled implements fyne.Scrollable.
func (v *pageView) Scrolled(ev *fyne.ScrollEvent) {
	if v.onScroll != nil {
		v.onScroll(ev)
	}
}

// Dragged implements fyne.Draggable.
func (v *pageView) Dragged(ev *fyne.DragEvent) {
	if v.onDrag != nil {
		v.onDrag(ev)
	}
}

// DragEnd implements fyne.Draggable.
func (v *pageView) DragEnd() {}

// keyModifiers are the modifier keys held now (none off the desktop).
func keyModifiers() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// wheel handles the mouse wheel over the page.
func (s *sourcePane) wheel(ev *fyne.ScrollEvent) {
	mods := s.modifiers()
	if mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 && ev.Scrolled.DY != 0 {
		n := 1
		if ev.Scrolled.DY < 0 {
			n = -1
		}
		s.zoomAt(zoomStep(s.zoom, n), ev.Position)
		return
	}
	if mods&fyne.KeyModifierShift != 0 && ev.Scrolled.DX == 0 {
		ev.Scrolled.DX, ev.Scrolled.DY = ev.Scrolled.DY, 0 // Shift+wheel pans sideways
	}
	s.scroll.Scrolled(ev)
}

// pan moves the view with a drag of the page.
func (s *sourcePane) pan(ev *fyne.DragEvent) {
	off := s.scroll.Offset
	s.scroll.ScrollToOffset(s.clampOffset(fyne.NewPos(off.X-ev.Dragged.DX, off.Y-ev.Dragged.DY)))
}

// zoomBy steps the zoom n levels, keeping the centre of the view in place.
func (s *sourcePane) zoomBy(n int) { s.zoomAt(zoomStep(s.zoom, n), s.viewCentre()) }

// zoomFit shows the page at the pane's width.
func (s *sourcePane) zoomFit() { s.zoomAt(1, s.viewCentre()) }

// viewCentre is the centre of what the pane shows, in the page's units.
func (s *sourcePane) viewCentre() fyne.Position {
	vp, off, size := s.view.Position(), s.scroll.Offset, s.scroll.Size()
	return fyne.NewPos(off.X+size.Width/2-vp.X, off.Y+size.Height/2-vp.Y)
}

// zoomAt sets the zoom to z, keeping the point at (page units) where it
// is in the view, and draws the page again when the bitmap is too coarse.
func (s *sourcePane) zoomAt(z float32, at fyne.Position) {
	old := s.zoom
	s.zoom = z
	s.zoomLabel.SetText(zoomText(z))
	s.zoomControls()
	if s.drawn.Image == nil || old == z {
		return
	}
	r := z / old
	off := s.scroll.Offset
	s.fit(s.scroll.Size().Width)
	s.scroll.Refresh()
	s.scroll.ScrollToOffset(s.clampOffset(fyne.NewPos(off.X+at.X*(r-1), off.Y+at.Y*(r-1))))
}

// clampOffset keeps a scroll offset within the content.
func (s *sourcePane) clampOffset(p fyne.Position) fyne.Position {
	content, size := s.scroll.Content.MinSize(), s.scroll.Size()
	p.X = max(0, min(p.X, content.Width-size.Width))
	p.Y = max(0, min(p.Y, content.Height-size.Height))
	return p
}

// zoomControls enables the buttons that can still act.
func (s *sourcePane) zoomControls() {
	enable := func(b *widget.Button, on bool) {
		if on && s.drawn.Image != nil {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(s.zoomOut, s.zoom > zoomLevels[0])
	enable(s.zoomIn, s.zoom < zoomLevels[len(zoomLevels)-1])
	enable(s.zoomFitB, s.zoom != 1)
}

// pageColumn lays out the SOURCE scroll's content: the status line and the
// passage text at the view's width (so the text wraps there however far the
// page is zoomed), the page at its own zoomed size.
type pageColumn struct{ s *sourcePane }

func (l pageColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		n++
	}
	if n > 1 {
		s.Height += theme.Padding() * float32(n-1)
	}
	return s
}

func (l pageColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	view := l.s.scroll.Size().Width
	if view <= 0 {
		view = size.Width
	}
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(0, y))
		if o == fyne.CanvasObject(l.s.view) {
			o.Resize(o.MinSize())
		} else {
			o.Resize(fyne.NewSize(view, o.Size().Height)) // wrapped text knows its height once it has its width
			o.Resize(fyne.NewSize(view, o.MinSize().Height))
		}
		y += o.Size().Height + theme.Padding()
	}
}
