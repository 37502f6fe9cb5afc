package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"quire/ingest"
	"quire/store"
)

// EventKind says what an ingest Event reports.
type EventKind int

const (
	FileQueued  EventKind = iota // the files to do are known: Total
	FileStarted                  // Path is being read
	FileDone                     // Doc holds the outcome: indexed, no-text or error
	FileSkipped                  // Path has the same content as Doc, already in the library
)

// Event reports ingest progress.
type Event struct {
	Kind      EventKind
	Path      string
	Doc       store.Document // for FileDone and FileSkipped
	Done      int            // files finished so far in this run
	Total     int            // files found
	PagesDone int            // pages read so far in this run
	Elapsed   time.Duration  // since the run started
}

// Summary totals one ingest run.
type Summary struct {
	Files    int              `json:"files"`
	Indexed  int              `json:"indexed"`
	NoText   int              `json:"no_text"`
	Failed   int              `json:"failed"`
	Skipped  int              `json:"skipped"`
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
func (l *Library) Ingest(ctx context.Context, paths []string, progress func(Event)) (Summary, error) {
	files, err := collect(paths)
	if err != nil {
		return Summary{}, err
	}
	known, err := l.byPath()
	if err != nil {
		return Summary{}, err
	}
	run := &ingestRun{lib: l, progress: progress, start: time.Now(), inFlight: map[string]bool{}, known: known}
	run.sum.Files = len(files)
	run.emit(Event{Kind: FileQueued, Total: len(files)})

	jobs := make(chan string)
	var wg sync.WaitGroup
	for range min(l.opts.Workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				run.file(ctx, path)
			}
		}()
	}
feed:
	for _, f := range files {
		select {
		case jobs <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	run.sum.Elapsed = time.Since(run.start)
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

// ingestRun is the state one Ingest call shares between its workers.
type ingestRun struct {
	lib      *Library
	progress func(Event)
	start    time.Time

	mu       sync.Mutex
	sum      Summary
	done     int
	inFlight map[string]bool           // content hashes being ingested now
	known    map[string]store.Document // the library's documents by path when the run began
	err      error                     // the first failure to save
}

func (r *ingestRun) emit(e Event) {
	if r.progress == nil {
		return
	}
	r.mu.Lock()
	e.Done, e.Total, e.PagesDone = r.done, r.sum.Files, r.sum.Pages
	r.mu.Unlock()
	e.Elapsed = time.Since(r.start)
	r.progress(e)
}

// file ingests one file and records its outcome.
func (r *ingestRun) file(ctx context.Context, path string) {
	if ctx.Err() != nil {
		return
	}
	r.emit(Event{Kind: FileStarted, Path: path})
	doc, skipped, err := r.ingestFile(ctx, path)
	if errors.Is(err, ingest.ErrCancelled) || (err != nil && ctx.Err() != nil) {
		return
	}
	r.mu.Lock()
	if err != nil {
		// The file was read but could not be saved (a full disk, a
		// model failure): the library is unchanged for it, and the run
		// reports the first such error.
		doc.Status, doc.Error = store.StatusError, "could not be saved: "+err.Error()
		if r.err == nil {
			r.err = err
		}
	}
	r.done++
	switch {
	case skipped:
		r.sum.Skipped++
	case doc.Status == store.StatusIndexed:
		r.sum.Indexed++
	case doc.Status == store.StatusNoText:
		r.sum.NoText++
	default:
		r.sum.Failed++
		r.sum.Failures = append(r.sum.Failures, doc)
	}
	if !skipped {
		r.sum.Pages += doc.Pages
		r.sum.Chunks += doc.Chunks
	}
	r.mu.Unlock()
	kind := FileDone
	if skipped {
		kind = FileSkipped
	}
	r.emit(Event{Kind: kind, Path: path, Doc: doc})
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

// ingestFile reads, chunks and stores one file. A file that cannot be read
// is stored as a failed document with the reason; the returned error is
// only for what stopped the work itself (cancellation, a store failure).
func (r *ingestRun) ingestFile(ctx context.Context, path string) (doc store.Document, skipped bool, err error) {
	l := r.lib
	doc = store.Document{Path: path, Name: filepath.Base(path), Added: time.Now().UTC()}
	info, err := os.Stat(path)
	if err != nil {
		return r.fail(doc, fmt.Errorf("ingest %s: %w", doc.Name, err), "could not be opened")
	}
	doc.Size, doc.ModTime = info.Size(), info.ModTime().UTC()
	if old, ok := r.known[path]; ok && old.Size == doc.Size && old.ModTime.Equal(doc.ModTime) && old.Status != store.StatusError {
		return old, true, nil // same path, size and time: not even read
	}
	if doc.Hash, err = hashFile(path); err != nil {
		return r.fail(doc, fmt.Errorf("ingest %s: %w", doc.Name, err), "could not be opened")
	}
	if old, err := l.store.DocumentByHash(doc.Hash); err == nil {
		return l.moved(old, doc)
	}
	if !r.claim(doc.Hash) {
		return doc, true, nil
	}
	defer r.release(doc.Hash)

	res, err := ingest.Extract(ctx, path, l.opts.Extract)
	if err != nil {
		if errors.Is(err, ingest.ErrCancelled) || ctx.Err() != nil {
			return doc, false, err
		}
		return r.fail(doc, err, ingest.Reason(err))
	}
	doc.Pages, doc.Engine, doc.TextPages = res.NumPages, res.Engine, len(res.Pages)
	var chunks []store.Chunk
	if res.TextChars() == 0 {
		doc.Status = store.StatusNoText
	} else {
		doc.Status = store.StatusIndexed
		chunks = l.chunks(res.Pages)
	}
	vecs, embedder, err := l.embed(ctx, chunks)
	if err != nil {
		return doc, false, err
	}
	if vecs != nil {
		doc.Embedder = embedder
	}
	return r.add(doc, chunks, vecs)
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

// fail records a file that could not be read, with its reason.
func (r *ingestRun) fail(doc store.Document, cause error, reason string) (store.Document, bool, error) {
	doc.Status = store.StatusError
	doc.Error = reason
	if doc.Error == "" {
		doc.Error = cause.Error()
	}
	return r.add(doc, nil, nil)
}

// add stores the document, then drops the document that held its path
// when the run began: the file changed, or it failed before and is being
// tried again.
func (r *ingestRun) add(doc store.Document, chunks []store.Chunk, vecs [][]float32) (store.Document, bool, error) {
	docs, err := r.lib.store.AddDocuments([]store.NewDocument{{Doc: doc, Chunks: chunks, Vectors: vecs}})
	if err != nil {
		return doc, false, err
	}
	if old, ok := r.known[doc.Path]; ok {
		if err := r.lib.store.RemoveDocument(old.ID); err != nil {
			return docs[0], false, err
		}
	}
	return docs[0], false, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
