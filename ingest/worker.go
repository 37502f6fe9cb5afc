package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"quire/ingest/pdf"
	"quire/lexicon"
)

// The worker protocol. The parent starts its own executable with
// workerEnv=1 and writes one workerConfig as JSON to the child's stdin. The
// child answers with JSON lines on stdout:
//
//	{"t":"open","n":12,"rep":false}   document opened, 12 pages
//	{"t":"open","n":12,"e":"pdfium"}  opened by PDFium, which reads every page
//	{"t":"begin","p":3}                about to read page 3
//	{"t":"begin","p":3,"e":"pdfium"}   about to read page 3 with PDFium
//	{"t":"page","p":3,"s":"...","bad":false,"e":"pdfium","ocr":true}
//	{"t":"pdfium","ms":120}            PDFium started (start-up time)
//	{"t":"err","k":"password","m":"..."}
//	{"t":"done"}
//
// "begin" lets the parent name the page that was being read if the child
// dies, and resume after it. A page's "e" names the engine whose text was
// kept when it is not the first one; "ocr" marks a page without text that
// paints an image.
const workerEnv = "QUIRE_INGEST_WORKER"

// Engine modes of a worker (workerConfig.Mode).
const (
	modeCombined = ""        // our reader, PDFium where it does better
	modePrimary  = "primary" // our reader only
	modePdfium   = "pdfium"  // PDFium only
)

type workerConfig struct {
	Path string `json:"path"`
	// PathBytes is the path when it is not valid UTF-8 (a file name in
	// another encoding), which JSON strings cannot carry.
	PathBytes []byte `json:"path_bytes,omitempty"`
	Password  string `json:"password,omitempty"`
	From      int    `json:"from"`       // first page to read, 1-based
	MaxMemory int64  `json:"max_memory"` // bytes
	// RepairOnly skips the pdf package's cross-reference parser, after a
	// worker died in it.
	RepairOnly bool   `json:"repair_only,omitempty"`
	Mode       string `json:"mode,omitempty"`
	// PdfiumFirst reads page From with PDFium only, after a worker died
	// reading it with the first engine.
	PdfiumFirst bool `json:"pdfium_first,omitempty"`
	// CacheDir holds wazero's compiled code; "" compiles every time.
	CacheDir string `json:"cache_dir,omitempty"`
	// Trace adds per-page measurements of both engines to the page
	// messages (tests only: it runs PDFium on every page).
	Trace bool `json:"trace,omitempty"`
	// PdfiumPageMs bounds PDFium's time on one page; 0 is the default.
	PdfiumPageMs int64 `json:"pdfium_page_ms,omitempty"`
	// CrashPage makes the first engine die on that page (tests of the
	// parent's recovery).
	CrashPage       int `json:"crash_page,omitempty"`
	CrashPdfiumPage int `json:"crash_pdfium_page,omitempty"`
	// SlowPageMs makes the worker sleep before each page after the
	// first (tests of the deadline).
	SlowPageMs int64 `json:"slow_page_ms,omitempty"`
}

type workerMsg struct {
	T    string     `json:"t"`
	N    int        `json:"n,omitempty"`
	Rep  bool       `json:"rep,omitempty"`
	P    int        `json:"p,omitempty"`
	S    string     `json:"s,omitempty"`
	Bad  bool       `json:"bad,omitempty"`
	E    string     `json:"e,omitempty"`
	OCR  bool       `json:"ocr,omitempty"`
	Kind string     `json:"k,omitempty"`
	Msg  string     `json:"m,omitempty"`
	Ms   float64    `json:"ms,omitempty"`
	Tr   *pageTrace `json:"tr,omitempty"`
}

