package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"quire/bench"
	"quire/ocr"
)

// ocrReport is the OCR section of quire bench: the self-check at each
// resolution and what OCR makes of the corpus's scans.
type ocrReport struct {
	Samples int            `json:"samples"`
	Runs    []bench.OCRRun `json:"runs"`
	// Scans: pages of image-only copies (scripts/scancopy) scored against
	// their originals' text layers, read from the page's own image and
	// drawn at the default resolution.
	Scans  []bench.OCRRun   `json:"scans,omitempty"`
	Corpus *bench.OCRCorpus `json:"corpus,omitempty"`
}

type ocrBenchOpts struct {
	dpis    string
	pages   int
	workers int
	parts   string // "check", "corpus", "scans", comma-separated
	scans   string // folder of image-only copies of evaldata PDFs
}

// benchOCR samples pages with a good text layer from evaldata and the
// corpus's text files (alternating, so both are in any cut), checks OCR
// on them at each resolution, then reads the corpus's scans.
func benchOCR(ctx context.Context, out io.Writer, shared string, o ocrBenchOpts) (ocrReport, error) {
	var rep ocrReport
	text, noText, err := corpusByExpect(filepath.Join(shared, "pdfcorpus"))
	if err != nil {
		return rep, err
	}
	if strings.Contains(o.parts, "check") {
		if err := ocrSelfCheck(ctx, out, shared, text, o, &rep); err != nil {
			return rep, err
		}
	}
	if strings.Contains(o.parts, "scans") {
		if err := ocrScans(ctx, out, shared, o, &rep); err != nil {
			return rep, err
		}
	}
	if !strings.Contains(o.parts, "corpus") {
		return rep, nil
	}
	c, err := bench.OCRScanned(ctx, noText)
	rep.Corpus = &c
	fmt.Fprintf(out, "  corpus: %d no-text files, %d paint a page image: %d yield text, %d a reason\n", c.Checked, c.Files, c.Text, c.Reason)
	return rep, err
}

// ocrSelfCheck scores OCR against good text layers at each resolution.
func ocrSelfCheck(ctx context.Context, out io.Writer, shared string, text []string, o ocrBenchOpts, rep *ocrReport) error {
	var eval []string
	_ = filepath.WalkDir(filepath.Join(shared, "evaldata"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			eval = append(eval, p)
		}
		return nil
	})
	var files []string
	for i := 0; i < max(len(eval), len(text)); i++ {
		if i < len(eval) {
			files = append(files, eval[i])
		}
		if i < len(text) {
			files = append(files, text[i])
		}
	}
	samples, err := bench.OCRSamples(ctx, files, 2, o.pages)
	if err != nil {
		return err
	}
	rep.Samples = len(samples)
	fmt.Fprintf(out, "  %d pages with a good text layer\n", len(samples))
	for _, s := range strings.Split(o.dpis, ",") {
		dpi, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return fmt.Errorf("--ocr-dpi %q: %w", s, err)
		}
		run, err := ocrRun(ctx, out, samples, bench.OCRCheckOptions{DPI: dpi, Workers: o.workers})
		rep.Runs = append(rep.Runs, run)
		if err != nil {
			return err
		}
	}
	return nil
}

// ocrScans reads pages of the image-only copies in o.scans (named as
// their originals under <shared>/evaldata) and scores them against the
// originals' text layers: from each scan's own image, then drawn.
func ocrScans(ctx context.Context, out io.Writer, shared string, o ocrBenchOpts, rep *ocrReport) error {
	if o.scans == "" {
		return fmt.Errorf("--ocr-scans: the folder of image-only copies is needed")
	}
	copies := map[string]string{} // original → copy
	_ = filepath.WalkDir(filepath.Join(shared, "evaldata"), func(p string, d os.DirEntry, err error) error {
		c := filepath.Join(o.scans, filepath.Base(p))
		if _, serr := os.Stat(c); err == nil && !d.IsDir() && serr == nil {
			copies[p] = c
		}
		return nil
	})
	originals := slices.Sorted(maps.Keys(copies))
	samples, err := bench.OCRSamples(ctx, originals, max(2, o.pages/max(len(originals), 1)), o.pages)
	if err != nil {
		return err
	}
	for i := range samples {
		samples[i].File = copies[samples[i].File]
	}
	fmt.Fprintf(out, "  %d pages of %d scanned copies\n", len(samples), len(originals))
	for _, draw := range []bool{false, true} {
		run, err := ocrRun(ctx, out, samples, bench.OCRCheckOptions{DPI: ocr.DefaultDPI, Workers: o.workers, DrawScans: draw})
		rep.Scans = append(rep.Scans, run)
		if err != nil {
			return err
		}
	}
	return nil
}

// ocrRun runs and prints one self-check.
func ocrRun(ctx context.Context, out io.Writer, samples []bench.OCRSample, o bench.OCRCheckOptions) (bench.OCRRun, error) {
	errw := newTermWriter(os.Stderr)
	run, err := bench.OCRCheck(ctx, samples, o, func(s bench.OCRPageScore) {
		fmt.Fprintf(errw, "%g dpi %s p. %d %s: recall %.3f precision %.3f %s\n", o.DPI, filepath.Base(s.File), s.Page, s.Kind, s.Recall, s.Precision, s.Err)
	})
	if err != nil {
		return run, err
	}
	how := ""
	if run.Embedded > 0 {
		how = fmt.Sprintf(" (%d pages from their own image)", run.Embedded)
	} else if o.DrawScans {
		how = " (scans drawn)"
	}
	fmt.Fprintf(out, "  %g dpi%s: recall median %.3f mean %.3f, precision median %.3f mean %.3f (goal recall median ≥ %.2f, mean ≥ %.2f: %s), %.2f pages/s, %.1f s/page, peak RSS %.0f MiB (Tesseract %.0f MiB), %d failed, %d retried\n",
		o.DPI, how, run.All.MedianRecall, run.All.MeanRecall, run.All.MedianPrecision, run.All.MeanPrecision,
		bench.OCRGoalMedianRecall, bench.OCRGoalMeanRecall, met(run.GoalMet), run.PagesPerSec, run.SecPerPage, run.PeakRSSMiB, run.TesseractPeakRSSMiB, run.Failed, run.Retried)
	for _, k := range slices.Sorted(maps.Keys(run.ByKind)) {
		sc := run.ByKind[k]
		fmt.Fprintf(out, "    %-12s %3d pages: recall median %.3f mean %.3f, precision median %.3f mean %.3f\n",
			k, sc.Pages, sc.MedianRecall, sc.MeanRecall, sc.MedianPrecision, sc.MeanPrecision)
	}
	return run, nil
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "not met"
}

// corpusByExpect lists the corpus files the manifest expects text from,
// and those it expects no text from.
func corpusByExpect(dir string) (text, noText []string, err error) {
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			File   string `json:"file"`
			Expect string `json:"expect"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		p := filepath.Join(dir, "files", m.File)
		switch m.Expect {
		case "text":
			text = append(text, p)
		case "no-text":
			noText = append(noText, p)
		}
	}
	return text, noText, sc.Err()
}
