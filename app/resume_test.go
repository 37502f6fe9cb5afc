package app

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"quire/library"
)

// An ingest interrupted by closing the window is finished at the next
// start, through the real library.
func TestResumeAtStart(t *testing.T) {
	src, _ := filepath.Abs("../../shared/evaldata/uda")
	files, _ := filepath.Glob(filepath.Join(src, "*.pdf"))
	if len(files) < 3 {
		t.Skip("shared evaldata/uda not found")
	}
	lib, err := library.Open(t.TempDir(), library.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	// The first session closes after one file: its context ends without
	// ErrStopped, as when the window closes.
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	lib.Ingest(ctx, []string{src}, func(e library.Event) {
		if e.Kind == library.FileDone {
			once.Do(cancel)
		}
	})
	if left, _ := lib.Unfinished(); len(left) != 1 {
		t.Fatalf("unfinished after closing = %q", left)
	}
	u := newTestUI(t, lib)
	u.resume()
	u.work.Wait()
	docs, _ := lib.Documents()
	if len(docs) != len(files) {
		t.Fatalf("after resuming: %d documents, want %d", len(docs), len(files))
	}
	if left, _ := lib.Unfinished(); len(left) != 0 {
		t.Fatalf("still unfinished: %q", left)
	}
	// The file done before closing is recognised, not read again.
	if got := u.progress.summary.Text; !strings.Contains(got, "1 already in the library") {
		t.Errorf("summary after resuming = %q", got)
	}
}
