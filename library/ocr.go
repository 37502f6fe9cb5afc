package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"quire/ingest"
	"quire/ocr"
	"quire/store"
)

// Scanned pages are read by OCR after their document's text layer has
// been indexed, in the background: the document is searchable at once
// and gains its scanned pages batch by batch. What is left to read is
// recorded in each document (store.Document.OCRPending), so a run that is
// cancelled, killed or closed resumes where it stopped.

// Settings names for OCR.
const (
	settingOCROff   = "ocr.off"   // "1": OCR is switched off
	settingOCRLangs = "ocr.langs" // Tesseract languages, "eng+deu"
)

// OCRSettings choose whether scanned pages are read and in which
// languages.
type OCRSettings struct {
	Enabled bool
	Langs   []string // Tesseract language codes; empty means eng
}

// OCRSettings returns the library's OCR settings: on, in English, unless
// changed.
func (l *Library) OCRSettings() (OCRSettings, error) {
	off, _, err := l.store.Setting(settingOCROff)
	if err != nil {
		return OCRSettings{}, err
	}
	langs, _, err := l.store.Setting(settingOCRLangs)
	if err != nil {
		return OCRSettings{}, err
	}
	s := OCRSettings{Enabled: off != "1", Langs: []string{"eng"}}
	if langs != "" {
		s.Langs = strings.Split(langs, "+")
	}
	return s, nil
}

// SetOCRSettings saves the OCR settings; pages already read stay as read.
func (l *Library) SetOCRSettings(s OCRSettings) error {
	off := ""
	if !s.Enabled {
		off = "1"
	}
	if err := l.store.SetSetting(settingOCROff, off); err != nil {
		return err
	}
	return l.store.SetSetting(settingOCRLangs, ocr.LangList(s.Langs))
}

// OCRProgress reports the reading of one page.
type OCRProgress struct {
	Doc     store.Document // the document being read
	Page    int            // the page just read
	Err     error          // why it could not be read, if not
	Done    int            // pages finished in this run
	Total   int            // pages to read in this run
	PerPage time.Duration  // mean time per page so far
}

// String is the progress as the window and the CLI show it:
// "OCR p. 3 of 10, 1.4 s/page".
func (p OCRProgress) String() string {
	return fmt.Sprintf("OCR p. %d of %d, %.1f s/page", p.Done, p.Total, p.PerPage.Seconds())
}

// OCRSummary totals one OCR run.
type OCRSummary struct {
	Pages   int           `json:"pages"`  // pages read
	Failed  int           `json:"failed"` // pages that could not be read
	Left    int           `json:"left"`   // pages still to read (cancelled, or OCR unavailable)
	Elapsed time.Duration `json:"elapsed_ns"`
}

// ocrBatch is how many pages are indexed at a time: few enough that a
// killed run loses little, enough that a scanned book's chunks may cross
// pages.
const ocrBatch = 4

// OCRPending counts the pages waiting for OCR across the library.
func (l *Library) OCRPending() (int, error) {
	docs, err := l.ocrDocs()
	n := 0
	for _, d := range docs {
		n += len(d.OCRPending())
	}
	return n, err
}

// ocrDocs lists the documents with pages waiting for OCR, oldest first.
func (l *Library) ocrDocs() ([]store.Document, error) {
	docs, err := l.store.Documents()
	if err != nil {
		return nil, err
	}
	var out []store.Document
	for _, d := range docs {
		if d.Status != store.StatusError && len(d.OCRPending()) > 0 {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b store.Document) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// OCR reads the pages waiting for OCR in every document, a batch at a
// time, so that they become searchable as they are read. It returns
// ocr.ErrNoTesseract (or ocr.ErrNoLanguage) when Tesseract cannot read
// anything, leaving the pages waiting; with OCR switched off it does
// nothing. Only one OCR run works on a library at a time: a second call
// meanwhile returns at once. Cancelling ctx stops it between two pages'
// worth of work; what was read is kept.
func (l *Library) OCR(ctx context.Context, progress func(OCRProgress)) (sum OCRSummary, err error) {
	if err := l.ReadOnly(); err != nil {
		return OCRSummary{}, fmt.Errorf("OCR: %w", err)
	}
	if !l.ocrMu.TryLock() {
		return OCRSummary{}, nil
	}
	defer l.ocrMu.Unlock()
	t0 := time.Now()
	defer func() { sum.Elapsed = time.Since(t0) }()
	set, err := l.OCRSettings()
	if err != nil || !set.Enabled {
		return sum, err
	}
	docs, err := l.ocrDocs()
	if err != nil || len(docs) == 0 {
		return sum, err
	}
	for _, d := range docs {
		sum.Left += len(d.OCRPending())
	}
	r, err := ocr.New(ocr.Options{Langs: set.Langs})
	if err != nil {
		return sum, fmt.Errorf("OCR: %w", err)
	}
	defer r.Close()
	run := &ocrRun{lib: l, r: r, progress: progress, total: sum.Left, start: t0}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			break
		}
		if err := run.doc(ctx, d); err != nil {
			sum.Pages, sum.Failed, sum.Left = run.read, run.failed, run.total-run.read-run.failed
			return sum, fmt.Errorf("OCR %s: %w", d.Name, err)
		}
	}
	sum.Pages, sum.Failed, sum.Left = run.read, run.failed, run.total-run.read-run.failed
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("OCR: %w", err)
	}
	return sum, nil
}

