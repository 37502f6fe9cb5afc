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
)

// ingestTracker turns the library's ingest events into what the progress
// pane shows. observe is called from ingest goroutines, view from Fyne's;
// both are cheap and safe to call concurrently.
type ingestTracker struct {
	mu      sync.Mutex
	start   time.Time
	total   int    // largest Event.Total seen (FileQueued carries it)
	done    int    // files finished or skipped
	pages   int    // pages read (Event.PagesDone), or in finished files if larger
	current string // name of the file started last
	// partial holds how far each file being read has got (0..1), so a
	// long file moves the bar and the ETA before it is finished.
	partial map[string]float64
}

func newIngestTracker(start time.Time) *ingestTracker {
	return &ingestTracker{start: start, partial: map[string]float64{}}
}

func (t *ingestTracker) observe(ev library.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev.Kind {
	case library.FileStarted:
		t.current = filepath.Base(ev.Path)
	case library.PageRead:
		if ev.Pages > 0 {
			t.partial[ev.Path] = max(t.partial[ev.Path], float64(ev.Page)/float64(ev.Pages))
		}
	case library.FileDone:
		t.done++
		delete(t.partial, ev.Path)
		if ev.PagesDone == 0 { // a core that does not count pages read
			t.pages += ev.Doc.Pages
		}
	case library.FileSkipped:
		t.done++
		delete(t.partial, ev.Path)
	}
	t.total = max(t.total, ev.Total)
	t.done = max(t.done, ev.Done)
	t.pages = max(t.pages, ev.PagesDone)
}

// progressView is one frame of the progress pane.
type progressView struct {
	Title    string  // "Indexing report.pdf"
	Fraction float64 // 0..1, files done
	Detail   string  // "2 of 5 files · 41 p/s · ETA 0:12"
}

func (t *ingestTracker) view(now time.Time) progressView {
	t.mu.Lock()
	defer t.mu.Unlock()
	total := max(t.total, t.done)
	v := progressView{Title: "Looking for PDFs…"}
	if t.current != "" {
		v.Title = "Indexing " + t.current
	}
	if total == 0 {
		return v
	}
	progress := float64(t.done)
	for _, f := range t.partial {
		progress += min(f, 1)
	}
	v.Fraction = min(progress/float64(total), 1)
	v.Detail = fmt.Sprintf("%d of %d files", t.done, total)
	elapsed := now.Sub(t.start)
	if elapsed > 0 && t.pages > 0 {
		v.Detail += fmt.Sprintf(" · %.0f p/s", float64(t.pages)/elapsed.Seconds())
	}
	switch {
	case v.Fraction >= 1 || t.done == total:
	case v.Fraction > 0 && elapsed > time.Second:
		eta := time.Duration(float64(elapsed) * (1 - v.Fraction) / v.Fraction)
		v.Detail += " · ETA " + clock(eta)
	default:
		v.Detail += " · ETA estimating…"
	}
	return v
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
