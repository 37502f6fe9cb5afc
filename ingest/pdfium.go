package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerr "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"

	"quire/ingest/pdf"
	"quire/lexicon"
	"quire/wasmpdfium"
)

// The second engine: PDFium compiled to WebAssembly, run by wazero inside
// the worker process (so the parent's deadline, memory ceiling and crash
// isolation apply to it as to the first engine). It is started only when
// a worker needs it: compiling its 5.8 MB module takes seconds, so the
// compiled code is kept in a cache directory shared by all workers.

// EnginePdfium is the name of the second engine in Result.Engine and
// Result.EnginePages.
const EnginePdfium = "pdfium"

// pdfiumEngine reads the pages of one file with PDFium. It is started on
// first use; a start or open failure is remembered and returned by every
// later call.
type pdfiumEngine struct {
	path, password string
	maxMemory      int64
	cacheDir       string

	pageBudget time.Duration // longest a page may take; PDFium is stopped after it
	english    lexicon.Set   // tells compounds from hyphenation at line ends

	tried     bool
	err       error
	cancel    context.CancelFunc // stops PDFium for good
	inst      pdfium.Pdfium
	doc       references.FPDF_DOCUMENT
	numPages  int
	startTime time.Duration // runtime start (compile or cache load) and instantiation
	openTime  time.Duration
}

func newPdfiumEngine(cfg workerConfig, english lexicon.Set) *pdfiumEngine {
	budget := time.Duration(cfg.PdfiumPageMs) * time.Millisecond
	if budget <= 0 {
		budget = defaultPdfiumPageBudget
	}
	return &pdfiumEngine{path: cfg.Path, password: cfg.Password, maxMemory: cfg.MaxMemory, cacheDir: cfg.CacheDir, pageBudget: budget, english: english}
}

// defaultPdfiumPageBudget bounds the time PDFium may spend on one page
// (or on opening the file) when the parent sets no budget. A page that
// takes longer stops PDFium for the rest of the file, so that a page
// PDFium loops on costs that page and not the file's deadline.
const defaultPdfiumPageBudget = 15 * time.Second

// timed runs f, stopping PDFium for good if it takes longer than the
// page budget. The time taken decides, not only the timer: a page that
// ends just past its budget may end before the timer's function has run.
func (e *pdfiumEngine) timed(f func() error) error {
	t0 := time.Now()
	timer := time.AfterFunc(e.pageBudget, e.cancel)
	err := f()
	if !timer.Stop() || time.Since(t0) > e.pageBudget {
		e.cancel()
		e.err = fmt.Errorf("%w: pdfium: stopped after %v", ErrTimeout, e.pageBudget)
		return e.err
	}
	return err
}

// start compiles (or loads from the cache) and instantiates PDFium and
// opens the document.
func (e *pdfiumEngine) start() error {
	if e.tried {
		return e.err
	}
	e.tried = true
	e.err = e.startErr()
	return e.err
}