// pageTrace is what both engines found on a page (Trace mode).
type pageTrace struct {
	Page         int     `json:"page"`
	Text         string  `json:"text"`     // first engine, normalised
	Garble       float64 `json:"garble"`   // first engine
	Glyphs       int     `json:"glyphs"`   // first engine: glyphs shown
	Unmapped     int     `json:"unmapped"` // first engine: glyphs without text
	Rtl          float64 `json:"rtl"`
	Advance      float64 `json:"advance"`
	Images       int     `json:"images"`        // first engine: images painted
	ImageShare   float64 `json:"image_share"`   // first engine: image area / page area
	Err          string  `json:"err,omitempty"` // first engine
	PdfiumText   string  `json:"pdfium_text"`   // normalised
	PdfiumGarble float64 `json:"pdfium_garble"`
	PdfiumImages bool    `json:"pdfium_images"`
	PdfiumErr    string  `json:"pdfium_err,omitempty"`
	Chosen       string  `json:"chosen"` // engine whose text the combined policy keeps
	Asked        string  `json:"asked"`  // why PDFium was asked, "" if it was not
}

// Engine is the name of the first engine in Result.Engine.
const Engine = "ledongthuc+layout"

// maxPageText bounds the text kept for one page.
const maxPageText = 4 << 20

// RunWorkerIfRequested must be called first thing in main (and in TestMain of
// packages whose tests extract PDFs). In a worker process it does the
// extraction and exits; otherwise it returns at once.
func RunWorkerIfRequested() {
	if os.Getenv(workerEnv) != "1" {
		return
	}
	os.Exit(runWorker())
}

// worker is one worker process's state.
type worker struct {
	cfg     workerConfig
	out     *bufio.Writer
	enc     *json.Encoder
	pdfium  *pdfiumEngine
	told    bool        // PDFium's start-up time sent
	english lexicon.Set // tells compounds from hyphenation at line ends
}

func (w *worker) send(m workerMsg) { w.enc.Encode(m) }

func (w *worker) flush() { w.out.Flush() }

// crash ends the worker as a fatal runtime error would (tests).
func (w *worker) crash() {
	fmt.Fprintln(os.Stderr, "fatal error: test crash")
	w.flush()
	os.Exit(2)
}

// pdfiumPage reads a page with PDFium, starting it if needed. The parent
// is told first, so that it knows which engine died if the worker does.
func (w *worker) pdfiumPage(p int) (pdfiumPage, error) {
	w.send(workerMsg{T: "begin", P: p, E: EnginePdfium})
	w.flush()
	if p == w.cfg.CrashPdfiumPage {
		w.crash()
	}
	pg, err := w.pdfium.page(p)
	if w.pdfium.tried && !w.told && w.pdfium.err == nil {
		w.told = true
		w.send(workerMsg{T: "pdfium", Ms: float64(w.pdfium.startTime.Microseconds()) / 1000})
	}
	return pg, err
}

