package render

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// The worker protocol. The parent starts its own executable with
// workerEnv=1 and writes one workerConfig as a JSON line to the child's
// stdin; the child starts PDFium and answers with a reply line (Ms, or
// Err). Then, for each request line the parent writes, the child answers
// with one reply line and, when the reply has no Err, the image's pixels
// (W × H × 4 bytes of RGBA for a page, W × H bytes of grey for a raster),
// raw, row after row. The child exits at the end of its stdin.
const workerEnv = "QUIRE_RENDER_WORKER"

// hooked records that the executable calls RunWorkerIfRequested, so that
// re-running it makes a worker (a binary that does not would run its own
// main again, or its tests).
var hooked atomic.Bool

// RunWorkerIfRequested must be called first thing in main (and in TestMain
// of packages whose tests draw pages). In a worker process it serves
// requests and exits; otherwise it returns at once, and Renderers made
// after it draw in workers.
func RunWorkerIfRequested() {
	hooked.Store(true)
	if os.Getenv(workerEnv) != "1" {
		return
	}
	os.Exit(runWorker(os.Stdin, os.Stdout))
}

type workerConfig struct {
	CacheDir     string `json:"cache_dir"`
	MaxMemory    int64  `json:"max_memory"`
	TimeoutMs    int64  `json:"timeout_ms"`
	StartTimeout int64  `json:"start_timeout_ms"`
	TrimMargins  bool   `json:"trim,omitempty"`
	KeepOpen     int    `json:"keep_open"`
}

// Operations of a request.
const (
	opPage   = "page"
	opRaster = "raster"
)

type request struct {
	Op   string `json:"op"`
	Path string `json:"path"`
	// PathBytes is the path when it is not valid UTF-8 (a file name in
	// another encoding), which JSON strings cannot carry.
	PathBytes []byte  `json:"path_bytes,omitempty"`
	Page      int     `json:"page"`
	Passage   string  `json:"passage,omitempty"`
	Width     int     `json:"width,omitempty"`
	OCR       bool    `json:"ocr,omitempty"` // locate the passage among Words
	Words     []Word  `json:"words,omitempty"`
	DPI       float64 `json:"dpi,omitempty"`
	Embedded  bool    `json:"embedded,omitempty"`
}

type reply struct {
	Err  string  `json:"err,omitempty"`
	Kind string  `json:"k,omitempty"`  // the sentinel Err wraps: missing, nopage or draw
	Ms   float64 `json:"ms,omitempty"` // PDFium's start (the first reply)

	W        int      `json:"w,omitempty"`
	H        int      `json:"h,omitempty"`
	Boxes    [][4]int `json:"boxes,omitempty"`
	Found    bool     `json:"found,omitempty"`
	Pages    int      `json:"pages,omitempty"`
	DPI      float64  `json:"dpi,omitempty"`
	Embedded bool     `json:"embedded,omitempty"`
}

// runWorker serves the requests read from in on out, with an engine of
// its own.
func runWorker(in io.Reader, stdout io.Writer) int {
	// Anything else printing to stdout would corrupt the protocol.
	os.Stdout = os.Stderr
	out := bufio.NewWriterSize(stdout, 1<<20)
	enc := json.NewEncoder(out)
	dec := json.NewDecoder(bufio.NewReader(in))
	send := func(rep reply, pix []byte) bool {
		if err := enc.Encode(rep); err != nil {
			return false
		}
		if _, err := out.Write(pix); err != nil {
			return false
		}
		return out.Flush() == nil
	}

	var cfg workerConfig
	if err := dec.Decode(&cfg); err != nil {
		send(reply{Err: "render worker: bad configuration: " + err.Error(), Kind: "draw"}, nil)
		return 2
	}
	e := newEngine(withDefaults(Options{
		CacheDir: cfg.CacheDir, MaxMemory: cfg.MaxMemory, TrimMargins: cfg.TrimMargins, KeepOpen: cfg.KeepOpen,
		Timeout: time.Duration(cfg.TimeoutMs) * time.Millisecond, StartTimeout: time.Duration(cfg.StartTimeout) * time.Millisecond,
	}))
	defer e.Close()
	took, err := e.Start(context.Background())
	if err != nil {
		send(errorReply(err), nil)
		return 1
	}
	if !send(reply{Ms: float64(took.Microseconds()) / 1000}, nil) {
		return 1
	}
	ctx := context.Background()
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return 0
			}
			return 2
		}
		if len(req.PathBytes) > 0 {
			req.Path = string(req.PathBytes)
		}
		var rep reply
		var pix []byte
		switch req.Op {
		case opPage:
			var pg Page
			if req.OCR {
				pg, err = e.PageOCR(ctx, req.Path, req.Page, req.Passage, req.Width, req.Words)
			} else {
				pg, err = e.Page(ctx, req.Path, req.Page, req.Passage, req.Width)
			}
			if err == nil {
				rep, pix = pageReply(pg)
			}
		case opRaster:
			var sc Scan
			sc, err = e.Raster(ctx, req.Path, req.Page, RasterOptions{DPI: req.DPI, Embedded: req.Embedded})
			if err == nil {
				rep, pix = rasterReply(sc)
			}
		default:
			err = fmt.Errorf("%w: render worker: unknown operation %q", ErrDraw, req.Op)
		}
		if err != nil {
			rep, pix = errorReply(err), nil
		}
		if !send(rep, pix) {
			return 1
		}
	}
}

