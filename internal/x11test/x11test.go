//go:build linux

// Package x11test drives the X server the way a file manager does during
// a drag and drop, for the window's tests: it takes the XdndSelection and
// holds a mouse button down (XTest) with the pointer at a place. It is
// used by tests only.
package x11test

/*
#cgo LDFLAGS: -lX11 -lXtst
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <stdlib.h>

static Display *x11testOpen(void) { return XOpenDisplay(NULL); }

static int x11testStart(Display *d, int x, int y) {
	Window w = XCreateSimpleWindow(d, DefaultRootWindow(d), 0, 0, 1, 1, 0, 0, 0);
	Atom sel = XInternAtom(d, "XdndSelection", False);
	XSetSelectionOwner(d, sel, w, CurrentTime);
	XTestFakeMotionEvent(d, -1, x, y, CurrentTime);
	XTestFakeButtonEvent(d, 1, True, CurrentTime);
	XSync(d, False);
	return XGetSelectionOwner(d, sel) == w;
}

static void x11testEnd(Display *d) {
	XTestFakeButtonEvent(d, 1, False, CurrentTime);
	XSync(d, False);
}
*/
import "C"

import "errors"

// Drag is a drag and drop in progress.
type Drag struct{ dpy *C.Display }

// StartDrag begins a drag with the pointer at (x, y) on the screen.
func StartDrag(x, y int) (*Drag, error) {
	d := C.x11testOpen()
	if d == nil {
		return nil, errors.New("x11test: no X display")
	}
	if C.x11testStart(d, C.int(x), C.int(y)) != 1 {
		C.XCloseDisplay(d)
		return nil, errors.New("x11test: could not own XdndSelection")
	}
	return &Drag{dpy: d}, nil
}

// End lets the button go and gives the selection up.
func (d *Drag) End() {
	C.x11testEnd(d.dpy)
	C.XCloseDisplay(d.dpy)
}
