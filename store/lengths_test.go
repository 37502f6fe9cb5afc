package store

import (
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// lengthsDoc adds a document of n chunks of about 12 analysed terms each.
func lengthsDoc(t *testing.T, s *Store, i, n int) {
	t.Helper()
	texts := make([]string, n)
	for k := range texts {
		texts[k] = fmt.Sprintf("members receive hospital care from network providers; deductible %d applies yearly to plan %d", k, i)
	}
	addDoc(t, s, fmt.Sprintf("plan-%d.pdf", i), fmt.Sprintf("h%d", i), texts...)
}

// TestSearchesDoNotSampleFieldLengths checks that the BM25 statistics are
// made by writes and read back by Open, never by a search.
func TestSearchesDoNotSampleFieldLengths(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		lengthsDoc(t, s, i, 20)
	}
	made := s.lengths.samples.Load()
	if made == 0 {
		t.Fatal("adding documents made no estimate of the field lengths")
	}
	for _, q := range []string{"deductible", "hospital care", "plan 3 network"} {
		if len(searchIDs(t, s, q)) == 0 {
			t.Fatalf("%q found nothing", q)
		}
	}
	if got := s.lengths.samples.Load(); got != made {
		t.Errorf("searches sampled the field lengths %d times", got-made)
	}
	want := s.lengths.stats
	s.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	searchIDs(t, s, "deductible")
	if got := s.lengths.samples.Load(); got != 0 {
		t.Errorf("open and search of a library with stored lengths sampled %d times", got)
	}
	if got := s.lengths.stats; got != want {
		t.Errorf("reopened with lengths %+v, stored %+v", got, want)
	}
	words := len(s.Analyze("members receive hospital care from network providers; deductible 1 applies yearly to plan 1"))
	if d := want.Text - float64(words); d < -1 || d > 1 {
		t.Errorf("mean text length %.1f terms, the chunks hold %d", want.Text, words)
	}
}

// TestOldLibrarySamplesLengthsOnceAtOpen opens a library stored before
// the lengths were kept: Open samples and stores them, the next Open
// only reads them.
func TestOldLibrarySamplesLengthsOnceAtOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	lengthsDoc(t, s, 1, 30)
	err = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyLengths) })
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	for round, want := range []int64{1, 0} {
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		searchIDs(t, s, "deductible")
		if got := s.lengths.samples.Load(); got != want {
			t.Errorf("open %d sampled %d times, want %d", round+1, got, want)
		}
		s.Close()
	}
}

// TestLengthsFollowTheLibrarysGrowth checks that a write samples again
// only once the chunk count has moved by more than a tenth.
func TestLengthsFollowTheLibrarysGrowth(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	lengthsDoc(t, s, 0, 100)
	before := s.lengths.samples.Load()
	lengthsDoc(t, s, 1, 5) // 105 chunks: within a tenth
	if got := s.lengths.samples.Load(); got != before {
		t.Errorf("5 %% growth sampled %d times", got-before)
	}
	lengthsDoc(t, s, 2, 20) // 125 chunks
	if got := s.lengths.samples.Load(); got != before+1 {
		t.Errorf("25 %% growth sampled %d times, want 1", got-before)
	}
	if c := s.lengths.stats.Chunks; c != 125 {
		t.Errorf("estimate made at %d chunks, want 125", c)
	}
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveDocument(docs[0].ID); err != nil {
		t.Fatal(err)
	}
	if c := s.lengths.stats.Chunks; c != 25 {
		t.Errorf("after removing 100 of 125 chunks the estimate is of %d chunks, want 25", c)
	}
}
