package store

import (
	"bufio"
	"errors"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// damagedLibrary makes a library of 300 documents, with its catalog, and
// closes it.
func damagedLibrary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var batch []NewDocument
	for i := range 300 {
		name := fmt.Sprintf("doc-%03d.pdf", i)
		batch = append(batch, NewDocument{
			Doc:    Document{Name: name, Path: "/papers/" + name, Hash: fmt.Sprint(i), Status: StatusIndexed, Pages: 1},
			Chunks: []Chunk{{PageStart: 1, PageEnd: 1, Text: strings.Repeat(fmt.Sprintf("word%d passage text ", i), 20)}},
		})
	}
	if _, err := s.AddDocuments(batch); err != nil {
		t.Fatal(err)
	}
	s.SetSetting("watch.folders", `["/papers"]`)
	if err := s.WriteCatalog(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openInChild opens the library in a child process, so that a crash (a
// fault inside bbolt) fails the case instead of the test binary.
const openChild = "QUIRE_STORE_OPEN_CHILD"

// holdChild opens the library in a child process that says "open" and
// waits to be killed (killWhileOpen).
const holdChild = "QUIRE_STORE_HOLD_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(holdChild); dir != "" {
		if _, err := Open(dir); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("open")
		select {}
	}
	if dir := os.Getenv(openChild); dir != "" {
		s, err := Open(dir)
		if err == nil {
			s.Close()
		}
		fmt.Print(err)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A damaged library.db (cut short, bytes flipped, emptied, deleted) is
// reported in words, moved aside, and never replaced by an empty library
// in silence; what it held can still be listed for a rebuild.
func TestDamagedLibraryDB(t *testing.T) {
	cases := map[string]func(t *testing.T, db string) error{
		"cut to half": func(_ *testing.T, db string) error {
			info, err := os.Stat(db)
			if err != nil {
				return err
			}
			return os.Truncate(db, info.Size()/2)
		},
		// The consistency check runs after an unclean close only: bytes
		// flipped as a write cut short by a power loss would.
		"bytes flipped after a kill": func(t *testing.T, db string) error {
			killWhileOpen(t, filepath.Dir(db))
			b, err := os.ReadFile(db)
			if err != nil {
				return err
			}
			r := rand.New(rand.NewPCG(1, 2))
			for range 64 {
				i := 2*4096 + r.IntN(len(b)-2*4096)
				b[i] ^= byte(1 + r.IntN(255))
			}
			return os.WriteFile(db, b, 0o600)
		},
		// After a clean close Open does not look for damage, but it
		// checks when it trips on some: the root page of the documents
		// garbled, as by a disk, while no Quire had it open.
		"page garbled after a clean close": func(_ *testing.T, db string) error {
			b, err := bolt.Open(db, 0o600, nil)
			if err != nil {
				return err
			}
			var at int64
			b.View(func(tx *bolt.Tx) error {
				at = int64(tx.Bucket(bucketDocs).Root()) * int64(b.Info().PageSize)
				return nil
			})
			b.Close()
			f, err := os.OpenFile(db, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte{0xff, 0xff}, at+8) // the page's flags: neither branch nor leaf
			return err
		},
		"emptied": func(_ *testing.T, db string) error { return os.Truncate(db, 0) },
		"deleted": func(_ *testing.T, db string) error { return os.Remove(db) },
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			dir := damagedLibrary(t)
			if err := damage(t, filepath.Join(dir, "library.db")); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), openChild+"="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "is damaged") {
				t.Fatalf("open in a child: %v: %.600s", err, out)
			}
			t.Logf("%s", out)
			_, err = Open(dir)
			var de *DamagedError
			if !errors.As(err, &de) || de.MovedTo == "" {
				t.Fatalf("second open: %v; want the damage reported again, not an empty library", err)
			}
			if n := indexCount(filepath.Join(dir, "bleve")); n != 0 {
				t.Fatalf("the index was left in place with %d passages", n)
			}
			c := Salvage(de.MovedTo)
			if len(c.Paths) != 300 || c.Settings["watch.folders"] == "" {
				t.Fatalf("salvaged %d paths and settings %v; want the 300 documents and the watched folder", len(c.Paths), c.Settings)
			}
			if err := MarkHandled(de.MovedTo); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir)
			if err != nil {
				t.Fatalf("after the damage was dealt with: %v", err)
			}
			s.Close()
		})
	}
}

// An index whose segment files are gone is rebuilt from bbolt without
// Bleve's "unable to load snapshot … continuing" reaching the user.
func TestIndexRebuiltQuietly(t *testing.T) {
	dir := damagedLibrary(t)
	zaps, _ := filepath.Glob(filepath.Join(dir, "bleve", "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment files to remove")
	}
	for _, z := range zaps {
		os.Remove(z)
	}
	var logged strings.Builder
	prev := log.Writer()
	log.SetOutput(&logged)
	defer log.SetOutput(prev)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if strings.Contains(logged.String(), "snapshot") {
		t.Fatalf("Bleve's recovery reached the log: %q", logged.String())
	}
	if n, _ := s.index.DocCount(); n != 300 {
		t.Fatalf("rebuilt index holds %d passages, want 300", n)
	}
}

// killWhileOpen opens the library in dir in a child process and kills it
// (SIGKILL) while the library is open.
func killWhileOpen(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdChild+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	cmd.Process.Kill()
	cmd.Wait()
	if line != "open\n" {
		t.Fatalf("child: %q", line)
	}
}

// bbolt's consistency check reads all of library.db: Open runs it only
// when the library was not closed cleanly (killed while open, copied
// while open, or written before Close recorded clean closes).
func TestConsistencyCheckAfterUncleanCloseOnly(t *testing.T) {
	dir := damagedLibrary(t)
	checked := func(dir string) bool {
		t.Helper()
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return s.Checked()
	}
	if checked(dir) {
		t.Fatal("checked after a clean close")
	}
	killWhileOpen(t, dir)
	if !checked(dir) {
		t.Fatal("not checked after a kill")
	}
	if checked(dir) {
		t.Fatal("checked again after the clean close that followed")
	}

	// A copy taken while the library is open.
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(copyDir, "library.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !checked(copyDir) {
		t.Fatal("a copy taken while open was not checked")
	}

	// A library.db from before clean closes were recorded.
	db, err := bolt.Open(filepath.Join(dir, "library.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyClosed) })
	db.Close()
	if !checked(dir) {
		t.Fatal("a library.db without the record was not checked")
	}
}
