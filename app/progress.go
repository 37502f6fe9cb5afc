package app

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/store"
)

// ingestTracker turns the library's ingest events into what the progress
// pane shows. observe is called from ingest goroutines, view from Fyne's;
// both are cheap and safe to call concurrently.
//
// Counts are of this run's work: files found already in the library are
// taken out of "n of m files" and named apart. The bar and the ETA follow
// the run's work, measured in bytes of files (see work): the library
// tells every file's size before it is opened, while its pages are known
// only once it is, and a folder's first files can be much shorter than
// its last. The ETA is the work left at the pace of the work done so
// far, and is shown only once that is meaningful (a few seconds and pages
// in, some work done). The pages per second shown are of pages read.
type ingestTracker struct {
	mu        sync.Mutex
	start     time.Time
	total     int // files found (Event.Total)
	done      int // files read (indexed, no text or failed)
	skipped   int // files already in the library
	pages     int // pages read in this run
	donePages int // pages of the files read (for the mean length)
	doneKnown int // files read whose page count is known
	current   string
	reading   map[string]*fileRead // files being read, by path
	// embedded of toEmbed chunks have vectors: the semantic index
	// follows the keyword index, which finds the files once stored.
	embedded, toEmbed int
	// Sizes in bytes: of the files found, of those already in the
	// library and of those read and stored; all 0 from a core that
	// does not tell sizes, and work is then counted in pages.
	totalBytes, skippedBytes, doneBytes int64
}

// fileRead is how far one file being read has got.
type fileRead struct {
	read, pages int
	size        int64
}

// ETA thresholds: below these the rate says too little.
const (
	etaMinElapsed = 3 * time.Second
	etaMinPages   = 10
	// readShare is how much of a file's work its pages are: the rest is
	// storing it, so a file counts fully only once it is stored. One
	// writer stores what several readers read, and on the UDA PDFs it
	// took about as long: their pages were all read at 8.4 s of a 12 s
	// run, at 15 s of 27 s on a busier machine, and the ETA kept
	// closest to the truth with a half (testdata/uda-ingest*.txt).
	readShare = 0.5
)

func newIngestTracker(start time.Time) *ingestTracker {
	return &ingestTracker{start: start, reading: map[string]*fileRead{}}
}

func (t *ingestTracker) observe(ev library.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev.Kind {
	case library.FileStarted:
		t.current = store.Shown(filepath.Base(ev.Path))
		if t.reading[ev.Path] == nil {
			t.reading[ev.Path] = &fileRead{}
		}
		t.reading[ev.Path].size = ev.Size
	case library.PageRead:
		f := t.reading[ev.Path]
		if f == nil {
			f = &fileRead{}
			t.reading[ev.Path] = f
		}
		f.read++
		f.read = max(f.read, ev.Page)
		f.pages = max(f.pages, ev.Pages)
	case library.FileDone:
		t.done++
		t.doneBytes += ev.Size
		delete(t.reading, ev.Path)
		if ev.Doc.Pages > 0 {
			t.donePages += ev.Doc.Pages
			t.doneKnown++
		}
		if ev.PagesDone == 0 { // a core that does not count pages read
			t.pages += ev.Doc.Pages
		}
	case library.FileSkipped:
		t.skipped++
		t.skippedBytes += ev.Size
		delete(t.reading, ev.Path)
	case library.Embedded:
		t.embedded, t.toEmbed = max(t.embedded, ev.Embedded), max(t.toEmbed, ev.ToEmbed)
	}
	t.total = max(t.total, ev.Total)
	t.totalBytes = max(t.totalBytes, ev.Bytes)
	t.pages = max(t.pages, ev.PagesDone)
}

// progressView is one frame of the progress pane.
type progressView struct {
	Title    string  // "Indexing report.pdf"
	Fraction float64 // 0..1, of this run's work
	Detail   string  // "2 of 5 files · 41 p/s · ETA 0:12"
}

