package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The engine comparison measures the first engine, PDFium and the
// combined policy over the whole corpus. It takes minutes, so it runs
// only on request:
//
//	QUIRE_ENGINE_COMPARE=1 go test ./ingest -run TestEngineCompare -v -timeout 30m
//
// It prints a table and writes the figures as JSON to
// $QUIRE_ENGINE_COMPARE_OUT (default: quire-engine-compare.json in the
// temporary directory).

// engineReport is one engine policy's figures over the corpus.
type engineReport struct {
	Mode            string         `json:"mode"`
	Files           int            `json:"files"`
	Acceptable      int            `json:"acceptable"`
	MatchRate       float64        `json:"match_rate"`
	Mismatches      []string       `json:"mismatches"`
	Scored          int            `json:"scored"` // files with a reference text
	RecallMedian    float64        `json:"recall_median"`
	PrecisionMedian float64        `json:"precision_median"`
	RecallMean      float64        `json:"recall_mean"`
	PrecisionMean   float64        `json:"precision_mean"`
	WorstRecall     []fileScore    `json:"worst_recall"`
	WorstPrecision  []fileScore    `json:"worst_precision"`
	Pages           int            `json:"pages"`        // pages read (documents that opened)
	Seconds         float64        `json:"seconds"`      // summed per-file wall time
	WallSeconds     float64        `json:"wall_seconds"` // the whole run, two files at a time
	PagesPerSecond  float64        `json:"pages_per_second"`
	FileMsMedian    float64        `json:"file_ms_median"` // per-file wall time, worker start included
	Errors          []string       `json:"errors"`         // files that failed although poppler reads them
	Timeouts        []string       `json:"timeouts"`
	FailedPages     int            `json:"failed_pages"` // pages with a fault or a crash
	FilesByEngine   map[string]int `json:"files_by_engine,omitempty"`
	PagesByEngine   map[string]int `json:"pages_by_engine,omitempty"`
	NeedsOCRPages   int            `json:"needs_ocr_pages"`
	NeedsOCRFiles   int            `json:"needs_ocr_files"`
	PdfiumStarts    int            `json:"pdfium_starts"`
	PdfiumStartMs   float64        `json:"pdfium_start_ms_median"`
}