func runWorker() int {
	// Anything else printing to stdout would corrupt the protocol.
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	os.Stdout = os.Stderr
	w := &worker{out: out, enc: json.NewEncoder(out), english: lexicon.English()}
	defer out.Flush()

	cfg := &w.cfg
	if err := json.NewDecoder(os.Stdin).Decode(cfg); err != nil {
		w.send(workerMsg{T: "err", Kind: "damaged", Msg: "worker: bad configuration: " + err.Error()})
		return 2
	}
	if len(cfg.PathBytes) > 0 {
		cfg.Path = string(cfg.PathBytes)
	}
	if cfg.MaxMemory <= 0 {
		cfg.MaxMemory = defaultMaxMemory
	}
	// The garbage collector works harder near the ceiling; the parent
	// kills the process if it goes over anyway. A small stack limit makes
	// runaway recursion die in milliseconds instead of eating memory.
	debug.SetMemoryLimit(cfg.MaxMemory * 3 / 4)
	debug.SetMaxStack(256 << 20)
	w.pdfium = newPdfiumEngine(*cfg, w.english)

	if cfg.Mode == modePdfium {
		return w.runPdfium(nil)
	}
	doc, err := pdf.Open(cfg.Path, cfg.Password, cfg.RepairOnly)
	if err == nil && doc.Readable() == 0 && cfg.Mode == modeCombined {
		// The page tree is broken: PDFium may find the pages.
		if w.pdfium.start() == nil {
			return w.runPdfium(nil)
		}
	}
	if err != nil {
		if cfg.Mode == modeCombined && pdfiumMayRead(err) {
			perr := w.pdfium.start()
			if perr == nil {
				return w.runPdfium(err)
			}
			if errors.Is(perr, ErrNoPages) {
				err = perr // PDFium read the file: it is whole, with no page, not damaged
			}
		}
		w.send(workerMsg{T: "err", Kind: errKind(err), Msg: err.Error()})
		return 0
	}
	w.send(workerMsg{T: "open", N: doc.NumPages(), Rep: doc.Repaired()})
	w.flush()
	from := max(cfg.From, 1)
	for p := from; p <= doc.Readable(); p++ {
		w.send(workerMsg{T: "begin", P: p})
		w.flush()
		if cfg.PdfiumFirst && p == from {
			w.sendPdfiumPage(p)
			continue
		}
		if p == cfg.CrashPage {
			w.crash()
		}
		if cfg.SlowPageMs > 0 && p > 1 {
			time.Sleep(time.Duration(cfg.SlowPageMs) * time.Millisecond)
		}
		text, st, perr := readPage(doc, p, w.english)
		if errors.Is(perr, pdf.ErrContentTooLarge) && text == "" {
			w.send(workerMsg{T: "err", Kind: "toolarge", Msg: fmt.Sprintf("page %d: %v", p, perr)})
			return 0
		}
		msg := workerMsg{T: "page", P: p, S: text, Bad: perr != nil, OCR: (text == "" && st.scanned()) || st.typedOnScan(text)}
		var tr *pageTrace
		if cfg.Trace {
			tr = &pageTrace{Page: p, Text: text, Garble: st.garble, Glyphs: st.Glyphs, Unmapped: st.Unmapped, Rtl: st.rtl, Advance: st.Advance,
				Images: st.Images, ImageShare: st.imageShare()}
			if perr != nil {
				tr.Err = perr.Error()
			}
			pg, err := w.pdfiumPage(p)
			tr.PdfiumText, tr.PdfiumImages = pg.text, pg.images
			tr.PdfiumGarble = measureGarble(pg.raw, 0).score()
			if err != nil {
				tr.PdfiumErr = err.Error()
			}
		}
		why := secondOpinion(text, st, perr)
		if cfg.Mode == modeCombined && why != "" {
			if pg, err := w.pdfiumPage(p); err == nil && pdfiumBetter(text, st, perr, pg) {
				msg.S, msg.E, msg.Bad = pg.text, EnginePdfium, false
				msg.OCR = pg.text == "" && (st.scanned() || pg.images)
			}
		}
		if tr != nil {
			tr.Asked = why
			tr.Chosen = Engine
			if msg.E != "" {
				tr.Chosen = msg.E
			}
			msg.Tr = tr
		}
		msg.S = clipText(msg.S)
		w.send(msg)
	}
	w.send(workerMsg{T: "done"})
	return 0
}

// pdfiumMayRead reports whether an open error of the first engine is one
// PDFium may not share: damage, or encryption the first engine lacks. A
// wrong password is checked the same way by both, a file that is not a
// PDF or is empty stays so, and a file too large for one engine is for
// the other.
func pdfiumMayRead(err error) bool {
	return !errors.Is(err, ErrNotPDF) && !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrPassword)
}

// runPdfium reads the whole file with PDFium. first is the first engine's
// open error, reported if PDFium cannot open the file either.
func (w *worker) runPdfium(first error) int {
	if err := w.pdfium.start(); err != nil {
		if first != nil {
			err = first
		}
		w.send(workerMsg{T: "err", Kind: errKind(err), Msg: err.Error()})
		return 0
	}
	w.send(workerMsg{T: "pdfium", Ms: float64(w.pdfium.startTime.Microseconds()) / 1000})
	w.told = true
	w.send(workerMsg{T: "open", N: w.pdfium.numPages, E: EnginePdfium})
	w.flush()
	for p := max(w.cfg.From, 1); p <= w.pdfium.numPages; p++ {
		w.send(workerMsg{T: "begin", P: p})
		w.flush()
		w.sendPdfiumPage(p)
	}
	w.send(workerMsg{T: "done"})
	return 0
}

