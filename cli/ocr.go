package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"quire/library"
	"quire/ocr"
	"quire/store"
)

// runOCR reads the library's scanned pages after an ingest, printing
// progress ("OCR p. 3 of 10, 1.4 s/page") on stderr. Without Tesseract
// it says which pages wait for it and is not an error.
func runOCR(ctx context.Context, out io.Writer, lib *library.Library) error {
	n, err := lib.OCRPending()
	if err != nil || n == 0 {
		return err
	}
	// File names reach the terminal: through the same filter as stdout.
	errw := newTermWriter(os.Stderr)
	last := time.Time{}
	sum, err := lib.OCR(ctx, func(p library.OCRProgress) {
		if p.Err != nil {
			fmt.Fprintf(errw, "\r%s p. %d %s\n", store.Shown(p.Doc.Name), p.Page, ocr.Reason(p.Err))
		}
		if time.Since(last) > time.Second || p.Done == p.Total {
			last = time.Now()
			fmt.Fprintf(errw, "\r%s  %s   ", p, store.Shown(p.Doc.Name))
		}
	})
	if sum.Pages+sum.Failed > 0 {
		fmt.Fprintln(errw)
	}
	switch {
	case errors.Is(err, ocr.ErrNoTesseract):
		fmt.Fprintf(out, "%d scanned pages wait for OCR: install Tesseract to read them (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)\n", n)
		return nil
	case errors.Is(err, ocr.ErrNoLanguage):
		fmt.Fprintf(out, "%d scanned pages wait for OCR: %v\n", n, err)
		return nil
	case err != nil:
		return err
	}
	if sum.Pages+sum.Failed > 0 {
		fmt.Fprintf(out, "OCR: %d pages read, %d could not be read, in %.1fs\n", sum.Pages, sum.Failed, sum.Elapsed.Seconds())
	}
	return nil
}
