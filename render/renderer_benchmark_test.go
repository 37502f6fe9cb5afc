package render

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
)

// BenchmarkPage draws a page of the handbook 900 px wide with a passage
// highlighted, PDFium running and the document open (the SOURCE pane's
// cost of a click after the first).
func BenchmarkPage(b *testing.B) {
	pdf := handbookB(b)
	r := New(Options{})
	defer r.Close()
	ctx := context.Background()
	if _, err := r.Page(ctx, pdf, 1, "", 100); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := r.Page(ctx, pdf, 1+i%5, "Zentara Robotics", 900); err != nil {
			b.Fatal(err)
		}
	}
}

func handbookB(b *testing.B) string {
	p := "../../shared/evaldata/zentara/zentara_robotics_handbook.pdf"
	if _, err := os.Stat(p); err != nil {
		b.Skip(err)
	}
	return p
}

// TestMeasure prints PDFium's cold start (compiling into an empty cache),
// its warm start (loading that cache) and the p50/p95 time to draw a page
// 900 px wide with a passage highlighted. It runs only with
// QUIRE_RENDER_MEASURE=1 (a cold start takes seconds):
//
//	QUIRE_RENDER_MEASURE=1 go test ./render -run TestMeasure -v
//
// QUIRE_RENDER_PDF names another PDF to draw the pages of;
// QUIRE_RENDER_IN_PROCESS=1 draws in this process, not in a worker.
func TestMeasure(t *testing.T) {
	if os.Getenv("QUIRE_RENDER_MEASURE") == "" {
		t.Skip("set QUIRE_RENDER_MEASURE=1 to measure")
	}
	pdf := os.Getenv("QUIRE_RENDER_PDF")
	if pdf == "" {
		pdf = handbook(t)
	}
	inProcess := os.Getenv("QUIRE_RENDER_IN_PROCESS") == "1"
	ctx := context.Background()
	cache := t.TempDir()
	for _, kind := range []string{"cold", "warm", "warm"} {
		r := New(Options{CacheDir: cache, InProcess: inProcess})
		d, err := r.Start(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s start: %v", kind, d.Round(time.Millisecond))
		r.Close()
	}

	for _, trim := range []bool{false, true} {
		measureDraws(t, New(Options{CacheDir: cache, TrimMargins: trim, InProcess: inProcess}), pdf)
	}
}

// measureDraws logs the p50/p95 time r takes to draw pages of pdf 900 px
// wide, each with a line of its own text highlighted.
func measureDraws(t *testing.T, r *Renderer, pdf string) {
	defer r.Close()
	lines := newEngine(withDefaults(Options{})) // reads the passages, in this process
	defer lines.Close()
	ctx := context.Background()
	first, err := r.Page(ctx, pdf, 1, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	pages := first.Pages
	var times []time.Duration
	found, blank := 0, 0 // pages with the passage found; pages without text
	const n = 60
	for i := range n {
		page := 1 + i%pages
		passage := pageLine(t, lines, pdf, page)
		t0 := time.Now()
		pg, err := r.Page(ctx, pdf, page, passage, 900)
		times = append(times, time.Since(t0))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case pg.Found:
			found++
		case passage == "":
			blank++
		default:
			t.Errorf("page %d: %q not found (%d boxes)", page, passage, len(pg.Boxes))
		}
	}
	slices.Sort(times)
	t.Logf("draw + highlight at 900 px (trim margins %v), %d draws over %d pages of %s: p50 %v, p95 %v, max %v; passage found on %d, %d without text",
		r.opts.TrimMargins, n, min(n, pages), filepath.Base(pdf), times[n/2].Round(time.Millisecond), times[n*95/100].Round(time.Millisecond), times[n-1].Round(time.Millisecond), found, blank)
}

// pageLine is a run of PDFium's own text from the middle of a page.
func pageLine(t *testing.T, r *engine, path string, page int) string {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.inst == nil {
		if err := r.start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	d, err := r.doc(path, st)
	if err != nil {
		t.Fatal(err)
	}
	text, err := r.pageText(d, page)
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(text)
	if len(rs) < 200 {
		return text
	}
	mid := len(rs) / 2
	return string(rs[mid : mid+120])
}

// pageText is PDFium's text of page of d. r.mu is held.
func (r *engine) pageText(d *openDoc, page int) (string, error) {
	lp, err := r.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: page - 1})
	if err != nil {
		return "", err
	}
	defer r.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	tp, err := r.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &lp.Page}})
	if err != nil {
		return "", err
	}
	defer r.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	chars, err := r.pageChars(tp.TextPage)
	return string(chars), err
}
