package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"quire/store"
)

// A file whose name is not valid UTF-8 (byte 0xE9, "é" in Latin-1, as a
// Linux file system may hold): the library records the name that opens
// the file, byte for byte, through ingest, a question, a reopen, a
// second ingest and a watched folder's sync.
func TestFileNameNotUTF8(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "caf\xe9") // the watched folder's name too
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := "r\xe9sum\xe9 zentara.pdf" // 0xE9: "é" in Latin-1
	path := filepath.Join(dir, name)
	copyFile(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), path)
	db := t.TempDir()
	ctx := context.Background()

	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Watch(dir); err != nil {
		t.Fatal(err)
	}
	if w, err := lib.Watched(); err != nil || len(w) != 1 || w[0] != dir {
		t.Fatalf("watched %q, %v; want %q", w, err, dir)
	}
	sum, err := lib.Sync(ctx, nil)
	if err != nil || sum.Indexed != 1 {
		t.Fatalf("first sync: %+v, %v", sum, err)
	}
	lib.Close()

	// Reopened, so the documents are read back from library.db.
	lib, err = Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, ok := lib.devicesFor(t, dir); !ok {
		t.Errorf("the watched folder's device was not remembered")
	}
	docs, err := lib.Documents()
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %+v, %v", docs, err)
	}
	d := docs[0]
	if d.Path != path || d.Name != name || d.Status != store.StatusIndexed {
		t.Fatalf("stored path %q name %q (%s), want %q %q", d.Path, d.Name, d.Status, path, name)
	}

	ans, err := lib.Ask(ctx, "Who is the CEO of Zentara Robotics?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Citations) == 0 {
		t.Fatalf("answer %q (abstained %v)", ans.Text, ans.Abstained)
	}
	c := ans.Citations[0]
	if !utf8.ValidString(c.File) || !strings.Contains(c.File, "zentara.pdf") {
		t.Errorf("citation shows the file as %q, want it readable", c.File)
	}
	if c.DocID != d.ID {
		t.Fatalf("cited document %d, want %d", c.DocID, d.ID)
	}
	cited := d
	if _, err := os.Stat(cited.Path); err != nil {
		t.Fatalf("the citation's file does not open: %v", err)
	}
	if got := store.Shown(cited.Name); !utf8.ValidString(got) || got == cited.Name {
		t.Errorf("shown as %q", got)
	}

	sum, err = lib.Ingest(ctx, []string{path}, nil)
	if err != nil || sum.Skipped != 1 || sum.Indexed != 0 {
		t.Fatalf("second ingest: %+v, %v; want it skipped", sum, err)
	}
	if ch, err := lib.Changed(); err != nil || ch {
		t.Fatalf("changed: %v, %v; nothing did", ch, err)
	}
	sum, err = lib.Sync(ctx, nil)
	if err != nil || sum.Indexed != 0 || sum.Removed != 0 {
		t.Fatalf("second sync: %+v, %v; want nothing indexed or removed", sum, err)
	}
	if docs, _ := lib.Documents(); len(docs) != 1 || docs[0].ID != d.ID {
		t.Fatalf("documents after the sync: %+v", docs)
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
}
