package app

import (
	"testing"
	"time"

	"quire/library"
	"quire/store"
)

func TestIngestTracker(t *testing.T) {
	start := time.Unix(1000, 0)
	tr := newIngestTracker(start)
	tr.observe(library.Event{Kind: library.FileQueued, Total: 4})
	v := tr.view(start.Add(time.Second))
	if v.Fraction != 0 || v.Detail != "0 of 4 files · ETA estimating…" {
		t.Errorf("queued view = %+v", v)
	}
	tr.observe(library.Event{Kind: library.FileStarted, Path: "/docs/report.pdf", Total: 4})
	tr.observe(library.Event{Kind: library.FileDone, Path: "/docs/report.pdf", Doc: store.Document{Pages: 40}, Done: 1, Total: 4, PagesDone: 40})
	v = tr.view(start.Add(2 * time.Second))
	want := progressView{Title: "Indexing report.pdf", Fraction: 0.25, Detail: "1 of 4 files · 20 p/s · ETA 0:06"}
	if v != want {
		t.Errorf("view = %+v, want %+v", v, want)
	}
	tr.observe(library.Event{Kind: library.FileSkipped, Done: 2, Total: 4, PagesDone: 40})
	if v := tr.view(start.Add(4 * time.Second)); v.Fraction != 0.5 {
		t.Errorf("skipped file not counted as done: %+v", v)
	}
}

// One long file moves the bar, the rate and the ETA page by page.
func TestIngestTrackerWithinAFile(t *testing.T) {
	start := time.Unix(1000, 0)
	tr := newIngestTracker(start)
	tr.observe(library.Event{Kind: library.FileQueued, Total: 1})
	tr.observe(library.Event{Kind: library.FileStarted, Path: "/m/refman.pdf", Total: 1})
	for p := 1; p <= 600; p++ {
		tr.observe(library.Event{Kind: library.PageRead, Path: "/m/refman.pdf", Page: p, Pages: 2400, Total: 1, PagesDone: p})
	}
	v := tr.view(start.Add(2 * time.Second))
	want := progressView{Title: "Indexing refman.pdf", Fraction: 0.25, Detail: "0 of 1 files · 300 p/s · ETA 0:06"}
	if v != want {
		t.Errorf("view = %+v, want %+v", v, want)
	}
	tr.observe(library.Event{Kind: library.FileDone, Path: "/m/refman.pdf", Doc: store.Document{Pages: 2400}, Done: 1, Total: 1, PagesDone: 2400})
	if v := tr.view(start.Add(8 * time.Second)); v.Fraction != 1 || v.Detail != "1 of 1 files · 300 p/s" {
		t.Errorf("finished view = %+v", v)
	}
}