// sendPdfiumPage reads page p with PDFium alone and reports it.
func (w *worker) sendPdfiumPage(p int) {
	pg, err := w.pdfiumPage(p)
	msg := workerMsg{T: "page", P: p, S: clipText(pg.text), E: EnginePdfium, Bad: err != nil, OCR: pg.text == "" && pg.images}
	if w.cfg.Trace {
		msg.Tr = &pageTrace{Page: p, PdfiumText: pg.text, PdfiumImages: pg.images,
			PdfiumGarble: measureGarble(pg.raw, 0).score(), Chosen: EnginePdfium}
		if err != nil {
			msg.Tr.PdfiumErr = err.Error()
		}
	}
	w.send(msg)
}

// clipText bounds a page's text to maxPageText bytes of valid UTF-8.
func clipText(text string) string {
	if len(text) > maxPageText {
		text = text[:maxPageText]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	return text
}

func errKind(err error) string {
	switch {
	case errors.Is(err, ErrPassword):
		return "password"
	case errors.Is(err, ErrNotPDF):
		return "notpdf"
	case errors.Is(err, ErrEmpty):
		return "empty"
	case errors.Is(err, ErrTooLarge):
		return "toolarge"
	case errors.Is(err, ErrUnsupported):
		return "unsupported"
	case errors.Is(err, ErrNoPages):
		return "nopages"
	}
	return "damaged"
}

func kindErr(kind string) error {
	switch kind {
	case "password":
		return ErrPassword
	case "notpdf":
		return ErrNotPDF
	case "empty":
		return ErrEmpty
	case "toolarge":
		return ErrTooLarge
	case "unsupported":
		return ErrUnsupported
	case "nopages":
		return ErrNoPages
	}
	return ErrDamaged
}

// pageStats is what the first engine saw on a page besides its text.
type pageStats struct {
	pdf.Stats
	garble float64 // garbleStats.score of the page
	rtl    float64 // share of letters in right-to-left scripts
}

// imageShare is the share of the page that images cover (capped at 1).
func (s pageStats) imageShare() float64 {
	area := s.PageArea
	if area <= 0 {
		area = 612 * 792 // US Letter
	}
	return min(1, s.ImageArea/area)
}

// minScanShare is the smallest share of a page that the images of a scan
// cover; pages whose images are smaller (a small mark on a blank page)
// are not scans.
const minScanShare = 0.01

// scanned reports whether the page paints images over a good part of
// itself: without text, its words are only in those images.
func (s pageStats) scanned() bool {
	return s.Images > 0 && s.imageShare() >= minScanShare
}

// Scans with a typed line (a header, a stamp, a file number added by the
// scanner) have a text layer of a few words over an image that covers
// the page: their words are in the image too.
const (
	minTypedOnScanShare = 0.6 // of the page covered by images
	maxTypedOnScanWords = 30  // words of the text layer
)

// typedOnScan reports a page whose text layer is a few words over an
// image covering most of it, which OCR should read as well.
func (s pageStats) typedOnScan(text string) bool {
	return text != "" && s.imageShare() >= minTypedOnScanShare && len(strings.Fields(text)) <= maxTypedOnScanWords
}

// readPage returns the normalised text of page n of doc, with how garbled
// its raw layout looked. err reports a fault met on the page; the text
// read before it is still returned.
func readPage(doc *pdf.Document, n int, english lexicon.Set) (text string, st pageStats, err error) {
	raw, ps, err := doc.Page(n)
	st.Stats = ps
	gs := measureGarble(raw, ps.Unmapped)
	st.garble = gs.score()
	st.rtl = float64(gs.rtl) / float64(max(1, gs.letters+gs.unspaced))
	return normalize(raw, english), st, err
}
