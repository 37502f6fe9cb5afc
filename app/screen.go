package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// clampToScreen shrinks the window to fit the screen it opened on: a size
// saved on a larger screen (1920×1080 reopened on 1400×900) would
// otherwise put the header buttons and the question box off-screen.
func (u *ui) clampToScreen() {
	screen, ok := u.screenSize()
	if !ok {
		return
	}
	s := u.win.Canvas().Size()
	if fit := fitScreen(s, screen.Width, screen.Height); fit != s {
		u.win.Resize(fit)
	}
}

// screenSize is the primary screen's size in the window's units; ok is
// false off the desktop driver.
func (u *ui) screenSize() (size fyne.Size, ok bool) {
	nw, isNative := u.win.(driver.NativeWindow)
	if !isNative {
		return size, false
	}
	nw.RunNative(func(any) { // on the main thread, where GLFW may be asked
		m := glfw.GetPrimaryMonitor()
		if m == nil || m.GetVideoMode() == nil {
			return
		}
		mode := m.GetVideoMode()
		scale := u.win.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		size, ok = fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale), true
	})
	return size, ok
}

// fitScreen is size shrunk, where it must be, to leave room for the
// desktop's panels and the window's title bar on a screen of w×h.
func fitScreen(size fyne.Size, w, h float32) fyne.Size {
	return fyne.NewSize(min(size.Width, w*0.96), min(size.Height, h*0.9))
}
