package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dragOver tells whether files are being dragged over the window now.
// GLFW (under Fyne) reports a drop but not a drag entering the window,
// so the platform's drag state is polled instead (see dragover_x11.go).
type dragOver interface {
	over() bool
	stop()  // the window is closing: ask nothing more about it
	close() // release the poller; after stop
}

// dragEvery is how often the drag state is polled: often enough for the
// overlay to follow the pointer, a few X round trips each, nothing at rest.
const dragEvery = 150 * time.Millisecond

const textDropHere = "Drop to add to your library"

// newDropOverlay is the overlay shown while files are dragged over the
// window: a tinted cover with a framed "Drop to add to your library".
func newDropOverlay() fyne.CanvasObject {
	tint := canvas.NewRectangle(color.NRGBA{R: 0x10, G: 0x14, B: 0x20, A: 0xf0})
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	frame.StrokeWidth = 3
	frame.CornerRadius = 12
	title := widget.NewLabelWithStyle(textDropHere, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	hint := widget.NewLabelWithStyle("PDFs and folders; folders are watched for new files", fyne.TextAlignCenter, fyne.TextStyle{})
	icon := widget.NewIcon(theme.DownloadIcon())
	middle := container.NewCenter(container.NewVBox(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), icon)), title, hint))
	o := container.NewStack(tint, container.New(&padBox{pad: 24}, frame), middle)
	o.Hide()
	return o
}

// setDragging shows or hides the drop overlay.
func (u *ui) setDragging(on bool) {
	if on == u.dropOverlay.Visible() {
		return
	}
	if on {
		u.dropOverlay.Show()
	} else {
		u.dropOverlay.Hide()
	}
	u.win.Content().Refresh() // a container's Show neither lays it out nor repaints
}

// watchDrags polls the drag state until the window closes and shows the
// overlay while files are over the window.
func (u *ui) watchDrags(d dragOver) {
	if d == nil {
		return
	}
	u.drag = d
	u.work.Add(1)
	go func() {
		defer u.work.Done()
		defer d.close()
		t := time.NewTicker(dragEvery)
		defer t.Stop()
		was := false
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-t.C:
			}
			now := d.over()
			if now != was {
				was = now
				fyne.Do(func() {
					if !u.closed.Load() {
						u.setDragging(now)
					}
				})
			}
		}
	}()
}
