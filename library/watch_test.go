package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A watched folder: an added file is ingested, a changed one re-read, a
// deleted one removed; an unplugged folder removes nothing.
func TestWatchedFolder(t *testing.T) {
	src := shared(t, "pdfcorpus/files")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "sub", "b.pdf")
	os.MkdirAll(filepath.Dir(b), 0o755)
	copyFile(t, filepath.Join(src, "pypdf-pdflatex-4-pages.pdf"), a)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	ctx := context.Background()
	if err := lib.Watch(dir); err != nil {
		t.Fatal(err)
	}
	sync := func(want string, indexed, removed int) {
		t.Helper()
		if ch, err := lib.Changed(); err != nil || ch != (indexed+removed > 0) {
			t.Fatalf("%s: Changed = %v, %v", want, ch, err)
		}
		sum, err := lib.Sync(ctx, nil)
		if err != nil || sum.Indexed != indexed || sum.Removed != removed {
			t.Fatalf("%s: %+v, %v; want %d indexed, %d removed", want, sum, err, indexed, removed)
		}
		if err := lib.Check(); err != nil {
			t.Fatal(err)
		}
	}
	sync("first sync", 1, 0)
	sync("nothing changed", 0, 0)

	copyFile(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), b)
	sync("file added in a subfolder", 1, 0)

	copyFile(t, filepath.Join(src, "synthetic-bad-startxref.pdf"), a)
	future := time.Now().Add(time.Minute)
	os.Chtimes(a, future, future)
	sync("file changed", 1, 0)

	os.Remove(b)
	sync("file deleted", 0, 1)
	if docs, _ := lib.Documents(); len(docs) != 1 || docs[0].Path != a {
		t.Fatalf("documents after the delete: %+v", docs)
	}

	// The folder vanishes (an unplugged drive): nothing is removed.
	os.Rename(dir, dir+"-away")
	defer os.Rename(dir+"-away", dir)
	sync("folder missing", 0, 0)
	if docs, _ := lib.Documents(); len(docs) != 1 {
		t.Fatalf("documents with the folder gone: %d", len(docs))
	}

	if err := lib.Unwatch(dir); err != nil {
		t.Fatal(err)
	}
	if w, _ := lib.Watched(); len(w) != 0 {
		t.Fatalf("still watched: %q", w)
	}
}
