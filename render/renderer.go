// Package render draws a PDF page as an image with a passage highlighted,
// for the window's SOURCE pane: "every citation opens the page,
// highlighted".
//
// It runs PDFium compiled to WebAssembly (started by package wasmpdfium,
// as ingest's workers start it) in a worker process: the executable run
// again, as ingest runs its extractors (see RunWorkerIfRequested). A
// hostile page, such as a decompression bomb, costs that process only:
// it is killed when a call passes its deadline, is given up, or the
// process grows past its memory ceiling, and the memory goes with it; the
// next call starts a fresh worker. An executable that does not call
// RunWorkerIfRequested, or Options.InProcess, draws in the calling
// process instead, where PDFium's linear memory is capped and a call that
// runs too long is stopped by closing the module, but what PDFium grew
// stays with the process.
package render

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"
	"time"
)

// Errors a caller shows in plain words; every error Page returns wraps one
// of them (or the caller's context error).
var (
	ErrMissing = errors.New("the file was moved or deleted")
	ErrNoPage  = errors.New("the page does not exist")
	ErrDraw    = errors.New("the page could not be drawn")
)

// Page is a drawn page.
type Page struct {
	// Image is the page, opaque, with the passage highlighted.
	Image *image.RGBA
	// Boxes are the highlighted areas in Image's pixels, in reading order
	// of the page text; empty when nothing of the passage was located.
	Boxes []image.Rectangle
	// Found reports that the whole passage was located on the page (in
	// one piece, or in several when PDFium orders the text differently,
	// as it may for table cells). When false, Boxes hold the longest runs
	// of it that were found, if any.
	Found bool
	// Pages is the number of pages of the document.
	Pages int
}

// Options configure a Renderer. The zero value is usable.
type Options struct {
	// CacheDir keeps PDFium's compiled code between starts; empty means
	// wasmpdfium.CacheDir(), shared with indexing.
	CacheDir string
	// MaxMemory caps PDFium's linear memory in bytes (default 1 GiB).
	MaxMemory int64
	// MaxProcessMemory caps the worker process's resident memory in bytes
	// (default MaxMemory + 512 MiB: PDFium's compiled code and the Go
	// runtime besides its linear memory); a worker over it is killed and
	// the call fails with ErrDraw. A worker still above a quarter of it
	// after a call is replaced, so that the memory a large page made it
	// grow is handed back.
	MaxProcessMemory int64
	// Timeout bounds one Page call once PDFium is running (default 10 s:
	// pages draw in well under a second, a decompression bomb runs until
	// stopped).
	// A call still inside PDFium then stops PDFium (kills the worker),
	// which restarts at the next call (a cache load, not a compile).
	Timeout time.Duration
	// StartTimeout bounds starting PDFium (default 90 s: compiling the
	// module for the first time takes seconds, more on a busy machine).
	StartTimeout time.Duration
	// TrimMargins drops the blank left and right margins of a page, so
	// that its text is drawn larger in the same width; Boxes are then in
	// the trimmed image.
	TrimMargins bool
	// KeepOpen is how many documents stay open between calls (default 2),
	// so that going back and forth between two sources costs no reopening.
	KeepOpen int
	// InProcess draws in the calling process, not in a worker.
	InProcess bool
}

// Renderer draws pages. PDFium (and its worker) is started at the first
// call (or by Start) and kept until Close. Calls are serialised: one draws
// at a time, the others wait. A cancelled context stops a call in
// progress, as a passed deadline, the caller's or Timeout, does; PDFium
// is started afresh at the next call, after such a stop or a failure
// inside it, so that no page breaks the pages after it.
type Renderer struct {
	local *engine // drawing in this process; nil when a worker draws

	mu     sync.Mutex // serialises calls through the worker; guards all below
	opts   Options
	closed bool
	w      *worker // the running worker, if any
	peak   int64   // the worker's largest resident memory seen in the last call (tests)
}

// New returns a Renderer; it starts nothing.
func New(opts Options) *Renderer {
	opts = withDefaults(opts)
	if opts.MaxProcessMemory <= 0 {
		opts.MaxProcessMemory = opts.MaxMemory + 512<<20
	}
	r := &Renderer{opts: opts}
	if opts.InProcess || !hooked.Load() {
		r.local = newEngine(opts)
	}
	return r
}

var errClosed = fmt.Errorf("%w: the renderer is closed", ErrDraw)

// Start starts PDFium now rather than at the first Page, and reports how
// long starting took (zero when it was already running).
func (r *Renderer) Start(ctx context.Context) (time.Duration, error) {
	if r.local != nil {
		return r.local.Start(ctx)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return 0, errClosed
	}
	if r.w != nil {
		return 0, nil
	}
	t0 := time.Now()
	err := r.startWorker(ctx)
	return time.Since(t0), err
}

// Page draws page (1-based) of the PDF at path, widthPx pixels wide, with
// passage highlighted where it is found in the page's text. A passage not
// on the page still gives the drawn page, with Found false.
func (r *Renderer) Page(ctx context.Context, path string, page int, passage string, widthPx int) (Page, error) {
	if r.local != nil {
		return r.local.Page(ctx, path, page, passage, widthPx)
	}
	return r.remotePage(ctx, request{Op: opPage, Path: path, Page: page, Passage: passage, Width: widthPx})
}

// PageOCR is Page for a page whose text was read by OCR: the passage is
// located among words, the words OCR read with their boxes, instead of
// in the page's text layer (which a scan does not have).
func (r *Renderer) PageOCR(ctx context.Context, path string, page int, passage string, widthPx int, words []Word) (Page, error) {
	if r.local != nil {
		return r.local.PageOCR(ctx, path, page, passage, widthPx, words)
	}
	if words == nil {
		words = []Word{}
	}
	return r.remotePage(ctx, request{Op: opPage, Path: path, Page: page, Passage: passage, Width: widthPx, OCR: true, Words: words})
}

// Raster draws page (1-based) of the PDF at path in grey, with no
// highlight, for OCR. A page too large for maxRasterPixels at o.DPI is
// drawn at the largest resolution that fits. It obeys the same deadline
// and limits as Page.
func (r *Renderer) Raster(ctx context.Context, path string, page int, o RasterOptions) (Scan, error) {
	if r.local != nil {
		return r.local.Raster(ctx, path, page, o)
	}
	return r.remoteRaster(ctx, request{Op: opRaster, Path: path, Page: page, DPI: o.DPI, Embedded: o.Embedded})
}

// Close closes the documents and stops PDFium (and its worker). It waits
// for a call in progress; later calls fail.
func (r *Renderer) Close() error {
	if r.local != nil {
		return r.local.Close()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	if r.w != nil {
		r.w.close()
		r.w = nil
	}
	return nil
}