func (e *pdfiumEngine) startErr() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: pdfium: %v", ErrDamaged, r)
		}
	}()
	t0 := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	// Cancelling ctx aborts a call into PDFium (see timed). Linear
	// memory stays below the worker's ceiling: a hostile file makes
	// PDFium's malloc fail instead of the worker being killed.
	if _, e.inst, err = wasmpdfium.Start(ctx, wasmpdfium.Config{CacheDir: e.cacheDir, MaxMemory: e.maxMemory / 2}); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	e.startTime = time.Since(t0)
	t1 := time.Now()
	f, err := os.Open(e.path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	// f stays open for the life of the worker process.
	req := &requests.OpenDocument{FileReader: f, FileReaderSize: st.Size()}
	if e.password != "" {
		req.Password = &e.password
	}
	var n *responses.FPDF_GetPageCount
	err = e.timed(func() error {
		doc, err := e.inst.OpenDocument(req)
		if err != nil {
			head := make([]byte, 1024)
			n, _ := f.ReadAt(head, 0)
			if errors.Is(err, pdfiumerr.ErrFormat) && !bytes.Contains(head[:n], []byte("%PDF-")) {
				return fmt.Errorf("%w: pdfium: %v", ErrNotPDF, err)
			}
			return pdfiumOpenError(err)
		}
		e.doc = doc.Document
		n, err = e.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: e.doc})
		if err != nil {
			return fmt.Errorf("%w: pdfium: %v", ErrDamaged, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n.PageCount <= 0 {
		return fmt.Errorf("pdfium: %w", ErrNoPages)
	}
	e.numPages = n.PageCount
	e.openTime = time.Since(t1)
	return nil
}

func pdfiumOpenError(err error) error {
	switch {
	case errors.Is(err, pdfiumerr.ErrPassword):
		return fmt.Errorf("%w: pdfium: %v", ErrPassword, err)
	case errors.Is(err, pdfiumerr.ErrSecurity):
		return fmt.Errorf("%w: pdfium: %v", ErrUnsupported, err)
	}
	return fmt.Errorf("%w: pdfium: %v", ErrDamaged, err)
}

// pdfiumPage is what PDFium found on one page.
type pdfiumPage struct {
	raw    string // text as PDFium gives it, before normalisation
	text   string // normalised
	images bool   // the page paints an image (directly or in a form)
}

// page reads page n (1-based).
func (e *pdfiumEngine) page(n int) (pg pdfiumPage, err error) {
	if err := e.start(); err != nil {
		return pg, err
	}
	if e.err != nil {
		return pg, e.err
	}
	if n < 1 || n > e.numPages {
		return pg, fmt.Errorf("pdfium: no page %d of %d", n, e.numPages)
	}
	err = e.timed(func() (err error) {
		pg, err = e.readPage(n)
		return err
	})
	return pg, err
}

func (e *pdfiumEngine) readPage(n int) (pg pdfiumPage, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdfium: page %d: %v", n, r)
		}
	}()
	p, err := e.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: e.doc, Index: n - 1})
	if err != nil {
		return pg, fmt.Errorf("pdfium: page %d: %v", n, err)
	}
	defer e.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: p.Page})
	ref := requests.Page{ByReference: &p.Page}
	tp, err := e.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref})
	if err != nil {
		return pg, fmt.Errorf("pdfium: page %d text: %v", n, err)
	}
	defer e.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cnt, err := e.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return pg, fmt.Errorf("pdfium: page %d text: %v", n, err)
	}
	if cnt.Count > 0 {
		t, err := e.inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: min(cnt.Count, maxPageText/2)})
		if err != nil {
			return pg, fmt.Errorf("pdfium: page %d text: %v", n, err)
		}
		pg.raw = t.Text
		pg.text = normalize(pdfiumText(t.Text), e.english)
	}
	if strings.TrimSpace(pg.text) == "" {
		pg.images = e.paintsImage(ref)
	}
	return pg, nil
}

// pdfiumText turns PDFium's line ends (CR LF) into newlines and the
// hyphen it marks as breaking a word at a line end (U+0002) into one the
// normaliser rejoins.
func pdfiumText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x02", "-")
}

// maxImageScan bounds the page objects looked at for images.
const maxImageScan = 20000

// paintsImage reports whether the page paints images, directly or inside
// form objects, over at least minScanShare of its area, leaving out
// images too small to hold words (see pdf.MinImagePixels).
func (e *pdfiumEngine) paintsImage(page requests.Page) bool {
	c, err := e.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return false
	}
	pageArea := 612.0 * 792
	if w, err := e.inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page}); err == nil {
		if h, err := e.inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page}); err == nil && w.PageWidth > 0 && h.PageHeight > 0 {
			pageArea = float64(w.PageWidth) * float64(h.PageHeight)
		}
	}
	budget := maxImageScan
	area := 0.0
	var visit func(obj references.FPDF_PAGEOBJECT, depth int)
	visit = func(obj references.FPDF_PAGEOBJECT, depth int) {
		budget--
		t, err := e.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
		if err != nil {
			return
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_IMAGE:
			if px, err := e.inst.FPDFImageObj_GetImagePixelSize(&requests.FPDFImageObj_GetImagePixelSize{ImageObject: obj}); err == nil {
				if w, h := float64(px.Width), float64(px.Height); w*h < pdf.MinImagePixels || max(w, h) < 32 {
					return
				}
			}
			if b, err := e.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj}); err == nil {
				area += math.Abs(float64(b.Right-b.Left) * float64(b.Top-b.Bottom))
			}
		case enums.FPDF_PAGEOBJ_FORM:
			if depth >= pdf.MaxXObjectDepth {
				return
			}
			fc, err := e.inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
			if err != nil {
				return
			}
			for i := 0; i < fc.Count && budget > 0; i++ {
				if o, err := e.inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)}); err == nil {
					visit(o.PageObject, depth+1)
				}
			}
		}
	}
	for i := 0; i < c.Count && budget > 0; i++ {
		if o, err := e.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i}); err == nil {
			visit(o.PageObject, 0)
		}
	}
	return area/pageArea >= minScanShare
}
