package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"unicode/utf8"
)

// The worker protocol. The parent starts its own executable with
// workerEnv=1 and writes one workerConfig as JSON to the child's stdin. The
// child answers with JSON lines on stdout:
//
//	{"t":"open","n":12,"rep":false}   document opened, 12 pages
//	{"t":"begin","p":3}                about to read page 3
//	{"t":"page","p":3,"s":"...","bad":false}
//	{"t":"err","k":"password","m":"..."}
//	{"t":"done"}
//
// "begin" lets the parent name the page that was being read if the child
// dies, and resume after it.
const workerEnv = "QUIRE_INGEST_WORKER"

type workerConfig struct {
	Path      string `json:"path"`
	Password  string `json:"password,omitempty"`
	From      int    `json:"from"`       // first page to read, 1-based
	MaxMemory int64  `json:"max_memory"` // bytes
	// RepairOnly skips the pdf package's cross-reference parser, after a
	// worker died in it.
	RepairOnly bool `json:"repair_only,omitempty"`
}

type workerMsg struct {
	T    string `json:"t"`
	N    int    `json:"n,omitempty"`
	Rep  bool   `json:"rep,omitempty"`
	P    int    `json:"p,omitempty"`
	S    string `json:"s,omitempty"`
	Bad  bool   `json:"bad,omitempty"`
	Kind string `json:"k,omitempty"`
	Msg  string `json:"m,omitempty"`
}

// Engine is the name recorded in Result.Engine.
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

func runWorker() int {
	// Anything else printing to stdout would corrupt the protocol.
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	os.Stdout = os.Stderr
	enc := json.NewEncoder(out)
	send := func(m workerMsg) {
		enc.Encode(m)
	}
	defer out.Flush()

	var cfg workerConfig
	if err := json.NewDecoder(os.Stdin).Decode(&cfg); err != nil {
		send(workerMsg{T: "err", Kind: "damaged", Msg: "worker: bad configuration: " + err.Error()})
		return 2
	}
	if cfg.MaxMemory <= 0 {
		cfg.MaxMemory = defaultMaxMemory
	}
	// The garbage collector works harder near the ceiling; the parent
	// kills the process if it goes over anyway. A small stack limit makes
	// runaway recursion die in milliseconds instead of eating memory.
	debug.SetMemoryLimit(cfg.MaxMemory * 3 / 4)
	debug.SetMaxStack(256 << 20)

	doc, err := openDocument(cfg.Path, cfg.Password, cfg.RepairOnly)
	if err != nil {
		send(workerMsg{T: "err", Kind: errKind(err), Msg: err.Error()})
		return 0
	}
	send(workerMsg{T: "open", N: max(doc.numPages, len(doc.pages)), Rep: doc.repaired})
	out.Flush()
	from := max(cfg.From, 1)
	ex := newExtractor()
	for p := from; p <= len(doc.pages); p++ {
		send(workerMsg{T: "begin", P: p})
		out.Flush()
		text, perr := ex.page(doc.pages[p-1])
		if errors.Is(perr, errContentTooLarge) && text == "" {
			send(workerMsg{T: "err", Kind: "toolarge", Msg: fmt.Sprintf("page %d: %v", p, perr)})
			return 0
		}
		if len(text) > maxPageText {
			text = text[:maxPageText]
			for !utf8.ValidString(text) {
				text = text[:len(text)-1]
			}
		}
		send(workerMsg{T: "page", P: p, S: text, Bad: perr != nil})
	}
	send(workerMsg{T: "done"})
	return 0
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
	}
	return ErrDamaged
}

// extractor reads pages, sharing decoded fonts between them.
type extractor struct {
	fonts map[string]*fontInfo
}

func newExtractor() *extractor {
	return &extractor{fonts: map[string]*fontInfo{}}
}

// page returns the normalised text of one page. err reports a fault met
// on the page; the text read before it is still returned.
func (e *extractor) page(p pageRef) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("page: %v", r)
		}
	}()
	if len(e.fonts) > 5000 {
		e.fonts = map[string]*fontInfo{}
	}
	in := &interp{fontCache: e.fonts}
	contents, ok := safeKey(p.v, "Contents")
	if !ok {
		return "", errors.New("page: unreadable contents")
	}
	in.runPage(contents, p.resources)
	if annots, ok := safeKey(p.v, "Annots"); ok && annots.Len() > 0 {
		in.runAnnotations(annots)
	}
	return normalize(layoutPage(in.glyphs)), in.err
}
