package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"quire/bench"
)

// ocrReport is the OCR section of quire bench: the self-check at each
// resolution and what OCR makes of the corpus's scans.
type ocrReport struct {
	Samples int              `json:"samples"`
	Runs    []bench.OCRRun   `json:"runs"`
	Corpus  *bench.OCRCorpus `json:"corpus,omitempty"`
}

type ocrBenchOpts struct {
	dpis    string
	pages   int
	workers int
}

// benchOCR samples pages with a good text layer from evaldata and the
// corpus's text files (alternating, so both are in any cut), checks OCR
// on them at each resolution, then reads the corpus's scans.
func benchOCR(ctx context.Context, out io.Writer, shared string, o ocrBenchOpts) (ocrReport, error) {
	var rep ocrReport
	var eval []string
	_ = filepath.WalkDir(filepath.Join(shared, "evaldata"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			eval = append(eval, p)
		}
		return nil
	})
	text, noText, err := corpusByExpect(filepath.Join(shared, "pdfcorpus"))
	if err != nil {
		return rep, err
	}
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
		return rep, err
	}
	rep.Samples = len(samples)
	fmt.Fprintf(out, "  %d pages with a good text layer\n", len(samples))
	for _, s := range strings.Split(o.dpis, ",") {
		dpi, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return rep, fmt.Errorf("--ocr-dpi %q: %w", s, err)
		}
		errw := newTermWriter(os.Stderr)
		run, err := bench.OCRCheck(ctx, samples, dpi, o.workers, func(s bench.OCRPageScore) {
			fmt.Fprintf(errw, "%g dpi %s p. %d %s: recall %.3f precision %.3f %s\n", dpi, filepath.Base(s.File), s.Page, s.Kind, s.Recall, s.Precision, s.Err)
		})
		rep.Runs = append(rep.Runs, run)
		if err != nil {
			return rep, err
		}
		fmt.Fprintf(out, "  %g dpi: recall median %.3f mean %.3f, precision median %.3f mean %.3f, %.2f pages/s, %.1f s/page, peak RSS %.0f MiB (Tesseract %.0f MiB)\n",
			dpi, run.All.MedianRecall, run.All.MeanRecall, run.All.MedianPrecision, run.All.MeanPrecision, run.PagesPerSec, run.SecPerPage, run.PeakRSSMiB, run.TesseractPeakRSSMiB)
	}
	c, err := bench.OCRScanned(ctx, noText)
	rep.Corpus = &c
	fmt.Fprintf(out, "  corpus: %d no-text files, %d paint a page image: %d yield text, %d a reason\n", c.Checked, c.Files, c.Text, c.Reason)
	return rep, err
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
