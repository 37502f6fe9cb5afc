package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"quire/ingest"
	"quire/lang"
	"quire/models/fetch"
	"quire/search"
	"quire/store"
)

// EventKind says what an ingest Event reports.
type EventKind int

const (
	FileQueued  EventKind = iota // the files to do are known: Total, Bytes
	FileStarted                  // Path is being read; Size is its size
	FileDone                     // Doc holds the outcome: indexed, no-text or error
	FileSkipped                  // Path has the same content as Doc, already in the library
	PageRead                     // page Page of Path's Pages has been read
	// Embedded: the semantic index has caught up with Embedded of the
	// ToEmbed chunks stored so far (see embedqueue.go); the documents
	// are searchable by their words from the moment they are stored.
	Embedded
)

// Event reports ingest progress.
type Event struct {
	Kind      EventKind
	Path      string
	Doc       store.Document // for FileDone and FileSkipped
	Done      int            // files finished so far in this run
	Total     int            // files found
	Bytes     int64          // their size when found: known before their pages are
	Size      int64          // for FileStarted, FileDone and FileSkipped: Path's size when found
	PagesDone int            // pages read so far in this run
	Page      int            // for PageRead: the page read
	Pages     int            // for PageRead: the file's page count
	Embedded  int            // for Embedded: chunks given vectors (or found gone) so far
	ToEmbed   int            // for Embedded: chunks stored that need vectors
	Elapsed   time.Duration  // since the run started
}

// ErrDiskFull wraps a failure to save because the disk (or the user's
// quota, or the file-size limit) is full. What was stored before stays.
var ErrDiskFull = errors.New("the disk is full")

// diskFull recognises a full disk (store.DiskFull).
func diskFull(err error) bool { return store.DiskFull(err) }

// ReadOnly is nil for a library open for writing. A library opened on a
// full disk is open read-only: questions work, and what would write
// (adding, removing, OCR, syncing a watched folder) returns this error,
// which wraps ErrDiskFull. Opening it again once there is room opens it
// for writing.
func (l *Library) ReadOnly() error {
	err := l.store.ReadOnly()
	if err == nil {
		return nil
	}
	if diskFull(err) {
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	}
	return err
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
	// Skips are paths named that do not exist or cannot be read, and
	// what folders hold that could not be looked into.
	Skips []Skip `json:"skips,omitempty"`
	// Unavailable are watched folders left alone because they are
	// missing, unreadable, suddenly empty or on another device (Sync):
	// their documents are kept.
	Unavailable []Skip        `json:"unavailable,omitempty"`
	Elapsed     time.Duration `json:"elapsed_ns"`
}

// Ingest adds files and folders (folders recursively, their *.pdf files).
// Files whose content is already in the library are skipped; a file whose
// content changed replaces its old document. progress, if not nil, is
// called from ingest goroutines: it must be cheap and safe for concurrent
// use. Cancelling ctx stops the run; documents already added stay whole.
// A run that does not finish is remembered for Resume, unless it was
// cancelled with the cause ErrStopped.
func (l *Library) Ingest(ctx context.Context, paths []string, progress func(Event)) (Summary, error) {
	if err := l.ReadOnly(); err != nil {
		return Summary{}, fmt.Errorf("ingest: %w", err)
	}
	key, err := l.remember(paths)
	if err != nil {
		return Summary{}, fmt.Errorf("ingest: %w", err)
	}
	return l.ingest(ctx, paths, progress, []string{key}, runOptions{retryFailed: true})
}

// ReasonWrongPassword is a document's Error after Unlock with a password
// that does not open it.
const ReasonWrongPassword = "could not be opened with that password"

// Unlock ingests one file that needs a password, with the password the
// user gave. The password is used for this run only and never stored.
func (l *Library) Unlock(ctx context.Context, path, password string, progress func(Event)) (Summary, error) {
	return l.ingest(ctx, []string{path}, progress, nil, runOptions{password: password, retryFailed: true})
}

// runOptions are what differs between kinds of ingest runs.
type runOptions struct {
	password string // tried on files that need one (Unlock)
	// retryFailed reads again files that failed before and did not
	// change since (the user asked for them); watched folders do not.
	retryFailed bool
}

