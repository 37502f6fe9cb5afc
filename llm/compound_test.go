package llm

import (
	"testing"

	"quire/search"
	"quire/store"
)

// A second part's hit the answer does not quote is not listed; the ones
// listed are numbered 1, 2, … as before.
func TestWithoutUnquoted(t *testing.T) {
	extra := search.Hit{Chunk: store.Chunk{DocID: 7, Ord: 3}}
	cs := []Citation{{N: 1, ChunkID: "a"}, {N: 2, ChunkID: extra.Chunk.ID()}, {N: 3, ChunkID: "b"}}
	got := withoutUnquoted(cs, "The answer. [1]", []search.Hit{extra})
	if len(got) != 2 || got[0].ChunkID != "a" || got[1].ChunkID != "b" || got[1].N != 2 {
		t.Errorf("got %+v", got)
	}
	got = withoutUnquoted(cs, "The answer. [1]\nThe second part. [2]", []search.Hit{extra})
	if len(got) != 3 {
		t.Errorf("a quoted second part's hit is listed; got %+v", got)
	}
}
