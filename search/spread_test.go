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

// A kept hit takes along the chunks of its page and its neighbours in the
// document that ranked lower, in document order; others stay out.
func TestWithCompanions(t *testing.T) {
	hit := func(doc uint64, ord, page int) Hit {
		return Hit{Doc: store.Document{ID: doc}, Chunk: store.Chunk{Ord: ord, PageStart: page, PageEnd: page}}
	}
	kept := []Hit{hit(1, 212, 44), hit(1, 100, 20)}
	rest := []Hit{hit(1, 300, 60), hit(1, 213, 45), hit(1, 211, 44), hit(2, 213, 45), hit(1, 99, 19), hit(1, 212, 44)}
	got := withCompanions(kept, rest)
	var ords [][]int
	for _, h := range got {
		var o []int
		for _, c := range h.Companions {
			o = append(o, c.Ord)
		}
		ords = append(ords, o)
	}
	if len(ords[0]) != 2 || ords[0][0] != 211 || ords[0][1] != 213 || len(ords[1]) != 1 || ords[1][0] != 99 {
		t.Errorf("companions %v, want [[211 213] [99]]", ords)
	}
}

// An evaluation searches twenty hits deep and answers from the first
// five: those five must carry the companions a five-hit search gives
// them, from the hits it cut, and the deep result must stay as it was.
func TestTopGivesTheCutHitsAsCompanions(t *testing.T) {
	hit := func(doc uint64, ord, page int) Hit {
		return Hit{Doc: store.Document{ID: doc}, Chunk: store.Chunk{Ord: ord, PageStart: page}}
	}
	deep := []Hit{hit(1, 10, 3), hit(2, 5, 1), hit(1, 11, 3), hit(3, 7, 2), hit(1, 40, 9)}
	top := Top(deep, 2)
	if len(top) != 2 {
		t.Fatalf("Top kept %d hits, want 2", len(top))
	}
	if c := top[0].Companions; len(c) != 1 || c[0].Ord != 11 {
		t.Errorf("first hit's companions %v, want chunk 11 of its page", c)
	}
	if len(top[1].Companions) != 0 {
		t.Errorf("second hit's companions %v, want none", top[1].Companions)
	}
	if len(deep[0].Companions) != 0 {
		t.Errorf("Top changed the deep result's hits: %v", deep[0].Companions)
	}
	if got := Top(deep, 9); len(got) != len(deep) {
		t.Errorf("Top(9) of %d hits kept %d", len(deep), len(got))
	}
}
