package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"

	"quire/wasmpdfium"
)

// engine draws pages with PDFium in this process: a Renderer's own
// (Options.InProcess), or the one a worker process serves. PDFium is
// started at the first call (or by Start) and kept until Close. Calls
// are serialised: one draws at a time, the others wait. A cancelled context is honoured between the steps of a
// call (open, draw, locate), and stops a step in progress, as a passed
// deadline, the caller's or Timeout, does. PDFium is restarted after a
// call it failed inside or was stopped in, so that what a hostile page
// left in its memory (which WebAssembly never shrinks) does not break
// the pages after it.
type engine struct {
	opts Options

	mu      sync.Mutex // serialises calls; guards all below
	closed  bool
	pool    pdfium.Pool
	inst    pdfium.Pdfium
	stop    context.CancelFunc // closes the module, aborting a call in progress
	docs    []*openDoc         // most recently used first
	started time.Duration      // how long the last start took
	faulted bool               // the call in progress failed inside PDFium
}

// openDoc is a document kept open. file stays open as long as the
// document: PDFium reads it through the reader.
type openDoc struct {
	path  string
	size  int64
	mod   time.Time
	file  *os.File
	doc   references.FPDF_DOCUMENT
	pages int
}

// newEngine returns an engine; it starts nothing. opts has its defaults.
func newEngine(opts Options) *engine {
	return &engine{opts: opts}
}

// withDefaults fills in the zero fields of opts.
func withDefaults(opts Options) Options {
	if opts.CacheDir == "" {
		opts.CacheDir = wasmpdfium.CacheDir()
	}
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = 1 << 30
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 90 * time.Second
	}
	if opts.KeepOpen <= 0 {
		opts.KeepOpen = 2
	}
	return opts
}

// Start starts PDFium now rather than at the first Page, and reports how
// long starting took (zero when it was already running).
func (r *engine) Start(ctx context.Context) (time.Duration, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return 0, errClosed
	}
	if r.inst != nil {
		return 0, nil
	}
	err := r.start(ctx)
	return r.started, err
}

// start compiles PDFium (or loads it from the cache) and instantiates it.
// r.mu is held.
func (r *engine) start(ctx context.Context) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: PDFium did not start: %v", ErrDraw, p)
		}
	}()
	t0 := time.Now()
	// Cancelling run closes the module: a call in progress then fails.
	run, stop := context.WithCancel(context.Background())
	type started struct {
		pool pdfium.Pool
		inst pdfium.Pdfium
		err  error
	}
	done := make(chan started, 1)
	go func() {
		var s started
		defer func() {
			if p := recover(); p != nil {
				s.err = fmt.Errorf("%v", p)
			}
			done <- s
		}()
		s.pool, s.inst, s.err = wasmpdfium.Start(run, wasmpdfium.Config{CacheDir: r.opts.CacheDir,
			MaxMemory: r.opts.MaxMemory, Wait: r.opts.StartTimeout})
	}()
	// The caller's context is not watched here: a start is shared by the
	// calls after it, so a stale call does not throw it away.
	timer := time.NewTimer(r.opts.StartTimeout)
	defer timer.Stop()
	var s started
	select {
	case s = <-done:
	case <-timer.C:
		stop()
		go func() { // the start goes on; free what it makes
			if s := <-done; s.pool != nil {
				_ = s.pool.Close()
			}
		}()
		return fmt.Errorf("%w: PDFium did not start within %v", ErrDraw, r.opts.StartTimeout)
	}
	if s.err != nil {
		stop()
		if s.pool != nil {
			_ = s.pool.Close()
		}
		return fmt.Errorf("%w: PDFium did not start: %v", ErrDraw, s.err)
	}
	r.pool, r.inst, r.stop = s.pool, s.inst, stop
	r.started = time.Since(t0)
	return nil
}

// Page draws page (1-based) of the PDF at path, widthPx pixels wide, with
// passage highlighted where it is found in the page's text. A passage not
// on the page still gives the drawn page, with Found false.
func (r *engine) Page(ctx context.Context, path string, page int, passage string, widthPx int) (Page, error) {
	return r.page(ctx, path, page, passage, widthPx, nil)
}

