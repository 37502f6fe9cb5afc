// Package ingest turns PDF files into page texts and page-aware chunks.
//
// Extraction of each file runs in a child process (the same executable,
// re-entered through RunWorkerIfRequested), so that a PDF that panics,
// overflows the stack, hangs or exhausts memory costs that file only.
//
// The first engine is Quire's own reader (package ingest/pdf), which
// rebuilds text from glyph positions; PDFium is the second, asked for the
// pages the first reads badly. Pages are normalised (ligatures expanded,
// words hyphenated at line ends rejoined, white space collapsed).
package ingest

import (
	"errors"
	"time"

	"quire/ingest/pdf"
)

// Sentinel errors callers distinguish. Each Extract error wraps one of them.
// Those the reader reports are the reader's own, so errors.Is holds for
// either name.
var (
	ErrNotPDF    = pdf.ErrNotPDF
	ErrPassword  = pdf.ErrPassword
	ErrDamaged   = pdf.ErrDamaged
	ErrTimeout   = errors.New("took too long")
	ErrTooLarge  = errors.New("too large")
	ErrEmpty     = pdf.ErrEmpty
	ErrCancelled = errors.New("cancelled")
	// ErrNoPages: a well-formed PDF whose page tree holds no page.
	ErrNoPages = errors.New("no pages")
	// ErrUnsupported: a valid PDF that uses a feature the reader lacks
	// (today: AES-256 encryption that does not need a password).
	ErrUnsupported = pdf.ErrUnsupported
)

// Page is the normalised text of one page; Number is 1-based.
type Page struct {
	Number int
	Text   string
}

// Result is what Extract found in one file.
type Result struct {
	NumPages int    // pages in the document, including pages with no text
	Pages    []Page // pages in order; pages without text are absent
	// Engine names the extraction engines that read the pages: Engine
	// ("ledongthuc+layout"), EnginePdfium ("pdfium"), or both joined
	// with "," when pages came from each.
	Engine string
	// EnginePages counts the pages each engine read to the end (a page
	// whose text came from PDFium counts for PDFium; pages a worker died
	// on, listed in FailedPages, count for neither).
	EnginePages map[string]int

	// FailedPages lists pages whose content could not be read completely
	// (a damaged stream, or a page that crashed the worker). Text found
	// before the fault is kept.
	FailedPages []int
	// UnreadFrom is the first page left unread because the deadline
	// passed, 0 if every page was read: the pages before it are kept.
	UnreadFrom int
	// Repaired is set when the file's cross-reference table was broken and
	// had to be rebuilt by scanning the file.
	Repaired bool
	// NeedsOCR lists pages whose words are in an image: pages that have
	// no extractable text but draw one (scans), and pages whose text
	// layer is a few words over an image covering most of the page (a
	// scan with a typed header). Blank pages are not listed.
	NeedsOCR []int

	trace        []pageTrace     // both engines' findings per page (tests)
	pdfiumStarts []time.Duration // PDFium start-up times in the workers
}

// Options bound the work done for one file. Zero values mean defaults.
type Options struct {
	Timeout int64 // per-file deadline in seconds (default 120), plus TimeoutPerPage
	// TimeoutPerPage is added to the deadline for each page the document
	// has, so that a long file is not cut short for its length (default
	// 20 ms, 30 minutes in all at most; negative: none). A file that runs
	// out of time keeps the pages read (see Result.UnreadFrom).
	TimeoutPerPage time.Duration
	MaxBytes       int64 // files larger than this fail with ErrTooLarge (default 2 GiB)

	// MaxMemory is the worker's resident-memory ceiling in bytes; above it
	// the worker is killed and Extract fails with ErrTooLarge (default
	// 1.5 GiB). Enforced on Linux.
	MaxMemory int64
	// Password is tried when the file needs a user password.
	Password string
	// OnPage, if set, is called as each page has been read, with its
	// number and the document's page count, so that callers can show
	// progress within a long file.
	OnPage func(page, pages int)

	mode  string // engines used (tests): modeCombined, modePrimary or modePdfium
	trace bool   // run both engines on every page and keep Result.trace (tests)
	// crashPage and crashPdfiumPage make the worker die on that page
	// when the first engine, or PDFium, reads it (tests).
	crashPage, crashPdfiumPage int
	slowPage                   time.Duration // the worker sleeps this long before each page after the first (tests)
}

const (
	defaultPerPage   = 20 * time.Millisecond
	maxPerPageTotal  = 30 * time.Minute
	defaultTimeout   = 120
	defaultMaxBytes  = 2 << 30
	defaultMaxMemory = 1536 << 20
)

// Reason is the plain-words explanation of an Extract error, e.g.
// "needs a password" or "is damaged and could not be read". The UI prints
// "<file> <reason>".
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrPassword):
		return "needs a password"
	case errors.Is(err, ErrNotPDF):
		return "is not a PDF"
	case errors.Is(err, ErrEmpty):
		return "is empty"
	case errors.Is(err, ErrNoPages):
		return "has no pages"
	case errors.Is(err, ErrTimeout):
		return "took too long to read"
	case errors.Is(err, ErrTooLarge):
		return "is too large or complex to read"
	case errors.Is(err, ErrCancelled):
		return "was not read because reading was cancelled"
	case errors.Is(err, ErrUnsupported):
		return "uses a kind of PDF encryption Quire cannot read yet"
	case errors.Is(err, ErrDamaged):
		return "is damaged and could not be read"
	}
	return "could not be read"
}
