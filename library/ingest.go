package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"quire/ingest"
	"quire/models/fetch"
	"quire/store"
)

// EventKind says what an ingest Event reports.
type EventKind int

const (
	FileQueued  EventKind = iota // the files to do are known: Total
	FileStarted                  // Path is being read
	FileDone                     // Doc holds the outcome: indexed, no-text or error
	FileSkipped                  // Path has the same content as Doc, already in the library
	PageRead                     // page Page of Path's Pages has been read
)

// Event reports ingest progress.
type Event struct {
	Kind      EventKind
	Path      string
	Doc       store.Document // for FileDone and FileSkipped
	Done      int            // files finished so far in this run
	Total     int            // files found
	PagesDone int            // pages read so far in this run
	Page      int            // for PageRead: the page read
	Pages     int            // for PageRead: the file's page count
	Elapsed   time.Duration  // since the run started
}

// ErrDiskFull wraps a failure to save because the disk (or the user's
// quota, or the file-size limit) is full. What was stored before stays.
var ErrDiskFull = errors.New("the disk is full")

// diskFull recognises a full disk. bbolt and Bleve flatten some errors
// into text, so their words are matched too.
func diskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{syscall.ENOSPC.Error(), syscall.EDQUOT.Error(), syscall.EFBIG.Error()} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// Summary totals one ingest run.
type Summary struct {
	Files    int              `json:"files"`
	Indexed  int              `json:"indexed"`
	NoText   int              `json:"no_text"`
	Failed   int              `json:"failed"`
	Skipped  int              `json:"skipped"`
	Removed  int              `json:"removed,omitempty"` // documents whose files were deleted (Sync)
	Pages    int              `json:"pages"`
	Chunks   int              `json:"chunks"`
	Failures []store.Document `json:"failures,omitempty"`
	Elapsed  time.Duration    `json:"elapsed_ns"`
}

// Ingest adds files and folders (folders recursively, their *.pdf files).
// Files whose content is already in the library are skipped; a file whose
// content changed replaces its old document. progress, if not nil, is
// called from ingest goroutines: it must be cheap and safe for concurrent
// use. Cancelling ctx stops the run; documents already added stay whole.
// A run that does not finish is remembered for Resume, unless it was
// cancelled with the cause ErrStopped.
func (l *Library) Ingest(ctx context.Context, paths []string, progress func(Event)) (Summary, error) {
	key, err := l.remember(paths)
	if err != nil {
		return Summary{}, fmt.Errorf("ingest: %w", err)
	}
	return l.ingest(ctx, paths, progress, []string{key}, "")
}

// ReasonWrongPassword is a document's Error after Unlock with a password
// that does not open it.
const ReasonWrongPassword = "could not be opened with that password"

// Unlock ingests one file that needs a password, with the password the
// user gave. The password is used for this run only and never stored.
func (l *Library) Unlock(ctx context.Context, path, password string, progress func(Event)) (Summary, error) {
	return l.ingest(ctx, []string{path}, progress, nil, password)
}

// ingest runs the pipeline over paths, then forgets the unfinished-run
// records keys once the run is over.
func (l *Library) ingest(ctx context.Context, paths []string, progress func(Event), keys []string, password string) (Summary, error) {
	files, err := collect(paths)
	if err != nil {
		l.forget(keys)
		return Summary{}, err
	}
	known, err := l.byPath()
	if err != nil {
		return Summary{}, err
	}
	run := &ingestRun{lib: l, ctx: ctx, progress: progress, start: time.Now(), inFlight: map[string]bool{}, known: known, password: password}
	run.sum.Files = len(files)
	run.emit(Event{Kind: FileQueued, Total: len(files)})
	run.pipeline(files)
	run.sum.Elapsed = time.Since(run.start)
	if ctx.Err() == nil || errors.Is(context.Cause(ctx), ErrStopped) {
		l.forget(keys)
	}
	if err := ctx.Err(); err != nil {
		return run.sum, fmt.Errorf("ingest: %w", err)
	}
	if run.err != nil {
		return run.sum, fmt.Errorf("ingest: %w", run.err)
	}
	return run.sum, nil
}

// collect expands folders into their PDF files, sorted, without repeats.
// Files named explicitly are kept whatever their extension, so the user
// hears why a non-PDF was refused.
func collect(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable subfolder does not stop the rest
			}
			if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, nil
}

// ingestRun is the state one Ingest call shares between its stages.
type ingestRun struct {
	lib      *Library
	ctx      context.Context
	progress func(Event)
	start    time.Time

	mu       sync.Mutex
	sum      Summary
	done     int
	inFlight map[string]bool           // content hashes being ingested now
	known    map[string]store.Document // the library's documents by path when the run began
	err      error                     // the first failure to save

	pagesRead atomic.Int64 // pages extracted so far, in files still going too
	password  string       // tried on files that need one (Unlock)
}

