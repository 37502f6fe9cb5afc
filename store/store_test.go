package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func addDoc(t *testing.T, s *Store, name, hash string, texts ...string) Document {
	t.Helper()
	chunks := make([]Chunk, len(texts))
	for i, text := range texts {
		chunks[i] = Chunk{PageStart: i + 1, PageEnd: i + 1, Text: text}
	}
	d, err := s.AddDocument(Document{Name: name, Hash: hash, Status: StatusIndexed, Pages: len(texts)}, chunks)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func searchIDs(t *testing.T, s *Store, q string, docs ...uint64) []string {
	t.Helper()
	hits, err := s.SearchText(context.Background(), q, 10, docs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ChunkID
	}
	return ids
}

func TestAddSearchRemove(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	a := addDoc(t, s, "robots.pdf", "aaa", "The CEO of Zentara is Iris Kallas.", "Employees: 287 as of March.")
	b := addDoc(t, s, "cats.pdf", "bbb", "Cats sleep most of the day.", "The employees of the shelter feed the cats.")

	ids := searchIDs(t, s, "how many employees")
	if len(ids) != 2 {
		t.Fatalf("employees: got %v, want two chunks", ids)
	}
	if got := searchIDs(t, s, "employees", b.ID); len(got) != 1 || got[0] != ChunkID(b.ID, 1) {
		t.Fatalf("filter to %d: got %v", b.ID, got)
	}
	// Stemming: "sleeping" finds "sleep".
	if got := searchIDs(t, s, "sleeping"); len(got) != 1 || got[0] != ChunkID(b.ID, 0) {
		t.Fatalf("stemmed query: got %v", got)
	}

	if d, err := s.DocumentByHash("aaa"); err != nil || d.ID != a.ID || d.Chunks != 2 {
		t.Fatalf("by hash: %+v %v", d, err)
	}
	c, err := s.Chunk(ChunkID(a.ID, 1))
	if err != nil || c.PageStart != 2 || c.Text != "Employees: 287 as of March." {
		t.Fatalf("chunk: %+v %v", c, err)
	}

	if err := s.RemoveDocument(a.ID); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "Kallas"); len(got) != 0 {
		t.Fatalf("removed document still found: %v", got)
	}
	if _, err := s.DocumentByHash("aaa"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removed hash: %v", err)
	}
	docs, _ := s.Documents()
	if len(docs) != 1 || docs[0].Name != "cats.pdf" {
		t.Fatalf("documents after remove: %+v", docs)
	}
}

// A crash between the Bleve batch and the bbolt commit leaves a pending
// mark; reopening must drop the orphaned index entries.
func TestRepairPending(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	addDoc(t, s, "kept.pdf", "k", "kept words here")
	// Simulate the first two steps of AddDocument, then a crash.
	orphan := []Chunk{{DocID: 99, Ord: 0, Text: "orphaned zebra text"}}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).Put(docKey(99), docKey(1))
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.indexChunks(orphan, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.index.DocCount(); n != 2 {
		t.Fatalf("setup: orphan not indexed: %d index entries", n)
	}
	// Until the crash is repaired, search does not name the orphan.
	if got := searchIDs(t, s, "zebra"); len(got) != 0 {
		t.Fatalf("search named a chunk of a document being added: %v", got)
	}
	s.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := searchIDs(t, s, "zebra"); len(got) != 0 {
		t.Fatalf("orphan survived repair: %v", got)
	}
	if got := searchIDs(t, s, "kept"); len(got) != 1 {
		t.Fatalf("kept document lost: %v", got)
	}
}

// A lost or damaged index is rebuilt from bbolt.
func TestRebuildMissingIndex(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	addDoc(t, s, "a.pdf", "a", "alpha bravo", "charlie delta")
	s.Close()
	if err := os.RemoveAll(filepath.Join(dir, "bleve")); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := searchIDs(t, s, "delta"); len(got) != 1 {
		t.Fatalf("after rebuild: %v", got)
	}
}