// PageOCR is Page for a page whose text was read by OCR: the passage is
// located among words, the words OCR read with their boxes, instead of
// in the page's text layer (which a scan does not have).
func (r *engine) PageOCR(ctx context.Context, path string, page int, passage string, widthPx int, words []Word) (Page, error) {
	if words == nil {
		words = []Word{}
	}
	return r.page(ctx, path, page, passage, widthPx, words)
}

func (r *engine) page(ctx context.Context, path string, page int, passage string, widthPx int, words []Word) (Page, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return Page{}, errClosed
	}
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	if widthPx <= 0 {
		return Page{}, fmt.Errorf("%w: no width given", ErrDraw)
	}
	widthPx = min(widthPx, maxWidth)
	st, err := os.Stat(path)
	if err != nil {
		return Page{}, statError(path, err)
	}
	if r.inst == nil {
		if err := r.start(ctx); err != nil {
			return Page{}, err
		}
	}

	// From here on every step runs inside PDFium: a deadline stops it.
	deadline := time.Now().Add(r.opts.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	// So does the caller giving up (the user clicked another source):
	// a page that takes long, such as a decompression bomb, does not run
	// on to the deadline holding the renderer.
	budget := time.Until(deadline)
	timer := time.AfterFunc(budget, r.stop)
	onCancel := context.AfterFunc(ctx, r.stop)
	r.faulted = false
	pg, err := r.draw(ctx, path, st, page, passage, widthPx, words)
	stopped := !timer.Stop()
	stopped = !onCancel() || stopped
	if stopped || r.faulted {
		// PDFium was stopped, or failed inside a page: a fresh start
		// next time, and the memory it grew handed back now.
		r.reset()
		debug.FreeOSMemory()
	}
	if stopped {
		if err == nil {
			return pg, nil // finished just in time
		}
		if ctx.Err() != nil {
			return Page{}, ctx.Err()
		}
		return Page{}, fmt.Errorf("%w: it took longer than %v", ErrDraw, budget.Round(100*time.Millisecond))
	}
	return pg, err
}

// maxWidth bounds the width of a drawn page (pixels).
const maxWidth = 4000

func statError(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w (%s)", ErrMissing, path)
	}
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("%w: the file may not be read (%s)", ErrDraw, path)
	}
	return fmt.Errorf("%w: %v", ErrDraw, err)
}

// doc returns the open document at path, opening it when it is not open
// or has changed on disk since. r.mu is held.
func (r *engine) doc(path string, st os.FileInfo) (*openDoc, error) {
	for i, d := range r.docs {
		if d.path != path {
			continue
		}
		if d.size == st.Size() && d.mod.Equal(st.ModTime()) {
			copy(r.docs[1:i+1], r.docs[:i])
			r.docs[0] = d
			return d, nil
		}
		r.closeDoc(d)
		r.docs = append(r.docs[:i], r.docs[i+1:]...)
		break
	}
	d, err := r.open(path)
	if err != nil {
		return nil, err
	}
	r.docs = append([]*openDoc{d}, r.docs...)
	for len(r.docs) > r.opts.KeepOpen {
		r.closeDoc(r.docs[len(r.docs)-1])
		r.docs = r.docs[:len(r.docs)-1]
	}
	return d, nil
}

func (r *engine) closeDoc(d *openDoc) {
	if r.inst != nil {
		_, _ = r.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
	}
	_ = d.file.Close()
}

// reset closes PDFium after it was stopped mid-call; the next call starts
// it again. r.mu is held.
func (r *engine) reset() {
	for _, d := range r.docs {
		_ = d.file.Close() // the module is gone, and its documents with it
	}
	r.docs = nil
	if r.stop != nil {
		r.stop()
	}
	if r.pool != nil {
		_ = r.pool.Close()
	}
	r.pool, r.inst, r.stop = nil, nil, nil
}

// Close closes the documents and stops PDFium. It waits for a call in
// progress; later calls fail.
func (r *engine) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	for _, d := range r.docs {
		r.closeDoc(d)
	}
	r.docs = nil
	var err error
	if r.inst != nil {
		err = r.inst.Close()
	}
	if r.pool != nil {
		if e := r.pool.Close(); err == nil {
			err = e
		}
	}
	if r.stop != nil {
		r.stop()
	}
	r.pool, r.inst, r.stop = nil, nil, nil
	return err
}
