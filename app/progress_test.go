package app

import (
	"fmt"
	"strings"
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
	if v.Fraction != 0 || v.Detail != "0 of 4 files" {
		t.Errorf("queued view = %+v", v)
	}
	tr.observe(library.Event{Kind: library.FileStarted, Path: "/docs/report.pdf", Total: 4})
	tr.observe(library.Event{Kind: library.FileDone, Path: "/docs/report.pdf", Doc: store.Document{Pages: 40}, Done: 1, Total: 4, PagesDone: 40})
	v = tr.view(start.Add(4 * time.Second))
	// 3 files left at 40 pages each, 10 pages a second.
	want := progressView{Title: "Indexing report.pdf", Fraction: 0.25, Detail: "1 of 4 files · 10 p/s · ETA 0:12"}
	if v != want {
		t.Errorf("view = %+v, want %+v", v, want)
	}
	// A file already in the library leaves this run's count.
	tr.observe(library.Event{Kind: library.FileSkipped, Path: "/docs/old.pdf", Done: 2, Total: 4, PagesDone: 40})
	v = tr.view(start.Add(4 * time.Second))
	if v.Fraction != 1.0/3 || v.Detail != "1 of 3 files · 1 already in the library · 10 p/s · ETA 0:08" {
		t.Errorf("after a skip: %+v", v)
	}
}

// One long file moves the bar, the rate and the ETA page by page; the
// bar is full only once the file is stored.
func TestIngestTrackerWithinAFile(t *testing.T) {
	start := time.Unix(1000, 0)
	tr := newIngestTracker(start)
	tr.observe(library.Event{Kind: library.FileQueued, Total: 1})
	tr.observe(library.Event{Kind: library.FileStarted, Path: "/m/refman.pdf", Total: 1})
	for p := 1; p <= 600; p++ {
		tr.observe(library.Event{Kind: library.PageRead, Path: "/m/refman.pdf", Page: p, Pages: 2400, Total: 1, PagesDone: p})
	}
	v := tr.view(start.Add(4 * time.Second))
	want := progressView{Title: "Indexing refman.pdf", Fraction: 0.25 * readShare, Detail: "0 of 1 file · 150 p/s · ETA 0:12"}
	if v != want {
		t.Errorf("view = %+v, want %+v", v, want)
	}
	for p := 601; p <= 2400; p++ {
		tr.observe(library.Event{Kind: library.PageRead, Path: "/m/refman.pdf", Page: p, Pages: 2400, Total: 1, PagesDone: p})
	}
	v = tr.view(start.Add(16 * time.Second))
	if v.Fraction >= 1 || v.Detail != "0 of 1 file · 150 p/s · finishing…" {
		t.Errorf("all pages read, file not stored: %+v", v)
	}
	tr.observe(library.Event{Kind: library.FileDone, Path: "/m/refman.pdf", Doc: store.Document{Pages: 2400}, Done: 1, Total: 1, PagesDone: 2400})
	if v := tr.view(start.Add(20 * time.Second)); v.Fraction != 1 || v.Detail != "1 of 1 file · 120 p/s" {
		t.Errorf("finished view = %+v", v)
	}
}

// The ETA is hidden until it means something: no page count known, too
// few pages or seconds.
func TestIngestTrackerETAHidden(t *testing.T) {
	start := time.Unix(1000, 0)
	tr := newIngestTracker(start)
	tr.observe(library.Event{Kind: library.FileQueued, Total: 3})
	tr.observe(library.Event{Kind: library.FileStarted, Path: "/a.pdf", Total: 3})
	for p := 1; p <= 5; p++ {
		tr.observe(library.Event{Kind: library.PageRead, Path: "/a.pdf", Page: p, Pages: 50, Total: 3, PagesDone: p})
	}
	if v := tr.view(start.Add(10 * time.Second)); strings.Contains(v.Detail, "ETA") {
		t.Errorf("5 pages in: %q", v.Detail)
	}
	for p := 6; p <= 20; p++ {
		tr.observe(library.Event{Kind: library.PageRead, Path: "/a.pdf", Page: p, Pages: 50, Total: 3, PagesDone: p})
	}
	if v := tr.view(start.Add(2 * time.Second)); strings.Contains(v.Detail, "ETA") {
		t.Errorf("2 s in: %q", v.Detail)
	}
	// 30 pages left of a.pdf, two more files of about 50: 130 at 2 p/s.
	if v := tr.view(start.Add(10 * time.Second)); !strings.HasSuffix(v.Detail, "· 2.0 p/s · ETA 1:05") {
		t.Errorf("20 pages in 10 s: %q", v.Detail)
	}
}

