package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"quire/models/fetch"
)

// A file replaced between being hashed and being parsed is stored with
// the hash of what was parsed: a copy of the first content elsewhere is
// then new to the library, not "already in" it.
func TestFileReplacedDuringIngest(t *testing.T) {
	zentara := filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf")
	other := filepath.Join(shared(t, "pdfcorpus/files"), "pypdf-pdflatex-4-pages.pdf")
	dir := t.TempDir()
	a := filepath.Join(dir, "a.pdf")
	copyFile(t, zentara, a)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var once sync.Once
	lib.setAfterHash(func(string) {
		once.Do(func() { // mv B A
			copyFile(t, other, a+".tmp")
			os.Rename(a+".tmp", a)
		})
	})
	if _, err := lib.Ingest(context.Background(), []string{a}, nil); err != nil {
		t.Fatal(err)
	}
	docs, _ := lib.Documents()
	want, _ := fetch.FileSHA256(other)
	if len(docs) != 1 || docs[0].Hash != want {
		t.Fatalf("stored %+v; want one document with the hash of the file parsed (%.12s)", docs, want)
	}
	chunks, _ := lib.store.DocChunks(docs[0].ID)
	if len(chunks) == 0 || strings.Contains(strings.ToLower(chunks[0].Text), "zentara") {
		t.Fatalf("the text is not the replacing file's")
	}
	// The first content, copied elsewhere, is new to the library.
	copyFile(t, zentara, filepath.Join(dir, "zentara.pdf"))
	sum, err := lib.Ingest(context.Background(), []string{dir}, nil)
	if err != nil || sum.Indexed != 1 {
		t.Fatalf("the first content copied elsewhere: %+v, %v; want it indexed", sum, err)
	}
}

// Two ingests at once in one process index an identical file once.
func TestConcurrentIngestsIndexOnce(t *testing.T) {
	src := filepath.Join(shared(t, "pdfcorpus/files"), "pypdf-pdflatex-4-pages.pdf")
	d1, d2 := t.TempDir(), t.TempDir()
	copyFile(t, src, filepath.Join(d1, "a.pdf"))
	copyFile(t, src, filepath.Join(d2, "b.pdf"))
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	// Both runs hash their file before either stores it.
	var hashed sync.WaitGroup
	hashed.Add(2)
	lib.setAfterHash(func(string) {
		hashed.Done()
		done := make(chan struct{})
		go func() { hashed.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
		}
	})
	var wg sync.WaitGroup
	sums := make([]Summary, 2)
	for i, d := range []string{d1, d2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[i], _ = lib.Ingest(context.Background(), []string{d}, nil)
		}()
	}
	wg.Wait()
	docs, _ := lib.Documents()
	if len(docs) != 1 || sums[0].Indexed+sums[1].Indexed != 1 {
		t.Fatalf("%d documents, runs %+v and %+v: the same content indexed twice", len(docs), sums[0], sums[1])
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
}
