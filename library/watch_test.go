package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
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
		if ch, err := lib.Changed(); (err != nil && !errors.Is(err, ErrUnavailable)) || ch != (indexed+removed > 0) {
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

// brokenFolder fills dir with files a watch must not read twice: a
// password file, a damaged one, one that is not a PDF, a good one and a
// copy of it (skipped as already in the library, so never recorded under
// its own path).
func brokenFolder(t *testing.T, dir string) {
	t.Helper()
	src := shared(t, "pdfcorpus/files")
	for _, f := range []string{"pypdf-libreoffice-writer-password.pdf", "synthetic-truncated-60pct-classic-xref.pdf",
		"synthetic-not-pdf-zip-archive.pdf", "pypdf-pdflatex-4-pages.pdf"} {
		copyFile(t, filepath.Join(src, f), filepath.Join(dir, f))
	}
	copyFile(t, filepath.Join(src, "pypdf-pdflatex-4-pages.pdf"), filepath.Join(dir, "copy.pdf"))
}

func docIDs(t *testing.T, lib *Library) []uint64 {
	t.Helper()
	docs, err := lib.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	return ids
}

// A watched folder whose files did not change costs nothing: Changed says
// so even with damaged files and copies in it, a Sync reads nothing and
// makes no new records; after the user stops a Sync, the folder counts as
// seen until a file in it changes.
func TestWatchUnchangedFolderIsQuiet(t *testing.T) {
	dir := t.TempDir()
	brokenFolder(t, dir)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	ctx := context.Background()
	if err := lib.Watch(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	before := docIDs(t, lib)
	if ch, err := lib.Changed(); err != nil || ch {
		t.Fatalf("nothing changed, yet Changed = %v, %v", ch, err)
	}
	docs, _ := lib.Documents()
	recorded := map[string]bool{}
	for _, d := range docs {
		recorded[d.Path] = true
	}
	var started atomic.Int64
	sum, err := lib.Sync(ctx, func(e Event) {
		// The copy is only hashed, to be recognised; nothing is parsed.
		if e.Kind == PageRead || e.Kind == FileStarted && recorded[e.Path] {
			started.Add(1)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if started.Load() != 0 || sum.Indexed+sum.Failed+sum.NoText != 0 {
		t.Fatalf("a Sync of an unchanged folder read files: %d events, %+v", started.Load(), sum)
	}
	if after := docIDs(t, lib); !slices.Equal(before, after) {
		t.Fatalf("record ids changed without a change: %v → %v", before, after)
	}

	// A change, then the user stops the Sync it starts: the watch waits
	// for the next real change.
	future := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(dir, "pypdf-pdflatex-4-pages.pdf"), future, future)
	if ch, _ := lib.Changed(); !ch {
		t.Fatal("a touched file is not a change")
	}
	stopped, stop := context.WithCancelCause(ctx)
	stop(ErrStopped)
	lib.Sync(stopped, nil)
	if ch, err := lib.Changed(); err != nil || ch {
		t.Fatalf("after Cancel, Changed = %v, %v: the stopped run would start again", ch, err)
	}
	later := future.Add(time.Minute)
	os.Chtimes(filepath.Join(dir, "copy.pdf"), later, later)
	if ch, _ := lib.Changed(); !ch {
		t.Fatal("a change after Cancel is not seen")
	}
}

// A document leaves the library only when its folder was read and no
// longer names its file: an emptied mount point, a folder on another
// device and an unreadable subfolder remove nothing and are reported.
func TestWatchUnavailableRemovesNothing(t *testing.T) {
	src := shared(t, "pdfcorpus/files")
	root := t.TempDir()
	dir := filepath.Join(root, "D")
	sub := filepath.Join(dir, "sub")
	os.MkdirAll(sub, 0o755)
	copyFile(t, filepath.Join(src, "pypdf-pdflatex-4-pages.pdf"), filepath.Join(dir, "a.pdf"))
	copyFile(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), filepath.Join(sub, "b.pdf"))
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	lib.Watch(dir)
	if sum, err := lib.Sync(ctx, nil); err != nil || sum.Indexed != 2 {
		t.Fatalf("first sync: %+v, %v", sum, err)
	}
	keeps := func(what, wantPath string) {
		t.Helper()
		ch, err := lib.Changed()
		var ue *UnavailableError
		if !errors.As(err, &ue) || !errors.Is(err, ErrUnavailable) {
			t.Fatalf("%s: Changed = %v, %v; want an *UnavailableError", what, ch, err)
		}
		sum, err := lib.Sync(ctx, nil)
		if err != nil || sum.Removed != 0 {
			t.Fatalf("%s: %+v, %v: removed documents whose files exist", what, sum, err)
		}
		if len(sum.Unavailable) != 1 || sum.Unavailable[0].Path != wantPath {
			t.Fatalf("%s: unavailable %+v, want %s", what, sum.Unavailable, wantPath)
		}
		if n := len(docIDs(t, lib)); n != 2 {
			t.Fatalf("%s: %d documents left, want 2", what, n)
		}
		t.Logf("%s: %v", what, ue)
	}

	// The drive is unplugged and its mount point stays, empty.
	os.Rename(dir, dir+".real")
	os.Mkdir(dir, 0o755)
	keeps("empty mount point", dir)
	os.Remove(dir)
	os.Rename(dir+".real", dir)
	if ch, err := lib.Changed(); err != nil || ch {
		t.Fatalf("back again: Changed = %v, %v", ch, err)
	}

	// Another device: the folder is the mount point of something else.
	if dev, ok := lib.devicesFor(t, dir); ok {
		lib.setDevice(t, dir, dev+1)
		os.Rename(dir, dir+".real")
		os.MkdirAll(filepath.Join(dir, "other"), 0o755)
		os.WriteFile(filepath.Join(dir, "other", "x.txt"), nil, 0o644)
		keeps("another device", dir)
		os.RemoveAll(dir)
		os.Rename(dir+".real", dir)
		lib.setDevice(t, dir, dev)
	}

	// An unreadable subfolder, seen by a user who cannot read it.
	lib.Close()
	out := syncAsNobody(t, lib.Dir(), sub)
	if out.Removed != 0 || len(out.Unavailable) != 1 || out.Unavailable[0].Path != sub || !out.ChangedUnavailable {
		t.Fatalf("unreadable subfolder: %+v", out)
	}
	t.Logf("unreadable subfolder: %+v", out.Unavailable)
	lib, err = Open(lib.Dir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if n := len(docIDs(t, lib)); n != 2 {
		t.Fatalf("after the unreadable subfolder: %d documents", n)
	}

	// Really deleted: the folder was read and lacks the file.
	os.Remove(filepath.Join(sub, "b.pdf"))
	os.WriteFile(filepath.Join(sub, "notes.txt"), nil, 0o644)
	if sum, err := lib.Sync(ctx, nil); err != nil || sum.Removed != 1 {
		t.Fatalf("deleted file: %+v, %v", sum, err)
	}
}