// The ETA of a steady run falls with the clock instead of sticking: at
// each point of a run of 10 files × 30 pages at 5 pages a second, it is
// within 20 % of the time really left.
func TestIngestTrackerETAFollowsTheWork(t *testing.T) {
	start := time.Unix(1000, 0)
	tr := newIngestTracker(start)
	tr.observe(library.Event{Kind: library.FileQueued, Total: 10})
	const pps, perFile, files = 5, 30, 10
	read := 0
	for f := 0; f < files; f++ {
		path := fmt.Sprintf("/d/%d.pdf", f)
		tr.observe(library.Event{Kind: library.FileStarted, Path: path, Total: files})
		for p := 1; p <= perFile; p++ {
			read++
			tr.observe(library.Event{Kind: library.PageRead, Path: path, Page: p, Pages: perFile, Total: files, PagesDone: read})
			now := start.Add(time.Duration(read) * time.Second / pps)
			v := tr.view(now)
			i := strings.Index(v.Detail, "ETA ")
			if i < 0 {
				continue
			}
			var m, s int
			fmt.Sscanf(v.Detail[i+4:], "%d:%d", &m, &s)
			got := time.Duration(m*60+s) * time.Second
			real := time.Duration(files*perFile-read) * time.Second / pps
			if d := got - real; d > real/5+time.Second || d < -real/5-time.Second {
				t.Fatalf("after %d pages: ETA %v, really %v left (%q)", read, got, real, v.Detail)
			}
		}
		tr.observe(library.Event{Kind: library.FileDone, Path: path, Doc: store.Document{Pages: perFile}, Done: f + 1, Total: files, PagesDone: read})
	}
}

// Files stored before their vectors: the pane says they are searchable
// and follows the semantic index.
func TestIngestTrackerSemanticIndexFollows(t *testing.T) {
	start := time.Unix(1000, 0)
	tr := newIngestTracker(start)
	tr.observe(library.Event{Kind: library.FileQueued, Total: 2})
	tr.observe(library.Event{Kind: library.FileStarted, Path: "/d/a.pdf", Total: 2})
	tr.observe(library.Event{Kind: library.FileDone, Path: "/d/a.pdf", Doc: store.Document{Pages: 10}, Done: 1, Total: 2, PagesDone: 10})
	tr.observe(library.Event{Kind: library.Embedded, Embedded: 0, ToEmbed: 50, Done: 1, Total: 2, PagesDone: 10})
	v := tr.view(start.Add(2 * time.Second))
	if v.Title != "Indexing a.pdf" || v.Fraction != 0.5 || !strings.HasPrefix(v.Detail, "1 of 2 files · semantic index 0 % · ") {
		t.Errorf("view while reading = %+v", v)
	}
	tr.observe(library.Event{Kind: library.FileDone, Path: "/d/b.pdf", Doc: store.Document{Pages: 10}, Done: 2, Total: 2, PagesDone: 20})
	tr.observe(library.Event{Kind: library.Embedded, Embedded: 40, ToEmbed: 100, Done: 2, Total: 2, PagesDone: 20})
	v = tr.view(start.Add(4 * time.Second))
	want := progressView{Title: "Searchable now · semantic index 40 %", Fraction: 0.4, Detail: "2 of 2 files"}
	if v != want {
		t.Errorf("view after reading = %+v, want %+v", v, want)
	}
	tr.observe(library.Event{Kind: library.Embedded, Embedded: 100, ToEmbed: 100, Done: 2, Total: 2, PagesDone: 20})
	if v := tr.view(start.Add(5 * time.Second)); v.Fraction != 1 || v.Title == want.Title {
		t.Errorf("view once embedded = %+v", v)
	}
}
