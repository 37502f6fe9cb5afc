package library

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// An interrupted run is remembered and Resume finishes it; a run the
// user stopped is not resumed.
func TestResume(t *testing.T) {
	dir := shared(t, "evaldata/uda")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) < 3 {
		t.Skip("needs several PDFs")
	}
	for _, c := range []struct {
		name  string
		cause error
		want  int // unfinished paths after the interrupted run
	}{
		{"interrupted", nil, 1},
		{"stopped by the user", ErrStopped, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			lib, err := Open(t.TempDir(), Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			defer lib.Close()
			ctx, cancel := context.WithCancelCause(context.Background())
			var once sync.Once
			sum, err := lib.Ingest(ctx, []string{dir}, func(e Event) {
				if e.Kind == FileDone {
					once.Do(func() { cancel(c.cause) })
				}
			})
			if err == nil || sum.Indexed == 0 || sum.Indexed == len(files) {
				t.Fatalf("cancelled run: %+v, %v; want some files done, not all", sum, err)
			}
			left, err := lib.Unfinished()
			if err != nil || len(left) != c.want {
				t.Fatalf("unfinished = %q, %v; want %d paths", left, err, c.want)
			}
			if c.want == 0 {
				return
			}
			if left[0] != dir {
				t.Fatalf("unfinished = %q, want %s", left, dir)
			}
			done := sum.Indexed
			sum, err = lib.Resume(context.Background(), nil)
			if err != nil || sum.Skipped != done || sum.Indexed+sum.NoText+sum.Failed != len(files)-done {
				t.Fatalf("resume: %+v, %v; want %d skipped and the other %d read", sum, err, done, len(files)-done)
			}
			if left, _ := lib.Unfinished(); len(left) != 0 {
				t.Fatalf("unfinished after resume: %q", left)
			}
			if err := lib.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
