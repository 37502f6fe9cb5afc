package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// punchFree gives back to the file system the blocks of library.db's
// free pages, so that a write there needs space as on a file system
// that never writes in place (btrfs): on a full disk, then, no write to
// library.db succeeds, however much bbolt has free inside the file.
func punchFree(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var free []int
	err = db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				return err
			}
			if p.Type == "free" {
				free = append(free, id)
			}
		}
	})
	size := db.Info().PageSize
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const punchHole, keepSize = 0x02, 0x01 // FALLOC_FL_*
	for _, id := range free {
		if err := syscall.Fallocate(int(f.Fd()), punchHole|keepSize, int64(id*size), int64(size)); err != nil {
			t.Fatalf("punch page %d: %v", id, err)
		}
	}
	if len(free) == 0 {
		t.Fatal("library.db has no free page")
	}
}

// fill writes path until the file system it is on has no byte left.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, size := range []int{1 << 20, 4096, 1} {
		buf := make([]byte, size)
		for {
			if _, err := f.Write(buf); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				break
			}
		}
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil || st.Bavail != 0 {
		t.Fatalf("the file system is not full: %d blocks free, %v", st.Bavail, err)
	}
}

// A library opened on a disk with no space left (a full tmpfs, as
// root): it opens, answers questions from what it holds, says adding
// needs space, loses nothing, and opens as usual once there is room.
func TestOpenOnFullDisk(t *testing.T) {
	zentara := filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf")
	other := filepath.Join(shared(t, "pdfcorpus/files"), "pypdf-pdflatex-4-pages.pdf")
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=32m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v)", err)
	}
	defer syscall.Unmount(mnt, 0)
	db := filepath.Join(mnt, "lib")
	ctx := context.Background()
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := lib.Ingest(ctx, []string{zentara}, nil); err != nil || sum.Indexed != 1 {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	punchFree(t, filepath.Join(db, "library.db"))
	filler := filepath.Join(mnt, "filler")
	fill(t, filler)

	for round := 1; round <= 2; round++ { // the second: after a close on the full disk
		lib, err = Open(db, Options{})
		if err != nil {
			t.Fatalf("open %d on a full disk: %v", round, err)
		}
		if !errors.Is(lib.ReadOnly(), ErrDiskFull) {
			t.Errorf("open %d: read-only reason %v, want the full disk", round, lib.ReadOnly())
		}
		ans, err := lib.Ask(ctx, "Who is the CEO of Zentara Robotics?", AskOptions{})
		if err != nil || ans.Abstained || !strings.Contains(ans.Text, "Iris Kallas") {
			t.Fatalf("open %d: asked on a full disk: %q, %v", round, ans.Text, err)
		}
		if _, err := lib.AskInChat(ctx, &Chat{}, "Who is the CEO of Zentara Robotics?", AskOptions{}); err != nil {
			t.Errorf("open %d: asked in a chat on a full disk: %v", round, err)
		}
		if docs, _ := lib.Documents(); len(docs) != 1 || !errors.Is(lib.Remove(docs[0].ID), ErrDiskFull) {
			t.Errorf("open %d: removing on a full disk did not say the disk is full", round)
		}
		sum, err := lib.Ingest(ctx, []string{other}, nil)
		if round == 1 {
			t.Logf("adding: %v", err)
		}
		if !errors.Is(err, ErrDiskFull) || sum.Indexed != 0 {
			t.Errorf("open %d: adding on a full disk: %+v, %v; want ErrDiskFull", round, sum, err)
		}
		if err := lib.Close(); err != nil && !errors.Is(err, ErrDiskFull) {
			t.Errorf("close %d on a full disk: %v", round, err)
		}
	}

	// The read-only sessions left library.db as the last Close did,
	// its record of a clean close included (store/cleanclose.go).
	bdb, err := bolt.Open(filepath.Join(db, "library.db"), 0o400, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	bdb.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte("meta")); b == nil || b.Get([]byte("closed")) == nil {
			t.Errorf("the record of the last clean close was lost in the read-only sessions")
		}
		return nil
	})
	bdb.Close()

	// A new library cannot be made on the full disk: a typed error, and
	// nothing left behind that later reads as damage.
	fresh := filepath.Join(mnt, "fresh")
	if lib, err := Open(fresh, Options{}); !errors.Is(err, ErrDiskFull) {
		if err == nil {
			lib.Close()
		}
		t.Errorf("a new library on a full disk: %v; want ErrDiskFull", err)
	}

	// Space again: the library opens writable, holds its document, and
	// adds the other; the new one opens too.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if lib, err := Open(fresh, Options{}); err != nil {
		t.Errorf("the new library with room: %v", err)
	} else {
		lib.Close()
	}
	lib, err = Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if err := lib.ReadOnly(); err != nil {
		t.Errorf("with room: read-only: %v", err)
	}

	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
	if sum, err := lib.Ingest(ctx, []string{other}, nil); err != nil || sum.Indexed != 1 {
		t.Fatalf("ingest with room: %+v, %v", sum, err)
	}
	if docs, _ := lib.Documents(); len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
}
