package store

import (
	"context"
	"slices"
	"testing"
)

// Weighed within a booklet, the name it says in every chunk weighs
// nothing and the word asked about decides; weighed over a library where
// the name is rare, the chunk that repeats the name wins.
func TestSearchWithinWeighsAmongTheDocuments(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addDoc(t, s, "booklet.pdf", "b",
		"Acme covers Acme members of the Acme plan: Acme care, Acme Acme.",
		"The plan covers hearing aids once every three years.",
		"Acme plan members pay a copay.",
		"The Acme plan renews each January, Acme says.")
	var other []string
	for range 40 {
		other = append(other, "Hearing aids are sold in stores; members compare prices every year.")
	}
	addDoc(t, s, "survey.pdf", "s", other...)
	ctx := context.Background()
	const q = "Does Acme cover hearing aids?"
	booklet := []uint64{1}
	global, err := s.SearchText(ctx, q, 4, booklet)
	if err != nil {
		t.Fatal(err)
	}
	within, err := s.SearchTextWithin(ctx, q, 4, booklet, booklet)
	if err != nil {
		t.Fatal(err)
	}
	if len(global) == 0 || global[0].ChunkID != ChunkID(1, 0) {
		t.Fatalf("weighed over the library: %v, want the chunk that repeats Acme first", global)
	}
	if len(within) == 0 || within[0].ChunkID != ChunkID(1, 1) {
		t.Errorf("weighed within the booklet: %v, want the hearing aids chunk first", within)
	}
	idf, df, err := s.IDFWithin(s.Analyze("acme hearing"), booklet)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(df, []int{3, 1}) || idf[0] >= idf[1] {
		t.Errorf("within the booklet: df %v idf %v, want Acme in 3 of its 4 chunks, weighing less than hearing", df, idf)
	}
}

func TestTermRunsGroupsChunksByDocument(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addDoc(t, s, "a.pdf", "a", "acme one", "acme two", "nothing", "acme three")
	addDoc(t, s, "b.pdf", "b", "acme four", "other")
	runs := map[uint64]int{}
	err = s.TermRuns(context.Background(), "acm", func(doc uint64, n int) bool {
		runs[doc] += n
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if runs[1] != 3 || runs[2] != 1 || len(runs) != 2 {
		t.Errorf("runs %v, want 3 chunks of document 1 and 1 of document 2", runs)
	}
	calls := 0
	if err := s.TermRuns(context.Background(), "acm", func(uint64, int) bool { calls++; return false }); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("fn returned false, yet was called %d times", calls)
	}
}