func (r *ingestRun) emit(e Event) {
	if r.progress == nil {
		return
	}
	r.mu.Lock()
	e.Done, e.Total = r.done, r.sum.Files
	r.mu.Unlock()
	e.PagesDone = int(r.pagesRead.Load())
	e.Elapsed = time.Since(r.start)
	r.progress(e)
}

// item is one file on its way through the pipeline.
type item struct {
	path   string
	doc    store.Document
	chunks []store.Chunk
	vecs   [][]float32
	save   bool   // doc is new (read, or failed to read) and must be stored
	hash   string // content hash claimed by this run, released once stored
	// skipped: the content is in the library already and doc is its
	// document; nothing is stored.
	skipped bool
	// err stopped the work on this file (cancellation, a model or store
	// failure); a file that cannot be read is a document, not an error.
	err error
}

// pipeline reads, embeds and stores files in three stages that overlap:
// several extraction workers (each file in its own child process), one
// embedder (the model spreads over all cores itself) and one writer that
// stores whatever files are ready in a single transaction. The queues
// between them are short, so a slow stage holds the others back rather
// than piling files up in memory.
func (r *ingestRun) pipeline(files []string) {
	workers := min(r.lib.opts.Workers, max(len(files), 1))
	read := make(chan *item, workers)
	embedded := make(chan *item, workers)
	go r.readAll(files, workers, read)
	go r.embedAll(read, embedded)
	r.writeAll(embedded)
}

func (r *ingestRun) readAll(files []string, workers int, out chan<- *item) {
	defer close(out)
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				r.emit(Event{Kind: FileStarted, Path: path})
				out <- r.read(path)
			}
		}()
	}
	for _, f := range files {
		if r.ctx.Err() != nil {
			break
		}
		jobs <- f
	}
	close(jobs)
	wg.Wait()
}

func (r *ingestRun) embedAll(in <-chan *item, out chan<- *item) {
	defer close(out)
	for it := range in {
		if it.save && it.err == nil && len(it.chunks) > 0 {
			if err := r.ctx.Err(); err != nil {
				it.err = err
				out <- it
				continue
			}
			var name string
			it.vecs, name, it.err = r.lib.embed(r.ctx, it.chunks)
			if it.vecs != nil {
				it.doc.Embedder = name
			}
		}
		out <- it
	}
}

// writeBatch bounds how many files one store transaction takes.
const writeBatch = 64

func (r *ingestRun) writeAll(in <-chan *item) {
	for it := range in {
		batch := []*item{it}
	drain:
		for len(batch) < writeBatch {
			select {
			case next, ok := <-in:
				if !ok {
					break drain
				}
				batch = append(batch, next)
			default:
				break drain
			}
		}
		var save []*item
		for _, it := range batch {
			if it.save && it.err == nil {
				save = append(save, it)
			}
		}
		r.saveAll(save)
		for _, it := range batch {
			if it.hash != "" {
				r.release(it.hash)
			}
			r.finish(it)
		}
	}
}

// saveAll stores the items' documents in one transaction, then drops the
// documents that held their paths when the run began: the file changed,
// or it failed before and was tried again.
func (r *ingestRun) saveAll(items []*item) {
	if len(items) == 0 {
		return
	}
	batch := make([]store.NewDocument, len(items))
	for i, it := range items {
		batch[i] = store.NewDocument{Doc: it.doc, Chunks: it.chunks, Vectors: it.vecs}
	}
	docs, err := r.lib.store.AddDocuments(batch)
	if err != nil {
		if len(items) > 1 { // one file's fault must not cost the others
			for _, it := range items {
				r.saveAll([]*item{it})
			}
			return
		}
		items[0].err = err
		return
	}
	for i, it := range items {
		it.doc, it.chunks, it.vecs = docs[i], nil, nil
		if old, ok := r.known[it.path]; ok {
			it.err = r.lib.store.RemoveDocument(old.ID)
		}
	}
}

