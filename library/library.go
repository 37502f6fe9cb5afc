// Package library is Quire's core: one open library of PDFs that the GUI
// and the CLI both drive. It ties ingest, store, search and llm together;
// callers never touch bbolt, Bleve or the PDF reader directly.
package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"quire/ingest"
	"quire/llm"
	"quire/search"
	"quire/store"
)

// Options tune a library. Zero values mean the defaults.
type Options struct {
	Workers     int                 // files extracted at once (default: number of CPUs)
	Chunking    ingest.ChunkOptions // chunk size and overlap
	Extract     ingest.Options      // per-file limits
	Search      search.Options      // candidate pool and top k
	MinKnown    float64             // abstention thresholds (llm's defaults if 0)
	MinCoverage float64
	// Models are the neural parts, when installed: an embedder for dense
	// retrieval (chunks are embedded as they are ingested) and a
	// cross-encoder. Without them the library uses BM25 alone.
	Models search.Models
	// CloseModels, if set, hands Models to the library: it closes them
	// once SetModels has swapped them out, or when it closes. Without it
	// the caller closes them.
	CloseModels func() error
	// LoadModels makes Open load the models the shelf's choice names
	// (see Library.LoadModels) instead of Models. Open does not fail for
	// them: a model or runtime that is missing or cannot be loaded leaves
	// keyword search on, and ModelStatus says why.
	LoadModels bool
	// GeneratedModels, if set, makes Open load random-weight models
	// generated (once) in that folder: the real code paths at the real
	// cost, for benchmarks and tests. Their scores mean nothing.
	GeneratedModels string
	// GeneratedInt8 loads the generated models' int8 variants.
	GeneratedInt8 bool
	// Shelf is the models folder; nil means ModelsDir(dir).
	Shelf *Shelf
}

// Library is an open library directory. Its methods are safe for
// concurrent use: questions can be asked while files are being ingested.
type Library struct {
	store *store.Store
	opts  Options
	mu    sync.RWMutex // guards eng and modelStatus
	eng   *engine      // the models in use; see SetModels

	shelf       *Shelf      // the models folder
	modelStatus ModelStatus // what LoadModels (or Open) put in use
	loadMu      sync.Mutex  // one LoadModels at a time

	server atomic.Pointer[llm.Endpoint] // the LLM server writing answers; nil: extractive (see SetLLM)

	watchMu sync.Mutex // serialises edits of the watched folders

	flightMu sync.Mutex
	inFlight map[string]bool // content hashes being ingested now, by any run

	afterHash func(path string) // test hook: called once a file is hashed, before it is parsed

	ocrMu sync.Mutex // held by the one OCR run at a time

	names docNames // the documents' names, for the answer's "Searched …"
}

// Open opens (creating if needed) the library in dir.
func Open(dir string, opts Options) (*Library, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	st, err := store.Open(dir)
	if err != nil {
		if diskFull(err) {
			err = fmt.Errorf("%w: %w", ErrDiskFull, err)
		}
		return nil, err
	}
	l := &Library{store: st, opts: opts, shelf: opts.Shelf}
	if l.shelf == nil {
		l.shelf = NewShelf(ModelsDir(dir))
	}
	l.eng = l.newEngine(opts.Models, opts.CloseModels)
	if err := l.openModels(opts); err != nil {
		st.Close()
		return nil, err
	}
	l.useSavedLLM()
	return l, nil
}

// modes lists the retrieval modes the models allow, the default first.
func modes(def search.Mode, m search.Models) []search.Mode {
	out := []search.Mode{def}
	all := []search.Mode{search.ModeBM25}
	if m.Embedder != nil {
		all = append(all, search.ModeDense, search.ModeHybrid)
	}
	if m.Reranker != nil {
		all = append(all, search.ModeRerank, search.ModeGuaranteed)
	}
	for _, x := range all {
		if x != def {
			out = append(out, x)
		}
	}
	return out
}

// DefaultDir is where the library lives unless told otherwise: $QUIRE_HOME,
// else the user's data directory (~/.local/share/quire on Linux,
// ~/Library/Application Support/quire on macOS, %AppData%\quire on Windows).
func DefaultDir() (string, error) {
	if d := os.Getenv("QUIRE_HOME"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" || runtime.GOOS == "openbsd" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "quire"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("library location: %w", err)
		}
		return filepath.Join(home, ".local", "share", "quire"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("library location: %w", err)
	}
	return filepath.Join(d, "quire"), nil
}