// ingest runs the pipeline over paths, then forgets the unfinished-run
// records keys once the run is over.
func (l *Library) ingest(ctx context.Context, paths []string, progress func(Event), keys []string, ro runOptions) (Summary, error) {
	if err := l.ReadOnly(); err != nil {
		return Summary{}, fmt.Errorf("ingest: %w", err)
	}
	files, sizes, skips := collect(paths)
	known, err := l.byPath()
	if err != nil {
		return Summary{}, err
	}
	run := &ingestRun{lib: l, ctx: ctx, progress: progress, start: time.Now(), known: known, sizes: sizes, runOptions: ro}
	run.sum.Files, run.sum.Skips = len(files), skips
	for _, n := range sizes {
		run.bytes += n
	}
	run.emit(Event{Kind: FileQueued})
	run.pipeline(files)
	run.sum.Elapsed = time.Since(run.start)
	l.saveCatalog()
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

// collect expands folders into their PDF files, sorted, without repeats,
// with their sizes (by path; a file that cannot be looked at has none).
// Files named explicitly are kept whatever their extension, so the user
// hears why a non-PDF was refused. A path that does not exist or cannot
// be read, and what a folder holds that cannot be, are reported in skips;
// the rest goes on.
func collect(paths []string) (files []string, sizes map[string]int64, skips []Skip) {
	seen := map[string]bool{}
	sizes = map[string]int64{}
	add := func(p string, info os.FileInfo) {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if seen[p] {
			return
		}
		seen[p] = true
		files = append(files, p)
		if info == nil {
			info, _ = os.Stat(p)
		}
		if info != nil {
			sizes[p] = info.Size()
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p) // follows a link, to a file or a folder
		if err != nil {
			skips = append(skips, Skip{Path: p, Reason: pathReason(err)})
			continue
		}
		if !info.IsDir() {
			add(p, info)
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		s := scanFolder(p)
		skips = append(append(skips, s.unreadable...), s.skips...)
		for _, f := range s.files {
			add(f, nil)
		}
	}
	return files, sizes, skips
}

// ingestRun is the state one Ingest call shares between its stages.
type ingestRun struct {
	lib      *Library
	ctx      context.Context
	progress func(Event)
	start    time.Time

	mu    sync.Mutex
	sum   Summary
	done  int
	known map[string]store.Document // the library's documents by path when the run began
	err   error                     // the first failure to save
	sizes map[string]int64          // the files' sizes when they were found
	bytes int64                     // their sum

	pagesRead atomic.Int64 // pages extracted so far, in files still going too
	// embeds gives stored documents their vectors in the background;
	// nil without an embedder.
	embeds *embedQueue
	runOptions
}

func (r *ingestRun) emit(e Event) {
	if r.progress == nil {
		return
	}
	r.mu.Lock()
	e.Done, e.Total = r.done, r.sum.Files
	r.mu.Unlock()
	e.Bytes = r.bytes
	if e.Path != "" && e.Kind != PageRead {
		e.Size = r.sizes[e.Path]
	}
	e.PagesDone = int(r.pagesRead.Load())
	e.Elapsed = time.Since(r.start)
	r.progress(e)
}

// item is one file on its way through the pipeline.
type item struct {
	path   string
	doc    store.Document
	chunks []store.Chunk
	save   bool   // doc is new (read, or failed to read) and must be stored
	hash   string // content hash claimed by this item, released once stored
	// skipped: the content is in the library already and doc is its
	// document; nothing is stored.
	skipped bool
	// err stopped the work on this file (cancellation, a model or store
	// failure); a file that cannot be read is a document, not an error.
	err error
}

// pipeline reads and stores files in two stages that overlap: several
// extraction workers (each file in its own child process) and one writer
// that stores whatever files are ready in a single transaction; the queue
// between them is short, so a slow writer holds the readers back rather
// than piling files up in memory. With an embedder, stored documents go
// on to the embedding queue (embedqueue.go), which runs behind them;
// pipeline returns once it is done too.
func (r *ingestRun) pipeline(files []string) {
	workers := min(r.lib.opts.Workers, max(len(files), 1))
	read := make(chan *item, workers)
	if r.lib.embedderName() != "" {
		r.embeds = newEmbedQueue(r.ctx, r.lib, func(done, total int) {
			r.emit(Event{Kind: Embedded, Embedded: done, ToEmbed: total})
		})
	}
	go r.readAll(files, workers, read)
	r.writeAll(read)
	if r.embeds == nil {
		return
	}
	if err := r.embeds.finish(); err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
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
				r.lib.release(it.hash)
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
		batch[i] = store.NewDocument{Doc: it.doc, Chunks: it.chunks}
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
		it.doc, it.chunks = docs[i], nil
		if old, ok := r.known[it.path]; ok {
			it.err = r.lib.store.RemoveDocument(old.ID)
		}
		if r.embeds != nil && it.doc.Status == store.StatusIndexed {
			r.embeds.add(it.doc)
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

// claim marks a content hash as being ingested; it reports false if
// another worker has it already, of this run (the same file twice in a
// drop) or of another run at the same time.
func (l *Library) claim(hash string) bool {
	l.flightMu.Lock()
	defer l.flightMu.Unlock()
	if l.inFlight[hash] {
		return false
	}
	if l.inFlight == nil {
		l.inFlight = map[string]bool{}
	}
	l.inFlight[hash] = true
	return true
}

func (l *Library) release(hash string) {
	l.flightMu.Lock()
	defer l.flightMu.Unlock()
	delete(l.inFlight, hash)
}

// maxRereads is how often a file that changed while it was read is read
// again before it is given up.
const maxRereads = 3

// read extracts and chunks one file. A file that cannot be read becomes a
// failed document with the reason. The content hash stored is that of the
// bytes parsed: the file is hashed before and after it is read, and read
// again if it changed meanwhile.
func (r *ingestRun) read(path string) *item {
	for attempt := 1; ; attempt++ {
		it, replaced := r.readOnce(path)
		if !replaced {
			return it
		}
		if attempt == maxRereads {
			it = &item{path: path, doc: it.doc}
			it.doc.Hash = ""
			return it.failed(nil, "kept changing while it was read; it is read again when it changes next")
		}
	}
}

// readOnce reads a file once; replaced reports that its content changed
// while it was read, so that what was read must be thrown away.
func (r *ingestRun) readOnce(path string) (it *item, replaced bool) {
	l := r.lib
	it = &item{path: path, doc: store.Document{Path: path, Name: filepath.Base(path), Added: time.Now().UTC()}}
	info, err := os.Stat(path)
	if err != nil {
		return it.failed(err, openReason(err)), false
	}
	it.doc.Size, it.doc.ModTime = info.Size(), info.ModTime().UTC()
	if old, ok := r.known[path]; ok && old.Size == it.doc.Size && old.ModTime.Equal(it.doc.ModTime) && (old.Status != store.StatusError || !r.retryFailed) {
		it.doc, it.skipped = old, true // same path, size and time: not even read
		return it, false
	}
	hash, err := fetch.FileSHA256(path)
	if err != nil {
		return it.failed(err, openReason(err)), false
	}
	it.doc.Hash = hash
	if l.afterHash != nil {
		l.afterHash(path)
	}
	if old, err := l.store.DocumentByHash(hash); err == nil {
		it.doc, it.skipped, it.err = l.moved(old, it.doc)
		return it, false
	}
	if !l.claim(hash) {
		it.skipped = true
		return it, false
	}
	// Another run may have stored it between the look-up and the claim.
	if old, err := l.store.DocumentByHash(hash); err == nil {
		l.release(hash)
		it.doc, it.skipped, it.err = l.moved(old, it.doc)
		return it, false
	}
	it.hash = hash
	r.extract(it)
	if it.err != nil {
		return it, false
	}
	if now, err := fetch.FileSHA256(path); err != nil || now != hash {
		l.release(hash)
		return it, true
	}
	return it, false
}

// extract reads the item's file with the ingest workers and chunks it.
func (r *ingestRun) extract(it *item) {
	l, path := r.lib, it.path
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
			return
		}
		reason := ingest.Reason(err)
		if r.password != "" && errors.Is(err, ingest.ErrPassword) {
			reason = ReasonWrongPassword
		}
		it.failed(err, reason)
		return
	}
	if res.TextChars() == 0 {
		// Not a scan waiting for OCR: nothing to read at all.
		switch {
		case res.NumPages == 0:
			it.failed(nil, "has no pages")
			return
		case len(res.FailedPages) >= res.NumPages:
			it.failed(nil, ingest.Reason(ingest.ErrDamaged))
			return
		}
	}
	d := &it.doc
	d.Pages, d.Engine, d.TextPages, d.OCRPages = res.NumPages, res.Engine, len(res.Pages), res.NeedsOCR
	d.Status = store.StatusNoText
	if res.UnreadFrom > 0 {
		d.Error = fmt.Sprintf("took too long to read: %s were not read", store.PageList(pageRange(res.UnreadFrom, res.NumPages), 2))
	}
	if res.TextChars() > 0 {
		d.Status = store.StatusIndexed
		// Running heads stay in the chunks: they often name the section
		// a passage is from, and stripping them cost retrieval in the
		// evaluation. Answers leave them out of what they quote.
		d.Running, d.Heading = ingest.Running(res.Pages)
		d.Lang = detectLang(res.Pages)
		it.chunks = l.chunks(res.Pages)
		d.Statements = search.FindStatements(it.chunks)
	}
	it.save = true
}

// pageRange lists the pages from..to.
func pageRange(from, to int) []int {
	var out []int
	for p := from; p <= to; p++ {
		out = append(out, p)
	}
	return out
}

// openReason says why a file could not be opened, in words.
func openReason(err error) string {
	return "could not be opened: " + pathReason(err)
}

// detectLang tells the language of a document from its first pages'
// text (lang.Detect looks at a few thousand words).
func detectLang(pages []ingest.Page) string {
	var b strings.Builder
	for _, p := range pages {
		if b.Len() > 40_000 {
			break
		}
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return lang.Detect(b.String())
}

// failed makes the item a document that could not be read, with its
// reason.
func (it *item) failed(cause error, reason string) *item {
	it.doc.Status = store.StatusError
	it.doc.Error = reason
	it.doc.NeedsPassword = errors.Is(cause, ingest.ErrPassword)
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