// ocrRun is the state of one OCR call.
type ocrRun struct {
	lib      *Library
	r        *ocr.Reader
	progress func(OCRProgress)
	total    int
	read     int
	failed   int
	start    time.Time
	busy     time.Duration // time spent on pages
}

// doc reads the pending pages of one document. A file that is gone or
// changed since it was indexed is left alone: re-indexing it comes first.
func (run *ocrRun) doc(ctx context.Context, d store.Document) error {
	st, err := os.Stat(d.Path)
	if err != nil || st.Size() != d.Size || !st.ModTime().UTC().Equal(d.ModTime) {
		run.total -= len(d.OCRPending())
		return nil
	}
	var batch []ocr.Result
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		nd, err := run.lib.addOCR(ctx, d, batch)
		batch = batch[:0]
		if err != nil {
			return err
		}
		d = nd
		return nil
	}
	var saveErr error
	err = run.r.Pages(ctx, d.Path, d.OCRPending(), func(res ocr.Result) bool {
		batch = append(batch, res)
		run.busy += res.Duration
		if res.Err != nil {
			run.failed++
		} else {
			run.read++
		}
		if run.progress != nil {
			done := run.read + run.failed
			run.progress(OCRProgress{Doc: d, Page: res.Number, Err: res.Err, Done: done, Total: run.total,
				PerPage: run.busy / time.Duration(max(done, 1))})
		}
		if len(batch) >= ocrBatch {
			saveErr = flush()
		}
		return saveErr == nil
	})
	if saveErr == nil {
		saveErr = flush()
	}
	if errors.Is(saveErr, store.ErrNotFound) {
		return nil // removed meanwhile
	}
	if saveErr != nil {
		return saveErr
	}
	if err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

// addOCR indexes a batch of OCR results of a document: chunks of the
// pages read (marked OCR, with their pages' mean confidence), their
// vectors, the words, and the pages that failed.
func (l *Library) addOCR(ctx context.Context, d store.Document, results []ocr.Result) (store.Document, error) {
	var b store.OCRBatch
	var pages []ingest.Page
	conf := map[int]float64{}
	for _, res := range results {
		if res.Err != nil || strings.TrimSpace(res.Text) == "" {
			b.Failed = append(b.Failed, res.Number)
			if res.Err != nil {
				b.Reason = ocr.Reason(res.Err)
			} else {
				b.Reason = "no words found"
			}
			continue
		}
		pages = append(pages, ingest.Page{Number: res.Number, Text: res.Text})
		conf[res.Number] = res.Conf
		b.Pages = append(b.Pages, ocrPage(res.Page))
	}
	b.Chunks = l.chunks(pages)
	for i := range b.Chunks {
		c := &b.Chunks[i]
		sum, n := 0.0, 0
		for p := c.PageStart; p <= c.PageEnd; p++ {
			if v, ok := conf[p]; ok {
				sum += v
				n++
			}
		}
		c.OCR, c.OCRConf = true, math.Round(sum/float64(max(n, 1))*10)/10
	}
	vecs, name, err := l.embed(ctx, b.Chunks)
	if err != nil {
		return d, err
	}
	b.Vectors, b.Embedder = vecs, name
	if d.Chunks == 0 && d.Lang == "" {
		b.Lang = detectLang(pages)
	}
	return l.store.AddOCR(d.ID, b)
}

// ocrPage converts OCR's words to the store's compact form.
func ocrPage(p ocr.Page) store.OCRPage {
	out := store.OCRPage{Page: p.Number, Conf: math.Round(p.Conf*10) / 10, Words: make([]store.OCRWord, len(p.Words))}
	unit := func(f float32) uint16 { return uint16(min(max(math.Round(float64(f)*10000), 0), 10000)) }
	for i, w := range p.Words {
		out.Words[i] = store.OCRWord{Text: w.Text, Box: [4]uint16{unit(w.X0), unit(w.Y0), unit(w.X1), unit(w.Y1)}}
	}
	return out
}

// OCRWords returns the words OCR read on a page, with their boxes, or
// store.ErrNotFound for a page that was not read by OCR.
func (l *Library) OCRWords(doc uint64, page int) (store.OCRPage, error) {
	return l.store.OCRWords(doc, page)
}

// OCRStatus says in words what OCR did and has left to do for a
// document, for its library row: "OCR pp. 2–4",
// "pp. 5–9 wait for OCR", "install Tesseract to read pp. 2–4". It is
// empty for a document with no scanned page.
func OCRStatus(d store.Document, tesseract bool, enabled bool) string {
	var parts []string
	if len(d.OCRRead) > 0 {
		parts = append(parts, "OCR "+store.PageList(d.OCRRead, 4))
	}
	if len(d.OCRFailed) > 0 {
		parts = append(parts, store.PageList(d.OCRFailed, 4)+" "+d.OCRReason)
	}
	if pend := d.OCRPending(); len(pend) > 0 {
		switch {
		case !enabled:
			parts = append(parts, store.PageList(pend, 4)+" need OCR (off in Settings)")
		case !tesseract:
			parts = append(parts, "install Tesseract to read "+store.PageList(pend, 4))
		default:
			parts = append(parts, store.PageList(pend, 4)+" wait for OCR")
		}
	}
	return strings.Join(parts, "; ")
}

// OCRState reports whether Tesseract is installed and OCR switched on,
// for OCRStatus.
func (l *Library) OCRState() (installed, enabled bool) {
	_, err := ocr.Command()
	set, serr := l.OCRSettings()
	return err == nil, serr == nil && set.Enabled
}