func TestIDFAndAnalyze(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addDoc(t, s, "a.pdf", "a", "common rare", "common", "common")
	terms := s.Analyze("The Common RARE running")
	want := []string{"common", "rare", "run"}
	if len(terms) != len(want) {
		t.Fatalf("analyze: %v, want %v", terms, want)
	}
	for i := range want {
		if terms[i] != want[i] {
			t.Fatalf("analyze: %v, want %v", terms, want)
		}
	}
	idf, df, err := s.IDF([]string{"common", "rare", "absent"})
	if err != nil {
		t.Fatal(err)
	}
	if df[0] != 3 || df[1] != 1 || df[2] != 0 {
		t.Fatalf("df = %v", df)
	}
	if !(idf[0] < idf[1] && idf[1] < idf[2]) {
		t.Fatalf("idf not ordered by rarity: %v", idf)
	}
}

func TestSettings(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok, _ := s.Setting("x"); ok {
		t.Fatal("unset setting reported set")
	}
	if err := s.SetSetting("x", "1"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := s.Setting("x"); !ok || v != "1" {
		t.Fatalf("setting = %q %v", v, ok)
	}
}

// Restricting the search to documents must not change the scores of the
// chunks it keeps.
func TestFilterKeepsScores(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := addDoc(t, s, "a.pdf", "a", "balance billing protection applies", "nothing here", "more filler words")
	b := addDoc(t, s, "b.pdf", "b", "billing")
	all, err := s.SearchText(context.Background(), "balance billing", 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	some, err := s.SearchText(context.Background(), "balance billing", 10, []uint64{a.ID, b.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || len(some) != 2 {
		t.Fatalf("hits: %v / %v", all, some)
	}
	for i := range all {
		if all[i].ChunkID != some[i].ChunkID || all[i].Score != some[i].Score {
			t.Fatalf("filter changed ranking: %+v vs %+v", all, some)
		}
	}
}

func TestPageList(t *testing.T) {
	for _, c := range []struct {
		pages []int
		max   int
		want  string
	}{
		{nil, 3, ""},
		{[]int{4}, 3, "p. 4"},
		{[]int{3, 7, 8, 9}, 3, "pp. 3, 7–9"},
		{[]int{1, 3, 5, 7, 8}, 2, "pp. 1, 3 and 3 more"},
	} {
		if got := PageList(c.pages, c.max); got != c.want {
			t.Errorf("PageList(%v, %d) = %q, want %q", c.pages, c.max, got, c.want)
		}
	}
}

// The same passage in two reports: the title (file name and heading)
// picks the report the question names, without matching on its own, and
// follows a rename.
func TestTitleWeighsTheNamedDocument(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	text := "Capital expenditure for the year was 1,577 million dollars."
	a := addDoc(t, s, "3M_2018_10K.pdf", "aaa", text)
	b, err := s.AddDocument(Document{Name: "report.pdf", Hash: "bbb", Status: StatusIndexed, Pages: 1, Heading: "PFIZER INC. 2021 Form 10-K"},
		[]Chunk{{PageStart: 1, PageEnd: 1, Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "capital expenditure 3M 2018"); len(got) != 2 || got[0] != ChunkID(a.ID, 0) {
		t.Fatalf("named by file: %v", got)
	}
	if got := searchIDs(t, s, "Pfizer capital expenditure"); len(got) != 2 || got[0] != ChunkID(b.ID, 0) {
		t.Fatalf("named by heading: %v", got)
	}
	if got := searchIDs(t, s, "Pfizer"); len(got) != 0 {
		t.Fatalf("a title alone matched: %v", got)
	}
	a.Name = "MMM_annual.pdf"
	if err := s.UpdateDocument(a); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "capital expenditure MMM annual"); len(got) != 2 || got[0] != ChunkID(a.ID, 0) {
		t.Fatalf("after a rename: %v", got)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}
