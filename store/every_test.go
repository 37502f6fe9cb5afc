package store

import (
	"context"
	"slices"
	"testing"
)

// SearchEvery finds the chunks that say every term and one of some,
// however briefly, and only in the documents asked.
func TestSearchEvery(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := addDoc(t, s, "lifeway.pdf", "a",
		"December 31, 2019 2018\nLand $ 1,565 $ 1,747\nVehicles 778 937",
		"Vehicles are depreciated over five years.",                        // no year asked
		"Office equipment 851 838 in 2019; buildings 17,332 in 2018.",      // no vehicles
		"Vehicles, trucks and vehicles of every kind were bought in 2017.", // another year
	)
	b := addDoc(t, s, "bestbuy.pdf", "b", "The investment vehicles were worth $44 million in 2019.")
	ids := func(docs ...uint64) []string {
		t.Helper()
		hits, err := s.SearchEvery(context.Background(), s.Analyze("vehicles"), []string{"2018", "2019"}, 10, docs)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.ChunkID)
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids(), []string{ChunkID(a.ID, 0), ChunkID(b.ID, 0)}; !slices.Equal(got, want) {
		t.Errorf("every document: %v, want %v", got, want)
	}
	if got, want := ids(a.ID), []string{ChunkID(a.ID, 0)}; !slices.Equal(got, want) {
		t.Errorf("lifeway alone: %v, want %v", got, want)
	}
	hits, err := s.SearchEvery(context.Background(), s.Analyze("vehicles drones"), nil, 10, nil)
	if err != nil || len(hits) != 0 {
		t.Errorf("a term no chunk holds: %v %v, want no hits", hits, err)
	}
}
