package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A library whose library.db is cut short is reported damaged, keeps
// being reported until it is dealt with, and Rebuild reads its PDFs
// again and watches its folders again.
func TestRebuildDamagedLibrary(t *testing.T) {
	src := shared(t, "pdfcorpus/files")
	dir := t.TempDir()
	copyFile(t, filepath.Join(src, "pypdf-pdflatex-4-pages.pdf"), filepath.Join(dir, "a.pdf"))
	copyFile(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), filepath.Join(dir, "b.pdf"))
	db := t.TempDir()
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lib.Watch(dir)
	if sum, err := lib.Sync(context.Background(), nil); err != nil || sum.Indexed != 2 {
		t.Fatalf("%+v, %v", sum, err)
	}
	lib.Close()
	info, _ := os.Stat(filepath.Join(db, "library.db"))
	os.Truncate(filepath.Join(db, "library.db"), info.Size()/2)
	for range 2 {
		if _, err := Open(db, Options{}); !errors.Is(err, ErrDamaged) {
			t.Fatalf("open of a cut library.db: %v", err)
		}
	}
	lib, sum, err := Rebuild(context.Background(), db, Options{}, nil)
	if err != nil || sum.Indexed != 2 {
		t.Fatalf("rebuild: %+v, %v", sum, err)
	}
	defer lib.Close()
	if w, _ := lib.Watched(); len(w) != 1 || w[0] != dir {
		t.Fatalf("watched after the rebuild: %q", w)
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
}