func (t *ingestTracker) view(now time.Time) progressView {
	t.mu.Lock()
	defer t.mu.Unlock()
	toRead := max(t.total-t.skipped, t.done+len(t.reading))
	v := progressView{Title: "Looking for PDFs…"}
	if t.current != "" {
		v.Title = "Indexing " + t.current
	}
	if toRead == 0 && t.skipped == 0 {
		return v
	}
	work, whole := t.work(toRead)
	switch {
	case whole > 0:
		v.Fraction = min(work/whole, 1)
	case toRead > 0:
		v.Fraction = float64(t.done) / float64(toRead)
	default:
		v.Fraction = 1
	}
	v.Detail = fmt.Sprintf("%d of %d %s", t.done, toRead, plural(toRead, "file", "files"))
	if t.skipped > 0 {
		v.Detail += fmt.Sprintf(" · %d already in the library", t.skipped)
	}
	if t.embedded < t.toEmbed {
		semantic := fmt.Sprintf("semantic index %d %%", 100*t.embedded/t.toEmbed)
		if t.done >= toRead {
			// Every file is searchable by its words; the bar now
			// follows the vectors.
			v.Title = "Searchable now · " + semantic
			v.Fraction = float64(t.embedded) / float64(t.toEmbed)
			return v
		}
		v.Detail += " · " + semantic
	}
	elapsed := now.Sub(t.start)
	if elapsed <= 0 || t.pages == 0 {
		return v
	}
	rate := float64(t.pages) / elapsed.Seconds()
	v.Detail += fmt.Sprintf(" · %s p/s", rateText(rate))
	if t.done >= toRead || elapsed < etaMinElapsed || t.pages < etaMinPages || work <= 0 {
		return v
	}
	if left := time.Duration(float64(elapsed) * max(whole-work, 0) / work); left < time.Second {
		v.Detail += " · finishing…"
	} else {
		v.Detail += " · ETA " + clock(left)
	}
	return v
}

// work is how much of the run's work is done, of the whole: the bytes of
// the files stored, and of each file being read the part its pages read
// fill (readShare of it once all are read). A core that tells no sizes
// has it counted in pages: a file's length, once known, else the mean
// length of the files whose length is known (whole is 0 while none is).
func (t *ingestTracker) work(toRead int) (done, whole float64) {
	if t.totalBytes > 0 {
		done = float64(t.doneBytes)
		for _, f := range t.reading {
			if f.pages > 0 {
				done += readShare * min(float64(f.read)/float64(f.pages), 1) * float64(f.size)
			}
		}
		return done, float64(t.totalBytes - t.skippedBytes)
	}
	sum, n := t.donePages, t.doneKnown
	for _, f := range t.reading {
		if f.pages > 0 {
			sum += f.pages
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	mean := float64(sum) / float64(n)
	done = float64(t.donePages) + float64(t.done-t.doneKnown)*mean
	whole = done
	for _, f := range t.reading {
		if f.pages > 0 {
			done += readShare * min(float64(f.read), float64(f.pages))
			whole += float64(f.pages)
		} else {
			whole += mean
		}
	}
	unopened := max(toRead-t.done-len(t.reading), 0)
	return done, whole + float64(unopened)*mean
}

// rateText is a pages-per-second figure with the precision it deserves:
// "0.4", "3.2", "41".
func rateText(r float64) string {
	if r < 10 {
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.0f", r)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progressPane is the indexing strip at the bottom of the LIBRARY pane:
// title, bar, rate and ETA, and [Cancel]. Hidden while idle; after a run it
// keeps a one-line summary.
type progressPane struct {
	title   *widget.Label
	bar     *widget.ProgressBar
	detail  *widget.Label
	cancel  *widget.Button
	summary *widget.Label
	running *fyne.Container
	root    *fyne.Container
}

func newProgressPane(onCancel func()) *progressPane {
	p := &progressPane{
		title:   widget.NewLabel(""),
		bar:     widget.NewProgressBar(),
		detail:  widget.NewLabel(""),
		summary: widget.NewLabel(""),
	}
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.detail.Truncation = fyne.TextTruncateEllipsis
	p.summary.Wrapping = fyne.TextWrapWord
	p.summary.Importance = widget.LowImportance
	p.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), onCancel)
	p.running = container.NewVBox(container.NewBorder(nil, nil, nil, p.cancel, p.title), p.bar, p.detail)
	p.running.Hide()
	p.summary.Hide()
	p.root = container.NewVBox(widget.NewSeparator(), p.running, p.summary)
	return p
}

// start shows the strip for a new run.
func (p *progressPane) start() {
	p.summary.Hide()
	p.cancel.Enable()
	p.cancel.SetText("Cancel")
	p.show(progressView{Title: "Looking for PDFs…"})
	p.running.Show()
}

func (p *progressPane) show(v progressView) {
	p.title.SetText(v.Title)
	p.bar.SetValue(v.Fraction)
	p.detail.SetText(v.Detail)
}

// cancelling shows that cancel was pressed while files in flight finish.
func (p *progressPane) cancelling() {
	p.cancel.Disable()
	p.cancel.SetText("Stopping…")
}

// finish hides the bar and leaves the run's summary.
func (p *progressPane) finish(summary string) {
	p.running.Hide()
	p.summary.SetText(summary)
	p.summary.Show()
}