// finish records a file's outcome and reports it.
func (r *ingestRun) finish(it *item) {
	if it.err != nil && (errors.Is(it.err, ingest.ErrCancelled) || r.ctx.Err() != nil) {
		return // not done; the next run does it
	}
	doc := it.doc
	r.mu.Lock()
	if it.err != nil {
		// The file was read but could not be saved (a full disk, a
		// model failure): the library is unchanged for it, and the run
		// reports the first such error.
		if diskFull(it.err) {
			it.err = fmt.Errorf("%w: %w", ErrDiskFull, it.err)
		}
		doc.Status, doc.Error = store.StatusError, "could not be saved: "+it.err.Error()
		if r.err == nil {
			r.err = it.err
		}
	}
	r.done++
	switch {
	case it.skipped:
		r.sum.Skipped++
	case doc.Status == store.StatusIndexed:
		r.sum.Indexed++
	case doc.Status == store.StatusNoText:
		r.sum.NoText++
	default:
		r.sum.Failed++
		r.sum.Failures = append(r.sum.Failures, doc)
	}
	if !it.skipped {
		r.sum.Pages += doc.Pages
		r.sum.Chunks += doc.Chunks
	}
	r.mu.Unlock()
	kind := FileDone
	if it.skipped {
		kind = FileSkipped
	}
	r.emit(Event{Kind: kind, Path: it.path, Doc: doc})
}

// claim marks a content hash as being ingested by this run; it reports
// false if another worker has it already (the same file twice in a drop).
func (r *ingestRun) claim(hash string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.inFlight[hash] {
		return false
	}
	r.inFlight[hash] = true
	return true
}

func (r *ingestRun) release(hash string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.inFlight, hash)
}

// read extracts and chunks one file. A file that cannot be read becomes a
// failed document with the reason.
func (r *ingestRun) read(path string) *item {
	l := r.lib
	it := &item{path: path, doc: store.Document{Path: path, Name: filepath.Base(path), Added: time.Now().UTC()}}
	info, err := os.Stat(path)
	if err != nil {
		return it.failed(fmt.Errorf("ingest %s: %w", it.doc.Name, err), "could not be opened")
	}
	it.doc.Size, it.doc.ModTime = info.Size(), info.ModTime().UTC()
	if old, ok := r.known[path]; ok && old.Size == it.doc.Size && old.ModTime.Equal(it.doc.ModTime) && old.Status != store.StatusError {
		it.doc, it.skipped = old, true // same path, size and time: not even read
		return it
	}
	hash, err := fetch.FileSHA256(path)
	if err != nil {
		return it.failed(fmt.Errorf("ingest %s: %w", it.doc.Name, err), "could not be opened")
	}
	it.doc.Hash = hash
	if old, err := l.store.DocumentByHash(hash); err == nil {
		it.doc, it.skipped, it.err = l.moved(old, it.doc)
		return it
	}
	if !r.claim(hash) {
		it.skipped = true
		return it
	}
	it.hash = hash
	opts := l.opts.Extract
	if r.password != "" {
		opts.Password = r.password
	}
	opts.OnPage = func(page, pages int) {
		r.pagesRead.Add(1)
		r.emit(Event{Kind: PageRead, Path: path, Page: page, Pages: pages})
	}
	res, err := ingest.Extract(r.ctx, path, opts)
	if err != nil {
		if errors.Is(err, ingest.ErrCancelled) || r.ctx.Err() != nil {
			it.err = err
			return it
		}
		reason := ingest.Reason(err)
		if r.password != "" && errors.Is(err, ingest.ErrPassword) {
			reason = ReasonWrongPassword
		}
		return it.failed(err, reason)
	}
	d := &it.doc
	d.Pages, d.Engine, d.TextPages, d.OCRPages = res.NumPages, res.Engine, len(res.Pages), res.NeedsOCR
	d.Status = store.StatusNoText
	if res.TextChars() > 0 {
		d.Status = store.StatusIndexed
		// Running heads stay in the chunks: they often name the section
		// a passage is from, and stripping them cost retrieval in the
		// evaluation. Answers leave them out of what they quote.
		d.Running, d.Heading = ingest.Running(res.Pages)
		it.chunks = l.chunks(res.Pages)
	}
	it.save = true
	return it
}

// failed makes the item a document that could not be read, with its
// reason.
func (it *item) failed(cause error, reason string) *item {
	it.doc.Status = store.StatusError
	it.doc.Error = reason
	if it.doc.Error == "" {
		it.doc.Error = cause.Error()
	}
	it.save = true
	return it
}

func (l *Library) byPath() (map[string]store.Document, error) {
	docs, err := l.store.Documents()
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	m := make(map[string]store.Document, len(docs))
	for _, d := range docs {
		m[d.Path] = d
	}
	return m, nil
}

// moved handles content already in the library: when its old file is
// gone, the file was renamed or moved, and the document follows it;
// otherwise this is a copy and is skipped.
func (l *Library) moved(old, now store.Document) (store.Document, bool, error) {
	if old.Path == now.Path || fileExists(old.Path) {
		return old, true, nil
	}
	old.Path, old.Name, old.ModTime = now.Path, now.Name, now.ModTime
	if err := l.store.UpdateDocument(old); err != nil {
		return old, false, err
	}
	return old, true, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