func errorReply(err error) reply {
	kind := "draw"
	switch {
	case errors.Is(err, ErrMissing):
		kind = "missing"
	case errors.Is(err, ErrNoPage):
		kind = "nopage"
	}
	return reply{Err: err.Error(), Kind: kind}
}

// pageReply is pg's reply and pixels.
func pageReply(pg Page) (reply, []byte) {
	img := pg.Image
	b := img.Bounds()
	rep := reply{W: b.Dx(), H: b.Dy(), Found: pg.Found, Pages: pg.Pages}
	for _, box := range pg.Boxes {
		box = box.Sub(b.Min)
		rep.Boxes = append(rep.Boxes, [4]int{box.Min.X, box.Min.Y, box.Max.X, box.Max.Y})
	}
	return rep, packed(img.Pix, img.Stride, 4*b.Dx(), b.Dy())
}

// rasterReply is sc's reply and pixels.
func rasterReply(sc Scan) (reply, []byte) {
	b := sc.Img.Bounds()
	return reply{W: b.Dx(), H: b.Dy(), DPI: sc.DPI, Embedded: sc.Embedded}, packed(sc.Img.Pix, sc.Img.Stride, b.Dx(), b.Dy())
}

// packed is the rows of pix, row bytes long, without the stride's slack.
func packed(pix []byte, stride, row, rows int) []byte {
	if stride == row {
		return pix[:row*rows]
	}
	out := make([]byte, 0, row*rows)
	for y := range rows {
		out = append(out, pix[y*stride:y*stride+row]...)
	}
	return out
}

// remoteError is an error the worker reported: its words, and the
// sentinel it wraps.
type remoteError struct {
	msg  string
	kind error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.kind }

// replyError is the error of a reply, nil when it has none.
func replyError(rep reply) error {
	if rep.Err == "" {
		return nil
	}
	kind := ErrDraw
	switch rep.Kind {
	case "missing":
		kind = ErrMissing
	case "nopage":
		kind = ErrNoPage
	}
	return &remoteError{msg: rep.Err, kind: kind}
}

// maxPixelBytes bounds the pixels of one reply: the largest page drawn
// (maxWidth × maxAspect·maxWidth in RGBA), above a raster's
// maxRasterPixels in grey.
const maxPixelBytes = maxWidth * maxWidth * maxAspect * 4

// pixelBytes is the size of the pixels that follow rep, bpp bytes a pixel.
func pixelBytes(rep reply, bpp int) (int, error) {
	if rep.W <= 0 || rep.H <= 0 || rep.W*rep.H*bpp > maxPixelBytes {
		return 0, fmt.Errorf("%w: the render worker sent a %d × %d image", ErrDraw, rep.W, rep.H)
	}
	return rep.W * rep.H * bpp, nil
}

// pageOf is the Page of rep and its pixels.
func pageOf(rep reply, pix []byte) Page {
	img := &image.RGBA{Pix: pix, Stride: 4 * rep.W, Rect: image.Rect(0, 0, rep.W, rep.H)}
	pg := Page{Image: img, Found: rep.Found, Pages: rep.Pages}
	for _, b := range rep.Boxes {
		pg.Boxes = append(pg.Boxes, image.Rect(b[0], b[1], b[2], b[3]))
	}
	return pg
}

// scanOf is the Scan of rep and its pixels.
func scanOf(rep reply, pix []byte) Scan {
	img := &image.Gray{Pix: pix, Stride: rep.W, Rect: image.Rect(0, 0, rep.W, rep.H)}
	return Scan{Img: img, DPI: rep.DPI, Embedded: rep.Embedded}
}

// pathBytes carries a path that JSON would mangle (not valid UTF-8).
func pathBytes(path string) []byte {
	if utf8.ValidString(path) {
		return nil
	}
	return []byte(path)
}
