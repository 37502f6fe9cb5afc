package render

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// peakDuring runs fn and returns the largest resident memory of this
// process (MB) seen every 10 ms while it ran.
func peakDuring(t *testing.T, fn func()) int64 {
	t.Helper()
	var peak atomic.Int64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			now, _ := rss(t)
			if now > peak.Load() {
				peak.Store(now)
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// What a worker draws is what this process draws: the same pixels, boxes
// and counts, for a page with a passage, a page located among OCR's words
// and a raster for OCR.
func TestWorkerDrawsAsInProcess(t *testing.T) {
	pdf := handbook(t)
	ctx := context.Background()
	remote, local := New(Options{TrimMargins: true}), New(Options{TrimMargins: true, InProcess: true})
	defer remote.Close()
	defer local.Close()
	if remote.local != nil || local.local == nil {
		t.Fatal("want one Renderer with a worker, one in process")
	}
	words := []Word{{Text: "Zentara", X0: 0.1, Y0: 0.1, X1: 0.3, Y1: 0.13}, {Text: "Robotics", X0: 0.32, Y0: 0.1, X1: 0.5, Y1: 0.13}}
	type drawn struct {
		pg  Page
		sc  Scan
		err error
	}
	for _, tc := range []struct {
		name string
		draw func(r *Renderer) drawn
	}{
		{"page", func(r *Renderer) drawn {
			pg, err := r.Page(ctx, pdf, 1, "CEO Iris Kallas", 700)
			return drawn{pg: pg, err: err}
		}},
		{"ocr page", func(r *Renderer) drawn {
			pg, err := r.PageOCR(ctx, pdf, 2, "Zentara Robotics", 500, words)
			return drawn{pg: pg, err: err}
		}},
		{"raster", func(r *Renderer) drawn {
			sc, err := r.Raster(ctx, pdf, 3, RasterOptions{DPI: 100})
			return drawn{sc: sc, err: err}
		}},
		{"no page", func(r *Renderer) drawn {
			_, err := r.Page(ctx, pdf, 9, "", 500)
			return drawn{err: err}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := tc.draw(remote), tc.draw(local)
			if (a.err == nil) != (b.err == nil) || (a.err != nil && a.err.Error() != b.err.Error()) {
				t.Fatalf("worker: %v; in process: %v", a.err, b.err)
			}
			if a.err != nil {
				if !errors.Is(a.err, ErrNoPage) {
					t.Errorf("worker's error %v is not ErrNoPage", a.err)
				}
				return
			}
			if a.pg.Image != nil {
				if a.pg.Image.Bounds() != b.pg.Image.Bounds() || !bytes.Equal(a.pg.Image.Pix, b.pg.Image.Pix) {
					t.Errorf("images differ: %v, %v", a.pg.Image.Bounds(), b.pg.Image.Bounds())
				}
				if a.pg.Found != b.pg.Found || a.pg.Pages != b.pg.Pages || len(a.pg.Boxes) != len(b.pg.Boxes) || len(a.pg.Boxes) == 0 {
					t.Fatalf("worker: found %v, %d pages, boxes %v; in process: %v, %d, %v", a.pg.Found, a.pg.Pages, a.pg.Boxes, b.pg.Found, b.pg.Pages, b.pg.Boxes)
				}
				for i := range a.pg.Boxes {
					if a.pg.Boxes[i] != b.pg.Boxes[i] {
						t.Errorf("box %d: %v, want %v", i, a.pg.Boxes[i], b.pg.Boxes[i])
					}
				}
				checkHighlight(t, a.pg)
				return
			}
			if a.sc.Img.Bounds() != b.sc.Img.Bounds() || !bytes.Equal(a.sc.Img.Pix, b.sc.Img.Pix) || a.sc.DPI != b.sc.DPI || a.sc.Embedded != b.sc.Embedded {
				t.Errorf("rasters differ: %v at %v dpi, %v at %v dpi", a.sc.Img.Bounds(), a.sc.DPI, b.sc.Img.Bounds(), b.sc.DPI)
			}
		})
	}
}

// Three decompression bombs in a row, drawn by a worker and each stopped
// another way (its deadline, the caller giving up, its memory ceiling):
// each fails within seconds, this process's memory stays where it was,
// and the page drawn right after each is whole and highlighted. A worker
// that dies between calls is replaced too.
func TestBombsInWorker(t *testing.T) {
	pdf := handbook(t)
	bomb := bombPDF(t, 8000, true)
	// Pages draw in well under a second, but not always on a loaded
	// machine: only the bomb stopped by its deadline has a short one.
	r := New(Options{Timeout: 30 * time.Second, TrimMargins: true})
	defer r.Close()
	if r.local != nil {
		t.Fatal("drawing in process, want a worker")
	}
	ctx := context.Background()
	good := func(when string) {
		t.Helper()
		t0 := time.Now()
		pg, err := r.Page(ctx, pdf, 1, "CEO Iris Kallas", 900)
		if err != nil || !pg.Found {
			t.Fatalf("%s: found=%v err=%v", when, pg.Found, err)
		}
		checkHighlight(t, pg)
		t.Logf("%s: a page drawn in %v", when, time.Since(t0).Round(time.Millisecond))
	}
	good("before the bombs")
	runtime.GC()
	debug.FreeOSMemory()
	base, _ := rss(t)

	for i, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		mem  int64         // the worker's memory ceiling, MB (0: the default)
		dl   time.Duration // the call's Timeout (0: 30 s)
		want func(error) bool
	}{
		{"deadline", func() (context.Context, context.CancelFunc) { return context.WithCancel(ctx) }, 0, 1500 * time.Millisecond,
			func(err error) bool {
				return errors.Is(err, ErrDraw) && strings.Contains(err.Error(), "took longer than 1.5s")
			}},
		{"given up", func() (context.Context, context.CancelFunc) {
			c, cancel := context.WithCancel(ctx)
			time.AfterFunc(200*time.Millisecond, cancel)
			return c, cancel
		}, 0, 0, func(err error) bool { return errors.Is(err, context.Canceled) }},
		{"memory", func() (context.Context, context.CancelFunc) { return context.WithCancel(ctx) }, 160, 0,
			func(err error) bool {
				return errors.Is(err, ErrDraw) && strings.Contains(err.Error(), "more than 160 MB")
			}},
	} {
		r.mu.Lock()
		def := r.opts.MaxProcessMemory
		if tc.mem > 0 {
			r.opts.MaxProcessMemory = tc.mem << 20
		}
		if tc.dl > 0 {
			r.opts.Timeout = tc.dl
		}
		r.mu.Unlock()
		c, cancel := tc.ctx()
		var err error
		t0 := time.Now()
		peak := peakDuring(t, func() { _, err = r.Page(c, bomb, 1, "", 900) })
		took := time.Since(t0)
		cancel()
		r.mu.Lock()
		r.opts.MaxProcessMemory, r.opts.Timeout = def, 30*time.Second
		worker := r.peak >> 20
		r.mu.Unlock()
		t.Logf("bomb %d (%s): %v after %v; this process's RSS %d MB before, peak %d MB; the worker's peak %d MB",
			i+1, tc.name, err, took.Round(time.Millisecond), base, peak, worker)
		if !tc.want(err) {
			t.Fatalf("bomb %d (%s): err = %v", i+1, tc.name, err)
		}
		if took > 8*time.Second {
			t.Errorf("bomb %d (%s): took %v", i+1, tc.name, took)
		}
		if peak > base+100 {
			t.Errorf("bomb %d (%s): this process grew from %d to %d MB", i+1, tc.name, base, peak)
		}
		good("after bomb " + tc.name)
	}

	r.mu.Lock()
	if r.w != nil {
		_ = r.w.cmd.Process.Kill()
	}
	r.mu.Unlock()
	good("after the worker was killed")
}

// A binary that does not call RunWorkerIfRequested draws in process: it
// would run its own main (or tests) as the worker.
func TestNoHookDrawsInProcess(t *testing.T) {
	hooked.Store(false)
	r := New(Options{})
	hooked.Store(true)
	defer r.Close()
	if r.local == nil {
		t.Fatal("a worker without the hook")
	}
}
