package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// watchRow is one watched folder under the library list, one line of
// text high: an eye, "Watching Papers", and a small × that stops watching
// it. Hovering shows the folder's full path below the row, as a tooltip.
type watchRow struct {
	widget.BaseWidget
	dir  string
	text *canvas.Text
	stop *tapIcon
	tip  *widget.PopUp // the full path while hovered
}

func newWatchRow(dir string, onStop func()) *watchRow {
	r := &watchRow{dir: dir}
	r.text = canvas.NewText("Watching "+filepath.Base(dir), theme.Color(theme.ColorNamePlaceHolder))
	r.text.TextStyle = fyne.TextStyle{Italic: true}
	r.stop = newTapIcon(theme.CancelIcon(), onStop)
	r.ExtendBaseWidget(r)
	return r
}

func (r *watchRow) CreateRenderer() fyne.WidgetRenderer {
	size := fyne.NewSquareSize(theme.IconInlineSize())
	eye := canvas.NewImageFromResource(theme.VisibilityIcon())
	eye.SetMinSize(size)
	eye.FillMode = canvas.ImageFillContain // the row is taller than the icon
	text := container.New(&clipText{full: r.text.Text}, r.text)
	row := container.NewBorder(nil, nil, eye, r.stop, text)
	return widget.NewSimpleRenderer(container.New(&padBox{pad: theme.Padding()}, row))
}

// MouseIn shows the full path under the row.
func (r *watchRow) MouseIn(*desktop.MouseEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(r)
	if c == nil {
		return
	}
	label := widget.NewLabel(r.dir)
	r.tip = widget.NewPopUp(label, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r)
	r.tip.ShowAtPosition(pos.Add(fyne.NewPos(0, r.Size().Height)))
}

// MouseMoved implements desktop.Hoverable.
func (r *watchRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the path.
func (r *watchRow) MouseOut() {
	if r.tip != nil {
		r.tip.Hide()
		r.tip = nil
	}
}

// tapIcon is an icon that acts when tapped, smaller than a button.
type tapIcon struct {
	widget.BaseWidget
	res   fyne.Resource
	onTap func()
}

func newTapIcon(res fyne.Resource, onTap func()) *tapIcon {
	t := &tapIcon{res: res, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapIcon) CreateRenderer() fyne.WidgetRenderer {
	img := canvas.NewImageFromResource(t.res)
	img.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	img.FillMode = canvas.ImageFillContain
	return widget.NewSimpleRenderer(img)
}

// Tapped implements fyne.Tappable.
func (t *tapIcon) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Cursor shows a hand over the icon.
func (t *tapIcon) Cursor() desktop.Cursor { return desktop.PointerCursor }

// clipText lays out one canvas.Text at the width given, cut with "…"
// to fit, so a long folder name never widens the pane nor runs under the
// icon beside it.
type clipText struct{ full string }

func (*clipText) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, objs[0].MinSize().Height)
}

func (c *clipText) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t := objs[0].(*canvas.Text)
	fit := c.full
	width := func(s string) float32 { return fyne.MeasureText(s, t.TextSize, t.TextStyle).Width }
	if width(fit) > size.Width {
		r := []rune(fit)
		for len(r) > 0 && width(string(r)+"…") > size.Width {
			r = r[:len(r)-1]
		}
		fit = string(r) + "…"
	}
	if t.Text != fit {
		t.Text = fit
		t.Refresh()
	}
	h := t.MinSize().Height
	t.Move(fyne.NewPos(0, (size.Height-h)/2))
	t.Resize(fyne.NewSize(size.Width, h))
}

// padBox insets its objects by pad on every side.
type padBox struct{ pad float32 }

func (p *padBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Add(fyne.NewSquareSize(2 * p.pad))
}

func (p *padBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(p.pad, p.pad))
		o.Resize(size.Subtract(fyne.NewSquareSize(2 * p.pad)))
	}
}

// rowsBox stacks rows with no space between them, each at its own
// height.
type rowsBox struct{}

func (rowsBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
	}
	return s
}

func (rowsBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}
