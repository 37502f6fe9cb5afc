package search

import (
	"testing"

	"quire/store"
)

func TestSpreadKeepsOneHitPerPageInTheLeadingPlaces(t *testing.T) {
	hit := func(doc uint64, page int) Hit {
		return Hit{Doc: store.Document{ID: doc}, Chunk: store.Chunk{PageStart: page, PageEnd: page}}
	}
	in := []Hit{hit(1, 7), hit(1, 7), hit(1, 8), hit(1, 7), hit(2, 7), hit(1, 9), hit(1, 30), hit(1, 31)}
	got := spread(in)
	want := []pageKey{{1, 7}, {1, 8}, {2, 7}, {1, 9}, {1, 30}, {1, 7}, {1, 7}, {1, 31}}
	if len(got) != len(want) {
		t.Fatalf("%d hits, want %d", len(got), len(want))
	}
	for i, h := range got {
		if k := (pageKey{h.Doc.ID, h.Chunk.PageStart}); k != want[i] {
			t.Errorf("place %d: %v, want %v", i+1, k, want[i])
		}
	}
	// With too few pages, the repeats stay, in order, after the others.
	got = spread([]Hit{hit(1, 1), hit(1, 1), hit(1, 2)})
	if got[0].Chunk.PageStart != 1 || got[1].Chunk.PageStart != 2 || got[2].Chunk.PageStart != 1 {
		t.Errorf("few pages: %v", got)
	}
}
