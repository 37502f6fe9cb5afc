//go:build linux

package app

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <stdlib.h>

static Display *quireOpen(void) { return XOpenDisplay(NULL); }

// An X error on the poller's own connection (the window destroyed under
// a poll, as the app quits) is ignored; Xlib's default handler would end
// the process. Errors on other connections go to the handler before.
static Display *quireDpy;
static XErrorHandler quirePrev;

static int quireOnError(Display *d, XErrorEvent *e) {
	if (d == quireDpy) return 0;
	return quirePrev ? quirePrev(d, e) : 0;
}

static void quireTolerate(Display *d) {
	if (quireDpy != NULL) return; // one window polls per process
	quireDpy = d;
	quirePrev = XSetErrorHandler(quireOnError);
}

// quireDragging is 1 while a drag and drop is under way (a window owns
// the XdndSelection and a mouse button is held) with the pointer inside
// window w.
static int quireDragging(Display *d, Window w, Atom sel) {
	if (XGetSelectionOwner(d, sel) == None) return 0;
	Window root, child;
	int rx, ry, wx, wy;
	unsigned int mask;
	if (!XQueryPointer(d, w, &root, &child, &rx, &ry, &wx, &wy, &mask)) return 0;
	if (!(mask & (Button1Mask | Button2Mask | Button3Mask))) return 0;
	XWindowAttributes a;
	if (!XGetWindowAttributes(d, w, &a)) return 0;
	return wx >= 0 && wy >= 0 && wx < a.width && wy < a.height;
}
*/
import "C"

import (
	"sync"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// x11Drag polls X11 for a drag over one window, on a connection of its
// own (Xlib connections are not shared across threads here).
type x11Drag struct {
	mu   sync.Mutex
	dpy  *C.Display
	win  C.Window
	sel  C.Atom
	done bool // the window is closing: X must not be asked about it
}

// newDragOver watches drags over w on X11; nil elsewhere (Wayland without
// X, no display).
func newDragOver(w fyne.Window) dragOver {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return nil
	}
	var handle uintptr
	var dpy *C.Display
	nw.RunNative(func(ctx any) { // on the main thread: GLFW sets no handler meanwhile
		x, ok := ctx.(driver.X11WindowContext)
		if !ok || x.WindowHandle == 0 {
			return
		}
		if dpy = C.quireOpen(); dpy != nil {
			handle = x.WindowHandle
			C.quireTolerate(dpy)
		}
	})
	if dpy == nil {
		return nil
	}
	name := C.CString("XdndSelection")
	defer C.free(unsafe.Pointer(name))
	d := &x11Drag{dpy: dpy, win: C.Window(handle), sel: C.XInternAtom(dpy, name, C.False)}
	return d
}

func (d *x11Drag) over() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return false
	}
	return C.quireDragging(d.dpy, d.win, d.sel) == 1
}

// stop is called as the window closes, before X destroys it: asking
// about a destroyed window would be an X error, which ends the process.
func (d *x11Drag) stop() {
	d.mu.Lock()
	d.done = true
	d.mu.Unlock()
}

func (d *x11Drag) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.done = true
	if d.dpy != nil {
		C.XCloseDisplay(d.dpy)
		d.dpy = nil
	}
}