// Close closes the library, and the models SetModels gave it once the
// questions still running are done.
func (l *Library) Close() error {
	l.mu.Lock()
	e := l.eng
	l.mu.Unlock()
	return errors.Join(e.retire(), l.store.Close())
}

// Dir is the library directory.
func (l *Library) Dir() string { return l.store.Dir() }

// Documents lists every document, sorted by name.
func (l *Library) Documents() ([]store.Document, error) { return l.store.Documents() }

// Remove deletes a document and everything indexed from it.
func (l *Library) Remove(id uint64) error {
	if err := l.ReadOnly(); err != nil {
		return fmt.Errorf("remove: %w", err)
	}
	if err := l.store.RemoveDocument(id); err != nil {
		return err
	}
	l.saveCatalog()
	return nil
}

// Chunk returns a chunk by id, e.g. to show a citation's full passage.
func (l *Library) Chunk(id string) (store.Chunk, error) { return l.store.Chunk(id) }

// AskOptions narrow a question.
type AskOptions struct {
	Docs []uint64    // search only these documents; nil searches all
	TopK int         // sources to return (default 5)
	Mode search.Mode // retrieval pipeline; default the best the installed models allow
	// All searches the whole library even when the question names
	// documents (by default a question that names documents is answered
	// from them; see search.Result.Scope).
	All bool
	// Exact searches the question's words as typed (by default a word
	// the library does not know is corrected to a close one it does;
	// see search.Result.Corrected).
	Exact bool
	// OnToken, if set, receives the answer's text piece by piece as an
	// LLM server writes it (see SetLLM), on the asking goroutine; the
	// returned Answer is what to show in the end.
	OnToken func(string)
}

// Ask answers a question from the library, citing its sources. A
// question over llm.MaxQuestionBytes is refused with an
// *llm.TooLongError (errors.Is llm.ErrTooLong).
func (l *Library) Ask(ctx context.Context, question string, opts AskOptions) (llm.Answer, error) {
	if err := llm.CheckQuestion(question); err != nil {
		return llm.Answer{}, fmt.Errorf("ask: %w", err)
	}
	res, err := l.Search(ctx, question, opts)
	if err != nil {
		return llm.Answer{}, fmt.Errorf("ask: %w", err)
	}
	return l.Answer(ctx, question, res, opts)
}

// Answer writes the answer to question from search results, citing at
// most opts.TopK of its hits (default 5).
func (l *Library) Answer(ctx context.Context, question string, res search.Result, opts AskOptions) (llm.Answer, error) {
	if err := llm.CheckQuestion(question); err != nil {
		return llm.Answer{}, fmt.Errorf("ask: %w", err)
	}
	k := opts.TopK
	if k <= 0 {
		k = 5
	}
	res.Hits = search.Top(res.Hits, k)
	e, done := l.use()
	defer done()
	// The answer is written for the question as searched: its words,
	// corrected, are those the documents use.
	ans, err := l.answer(ctx, e, cmp.Or(res.Corrected, question), res, opts.OnToken)
	if err != nil {
		return llm.Answer{}, fmt.Errorf("ask: %w", err)
	}
	ans.Corrected = res.Corrected
	only := opts.Docs
	if res.Scope != nil {
		only, ans.Scoped, ans.About = res.Scope, true, res.About
	}
	var indexed int
	ans.Searched, indexed, err = l.searchedNames(only)
	if err != nil {
		return llm.Answer{}, fmt.Errorf("ask: %w", err)
	}
	if len(res.Earlier) > 0 {
		if ans.Earlier, _, err = l.searchedNames(res.Earlier); err != nil {
			return llm.Answer{}, fmt.Errorf("ask: %w", err)
		}
	}
	if !ans.Abstained && indexed > 1 {
		ans.From = llm.QuotedTitles(ans)
	}
	return ans, nil
}

// Check verifies that the library holds whole documents only and that its
// index agrees with its records.
func (l *Library) Check() error { return l.store.Check() }
