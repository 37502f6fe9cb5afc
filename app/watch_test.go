package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"quire/library"
)

// A folder the user adds is watched: a PDF copied into it later is
// indexed, one deleted from it leaves the library, and the folder's row
// stops the watching.
func TestAddedFolderIsWatched(t *testing.T) {
	src, _ := filepath.Abs("../../shared/evaldata/zentara/zentara_robotics_handbook.pdf")
	if _, err := os.Stat(src); err != nil {
		t.Skip("shared evaldata not found")
	}
	data, _ := os.ReadFile(src)
	dir := filepath.Join(t.TempDir(), "Papers")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "a.pdf"), data, 0o644)

	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	u := newTestUI(t, lib)
	docs := func() int {
		u.work.Wait()
		d, _ := lib.Documents()
		return len(d)
	}

	u.add([]string{dir})
	if n := docs(); n != 1 {
		t.Fatalf("after adding the folder: %d documents", n)
	}
	if len(u.watchList.Objects) != 1 {
		t.Fatalf("%d watched rows, want 1", len(u.watchList.Objects))
	}
	row := u.watchList.Objects[0].(*watchRow)
	if row.text.Text != "Watching Papers" || row.dir != dir {
		t.Fatalf("watched row: %q for %s", row.text.Text, row.dir)
	}

	os.WriteFile(filepath.Join(dir, "b.pdf"), append(append([]byte{}, data...), '\n'), 0o644)
	u.syncWatched()
	if n := docs(); n != 2 {
		t.Fatalf("after a file appeared: %d documents", n)
	}
	os.Remove(filepath.Join(dir, "a.pdf"))
	u.syncWatched()
	if n := docs(); n != 1 {
		t.Fatalf("after a file was deleted: %d documents", n)
	}
	if got := u.progress.summary.Text; !strings.Contains(got, "1 removed") {
		t.Errorf("summary %q", got)
	}

	test.Tap(row.stop)
	if len(u.watchList.Objects) != 0 {
		t.Fatal("the folder is still listed after stopping")
	}
	os.WriteFile(filepath.Join(dir, "c.pdf"), append(append([]byte{}, data...), '\n', '\n'), 0o644)
	u.syncWatched()
	if n := docs(); n != 1 {
		t.Fatalf("an unwatched folder was synced: %d documents", n)
	}
}
