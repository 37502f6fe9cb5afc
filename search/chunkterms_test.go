package search

import (
	"slices"
	"testing"

	"quire/store"
)

// The remembered terms are the index's analysis of the chunk, and a
// write to the store, which makes a new generation, forgets them.
func TestChunkTermsFollowTheStore(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{}, Options{})
	chunks, err := f.st.DocChunks(f.docs["handbook.pdf"])
	if err != nil || len(chunks) == 0 {
		t.Fatalf("chunks: %v %v", chunks, err)
	}
	c := chunks[1]
	want := f.st.Analyze(c.Text)
	if got := s.analyse(c); !slices.Equal(got, want) {
		t.Fatalf("analyse = %v, want %v", got, want)
	}
	if n := len(s.chunkTerms.terms); n != 1 {
		t.Fatalf("%d chunks remembered, want 1", n)
	}
	f.add(t, "other.pdf", "Another document.")
	if got := s.analyse(store.Chunk{DocID: c.DocID, Ord: c.Ord, Text: c.Text}); !slices.Equal(got, want) {
		t.Fatalf("after a write: %v, want %v", got, want)
	}
	if s.chunkTerms.gen != f.st.Generation() || len(s.chunkTerms.terms) != 1 {
		t.Errorf("after a write: generation %d (store %d), %d chunks remembered", s.chunkTerms.gen, f.st.Generation(), len(s.chunkTerms.terms))
	}
}
