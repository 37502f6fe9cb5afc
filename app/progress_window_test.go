package app

// Indexing progress in a real window (GLFW under Xvfb), over a real
// library ingesting the shared Northwind PDFs:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealProgress -v
//
// saves /tmp/quire-progress-eta.png (mid-run: file, bar, pages/s, ETA)
// and logs each ETA shown beside the time that was really left.

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"quire/library"
)

func TestRealProgress(t *testing.T) {
	// UDA's 13 files (869 pages) take several seconds even on a quiet
	// machine; Northwind's 263 pages were done before an ETA may show (3 s).
	docs := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "uda")
	shot, ok := windowTest(t, "QUIRE_PROGRESS_WINDOW", "-progress")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	u := showRealWindow(t, lib, func(u *ui) { u.win.Resize(fyne.NewSize(1200, 800)) })
	within(t, 10*time.Second, "the list read", func() bool { return u.docsLoaded })
	start := time.Now()
	fyne.DoAndWait(func() { u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(docs)}) })

	type sample struct {
		at     time.Duration
		detail string
	}
	var samples []sample
	shotTaken := false
	for {
		var running bool
		var detail string
		fyne.DoAndWait(func() { running, detail = u.ingestCancel != nil, u.progress.detail.Text })
		if !running {
			break
		}
		samples = append(samples, sample{time.Since(start), detail})
		if !shotTaken && strings.Contains(detail, "ETA") {
			screenshot(t, u, shot+"-eta.png")
			shotTaken = true
		}
		if time.Since(start) > 5*time.Minute {
			t.Fatal("indexing took over 5 minutes")
		}
		time.Sleep(250 * time.Millisecond)
	}
	total := time.Since(start)
	var summary string
	fyne.DoAndWait(func() { summary = u.progress.summary.Text })
	t.Logf("indexed in %v: %s", total.Round(time.Millisecond), summary)
	shown := 0
	last := ""
	for _, s := range samples {
		i := strings.Index(s.detail, "ETA ")
		if s.detail == last {
			continue
		}
		last = s.detail
		if i < 0 {
			t.Logf("%5.1f s  %s", s.at.Seconds(), s.detail)
			continue
		}
		var m, sec int
		fmt.Sscanf(s.detail[i+4:], "%d:%d", &m, &sec)
		eta := time.Duration(m*60+sec) * time.Second
		left := total - s.at
		t.Logf("%5.1f s  %s  (really %.1f s left)", s.at.Seconds(), s.detail, left.Seconds())
		shown++
		if left > 6*time.Second && (eta > 3*left || eta < left/3) {
			t.Errorf("at %.1f s the ETA said %v with %.1f s really left", s.at.Seconds(), eta, left.Seconds())
		}
	}
	if !shotTaken || shown == 0 {
		t.Errorf("no ETA was shown over a %v run", total)
	}
	if !strings.HasPrefix(summary, "Added 13 files") {
		t.Errorf("summary %q", summary)
	}
}
