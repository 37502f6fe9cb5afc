// Package ocr reads the words of scanned pages with Tesseract.
//
// A page is drawn in grey by PDFium (the render package's sandboxed
// WebAssembly build) and handed to the tesseract command, which runs as a
// child process with a deadline and a resident-memory ceiling: an image
// that makes Tesseract loop or swell costs that page only. Tesseract's
// word boxes are kept with the text, in fractions of the page, so that a
// passage read by OCR can be highlighted on the page like any other.
//
// The command rather than a Go binding (cgo on libtesseract): a crash,
// hang or memory blow-up inside Tesseract then cannot take the app with
// it, the build needs no C headers, and the process start is a small part
// of a page's cost (see the README's OCR figures).
package ocr

import (
	"errors"
	"strings"
)

// Errors callers tell apart; every error of Reader wraps one of them (or
// the caller's context error).
var (
	// ErrNoTesseract: the tesseract command is not installed.
	ErrNoTesseract = errors.New("Tesseract is not installed")
	// ErrNoLanguage: none of the chosen languages' data is installed.
	ErrNoLanguage = errors.New("no Tesseract language data")
	// ErrDraw: the page could not be drawn.
	ErrDraw = errors.New("the page could not be drawn")
	// ErrTimeout: Tesseract took longer than the page's deadline, and
	// again on the page drawn at a lower resolution.
	ErrTimeout = errors.New("OCR took too long")
	// ErrTooLarge: Tesseract went over its memory ceiling.
	ErrTooLarge = errors.New("OCR needed too much memory")
	// ErrFailed: Tesseract failed on the page.
	ErrFailed = errors.New("OCR failed")
)

// Word is one word Tesseract read, with its box in fractions of the
// page's width and height from the top left corner (0–1), and its
// confidence (0–100).
type Word struct {
	Text           string
	X0, Y0, X1, Y1 float32
	Conf           float32
}

// Page is what OCR read on one page.
type Page struct {
	Number int    // 1-based
	Text   string // lines in reading order, paragraphs apart by a blank line
	Words  []Word // in reading order
	// Conf is the mean confidence of the words (0–100), 0 when none.
	Conf float64
	DPI  float64 // resolution the page was drawn at
	// Embedded: the page is a scan, and its own image was read as it is
	// (at its own resolution, DPI) rather than drawn.
	Embedded bool
}

// Reason is the plain-words explanation of a Reader error, shown beside
// the pages it cost ("could not be drawn").
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNoTesseract):
		return "Tesseract is not installed"
	case errors.Is(err, ErrNoLanguage):
		return "the chosen OCR languages are not installed"
	case errors.Is(err, ErrDraw):
		return "could not be drawn"
	case errors.Is(err, ErrTimeout):
		return "took too long to read, also at a lower resolution"
	case errors.Is(err, ErrTooLarge):
		return "needed too much memory to read"
	}
	return "could not be read by OCR"
}

// LangList joins language codes as Tesseract takes them ("eng+deu").
func LangList(langs []string) string { return strings.Join(langs, "+") }