type fileScore struct {
	File      string  `json:"file"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
}

// scoreOutcomes computes an engine report from corpus outcomes.
func scoreOutcomes(t *testing.T, mode string, results []corpusOutcome, wall time.Duration) engineReport {
	refDir := filepath.Join(sharedDir(t), "pdfcorpus", "reference-text")
	r := engineReport{Mode: mode, Files: len(results), WallSeconds: wall.Seconds(),
		FilesByEngine: map[string]int{}, PagesByEngine: map[string]int{}}
	var scores []fileScore
	var starts, fileMs []float64
	for _, o := range results {
		r.Seconds += o.elapsed.Seconds()
		fileMs = append(fileMs, float64(o.elapsed.Microseconds())/1000)
		if o.acceptable() {
			r.Acceptable++
		} else {
			reason := fmt.Sprintf("%d chars", o.res.TextChars())
			if o.err != nil {
				reason = o.err.Error()
			}
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("%s: expect %s, got %s (%.160s)", o.entry.File, o.entry.Expect, o.kind(), reason))
		}
		if o.err != nil {
			if errors.Is(o.err, ErrTimeout) {
				r.Timeouts = append(r.Timeouts, o.entry.File)
			}
			if o.entry.Expect != "error" {
				r.Errors = append(r.Errors, fmt.Sprintf("%s: %.160s", o.entry.File, o.err.Error()))
			}
		} else {
			r.Pages += o.res.NumPages
			r.FailedPages += len(o.res.FailedPages)
			r.FilesByEngine[o.res.Engine]++
			for e, n := range o.res.EnginePages {
				r.PagesByEngine[e] += n
			}
			r.NeedsOCRPages += len(o.res.NeedsOCR)
			if len(o.res.NeedsOCR) > 0 {
				r.NeedsOCRFiles++
			}
			for _, d := range o.res.pdfiumStarts {
				starts = append(starts, float64(d.Microseconds())/1000)
			}
		}
		if o.entry.Expect != "text" {
			continue
		}
		ref, err := os.ReadFile(filepath.Join(refDir, o.entry.File+".txt"))
		if err != nil {
			continue
		}
		var got string
		if o.err == nil {
			got = resultText(o.res)
		}
		rc, pr := bagScores(wordsOf(got), wordsOf(string(ref)))
		scores = append(scores, fileScore{o.entry.File, rc, pr})
	}
	r.MatchRate = float64(r.Acceptable) / float64(max(1, r.Files))
	r.Scored = len(scores)
	median := func(v []float64) float64 {
		if len(v) == 0 {
			return 0
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	var rs, ps []float64
	for _, s := range scores {
		rs = append(rs, s.Recall)
		ps = append(ps, s.Precision)
		r.RecallMean += s.Recall / float64(len(scores))
		r.PrecisionMean += s.Precision / float64(len(scores))
	}
	r.RecallMedian, r.PrecisionMedian = median(rs), median(ps)
	sort.Slice(scores, func(i, j int) bool { return scores[i].Recall < scores[j].Recall })
	r.WorstRecall = append([]fileScore(nil), scores[:min(10, len(scores))]...)
	sort.Slice(scores, func(i, j int) bool { return scores[i].Precision < scores[j].Precision })
	r.WorstPrecision = append([]fileScore(nil), scores[:min(10, len(scores))]...)
	r.PagesPerSecond = float64(r.Pages) / max(r.Seconds, 1e-9)
	r.FileMsMedian = median(fileMs)
	r.PdfiumStarts = len(starts)
	r.PdfiumStartMs = median(starts)
	return r
}

// startCost measures PDFium's start in a worker with an empty compilation
// cache (cold) and then with the cache filled (warm), and the whole
// extraction of a small file by each engine.
type startCost struct {
	ColdStartMs    float64   `json:"cold_start_ms"`
	WarmStartMs    []float64 `json:"warm_start_ms"`
	ColdExtractMs  float64   `json:"cold_extract_ms"`  // whole Extract, PDFium alone
	WarmExtractMs  []float64 `json:"warm_extract_ms"`  // whole Extract, PDFium alone
	FirstExtractMs []float64 `json:"first_extract_ms"` // whole Extract, first engine alone
	NoCacheStartMs float64   `json:"no_cache_start_ms"`
}

func measureStartCost(t *testing.T) startCost {
	path := corpusFile(t, "pypdf-pdflatex-4-pages.pdf")
	old := pdfiumCacheDir
	defer func() { pdfiumCacheDir = old }()
	pdfiumCacheDir = t.TempDir()
	var c startCost
	run := func(mode string) (time.Duration, time.Duration) {
		t0 := time.Now()
		res, err := Extract(context.Background(), path, Options{mode: mode, Timeout: 60})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		var start time.Duration
		if len(res.pdfiumStarts) > 0 {
			start = res.pdfiumStarts[0]
		}
		return time.Since(t0), start
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	total, start := run(modePdfium)
	c.ColdExtractMs, c.ColdStartMs = ms(total), ms(start)
	for i := 0; i < 3; i++ {
		total, start := run(modePdfium)
		c.WarmExtractMs = append(c.WarmExtractMs, ms(total))
		c.WarmStartMs = append(c.WarmStartMs, ms(start))
		total, _ = run(modePrimary)
		c.FirstExtractMs = append(c.FirstExtractMs, ms(total))
	}
	pdfiumCacheDir = ""
	_, start = run(modePdfium)
	c.NoCacheStartMs = ms(start)
	return c
}

func TestEngineCompare(t *testing.T) {
	if os.Getenv("QUIRE_ENGINE_COMPARE") == "" {
		t.Skip("set QUIRE_ENGINE_COMPARE=1 to compare the engines over the corpus (minutes)")
	}
	out := os.Getenv("QUIRE_ENGINE_COMPARE_OUT")
	if out == "" {
		out = filepath.Join(os.TempDir(), "quire-engine-compare.json")
	}
	cost := measureStartCost(t)
	t.Logf("PDFium start: cold %.0f ms (no cache %.0f ms), warm %v ms; Extract of a 4-page file: PDFium cold %.0f ms, warm %v ms, first engine %v ms",
		cost.ColdStartMs, cost.NoCacheStartMs, cost.WarmStartMs, cost.ColdExtractMs, cost.WarmExtractMs, cost.FirstExtractMs)

	var reports []engineReport
	for _, mode := range []string{modePrimary, modePdfium, modeCombined} {
		start := time.Now()
		results := extractCorpus(t, Options{Timeout: corpusTimeout, mode: mode}, 2)
		name := mode
		if name == "" {
			name = "combined"
		}
		reports = append(reports, scoreOutcomes(t, name, results, time.Since(start)))
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\n%-9s %8s %7s %7s %7s %7s %7s %7s %8s %7s %6s %5s %4s %4s\n", "engine", "match", "R med", "R mean", "R wrst", "P med", "P mean", "pages", "pages/s", "ms/file", "wall s", "errs", "t/o", "ocr")
	for _, r := range reports {
		fmt.Fprintf(&b, "%-9s %3d/%-4d %7.3f %7.3f %7.3f %7.3f %7.3f %7d %8.0f %7.0f %6.1f %5d %4d %4d\n", r.Mode, r.Acceptable, r.Files,
			r.RecallMedian, r.RecallMean, r.WorstRecall[0].Recall, r.PrecisionMedian, r.PrecisionMean,
			r.Pages, r.PagesPerSecond, r.FileMsMedian, r.WallSeconds, len(r.Errors), len(r.Timeouts), r.NeedsOCRPages)
	}
	for _, r := range reports {
		fmt.Fprintf(&b, "\n[%s] worst recall:", r.Mode)
		for _, s := range r.WorstRecall {
			fmt.Fprintf(&b, "\n  %-50s R %.3f P %.3f", s.File, s.Recall, s.Precision)
		}
		fmt.Fprintf(&b, "\n[%s] worst precision:", r.Mode)
		for _, s := range r.WorstPrecision {
			fmt.Fprintf(&b, "\n  %-50s R %.3f P %.3f", s.File, s.Recall, s.Precision)
		}
		fmt.Fprintf(&b, "\n[%s] errors on files poppler reads: %d", r.Mode, len(r.Errors))
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "\n  %s", e)
		}
		fmt.Fprintf(&b, "\n[%s] timeouts: %v; failed pages %d; files by engine %v; pages by engine %v; PDFium started in %d workers (median %.0f ms)",
			r.Mode, r.Timeouts, r.FailedPages, r.FilesByEngine, r.PagesByEngine, r.PdfiumStarts, r.PdfiumStartMs)
		fmt.Fprintf(&b, "\n[%s] mismatches: %d", r.Mode, len(r.Mismatches))
		for _, m := range r.Mismatches {
			fmt.Fprintf(&b, "\n  %s", m)
		}
		b.WriteByte('\n')
	}
	t.Log(b.String())
	data, _ := json.MarshalIndent(map[string]any{"start": cost, "engines": reports}, "", "  ")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", out)
}

// TestEngineTrace runs both engines on every page of the corpus and
// writes, per page, both texts' garble scores and word recall and
// precision against poppler's page (the data the garble threshold was
// calibrated on):
//
//	QUIRE_ENGINE_TRACE=/tmp/trace.jsonl go test ./ingest -run TestEngineTrace -v -timeout 30m
func TestEngineTrace(t *testing.T) {
	out := os.Getenv("QUIRE_ENGINE_TRACE")
	if out == "" {
		t.Skip("set QUIRE_ENGINE_TRACE=<file.jsonl> to trace both engines over the corpus")
	}
	refDir := filepath.Join(sharedDir(t), "pdfcorpus", "reference-text")
	results := extractCorpus(t, Options{Timeout: 60, trace: true}, 2)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	type row struct {
		File   string `json:"file"`
		Expect string `json:"expect"`
		Flags  []string
		Err    string `json:"err,omitempty"`
		Engine string `json:"engine,omitempty"`
		Ref    int    `json:"ref_words"`
		R1, P1 float64
		R2, P2 float64
		W1, W2 int
		NoRef  bool `json:"no_ref,omitempty"`
		Ocr    bool `json:"ocr,omitempty"`
		*pageTrace
	}
	for _, o := range results {
		var refPages []string
		if ref, err := os.ReadFile(filepath.Join(refDir, o.entry.File+".txt")); err == nil {
			refPages = strings.Split(string(ref), "\f")
		}
		if o.err != nil {
			enc.Encode(row{File: o.entry.File, Expect: o.entry.Expect, Flags: o.entry.Flags, Err: o.err.Error()})
			continue
		}
		ocr := map[int]bool{}
		for _, p := range o.res.NeedsOCR {
			ocr[p] = true
		}
		for i := range o.res.trace {
			tr := &o.res.trace[i]
			r := row{File: o.entry.File, Expect: o.entry.Expect, Flags: o.entry.Flags, Engine: o.res.Engine, pageTrace: tr, Ocr: ocr[tr.Page]}
			if tr.Page-1 < len(refPages) {
				ref := wordsOf(refPages[tr.Page-1])
				r.Ref = len(ref)
				w1, w2 := wordsOf(tr.Text), wordsOf(tr.PdfiumText)
				r.W1, r.W2 = len(w1), len(w2)
				r.R1, r.P1 = bagScores(w1, ref)
				r.R2, r.P2 = bagScores(w2, ref)
			} else {
				r.NoRef = true
			}
			enc.Encode(r)
		}
	}
}
