package search

import (
	"slices"

	"quire/store"
)

// Overlapping chunks of one page often rank side by side, and then the
// first five places show one page three times while the evidence page
// waits at sixth. spread keeps one hit per page in the first places and
// moves the repeats after them, in their order.

// spreadPlaces is how many leading places hold one hit per page: the
// answer quotes from the first five, and evaluations count hit@5.
const spreadPlaces = 5

// pageKey names a hit's page: its document and first page.
type pageKey struct {
	doc  uint64
	page int
}

// spread reorders hits so that the first spreadPlaces come from
// different pages where there are enough pages.
func spread(hits []Hit) []Hit {
	seen := map[pageKey]bool{}
	lead := make([]Hit, 0, len(hits))
	var repeats []Hit
	for _, h := range hits {
		k := pageKey{h.Doc.ID, h.Chunk.PageStart}
		if len(lead) < spreadPlaces && seen[k] {
			repeats = append(repeats, h)
			continue
		}
		seen[k] = true
		lead = append(lead, h)
	}
	if len(lead) <= spreadPlaces {
		return append(lead, repeats...)
	}
	out := append(lead[:spreadPlaces:spreadPlaces], repeats...)
	return append(out, lead[spreadPlaces:]...)
}

// withCompanions gives each kept hit the chunks among the hits left out
// that come from its page or follow or precede it in its document, in
// document order: a table the chunking cut in two ("Total current
// assets" in one chunk, "Total current liabilities" in the next) is
// quoted from as one source.
func withCompanions(kept, rest []Hit) []Hit {
	type chunkKey struct {
		doc uint64
		ord int
	}
	page := map[pageKey]int{}
	next := map[chunkKey]int{}
	for i := len(kept) - 1; i >= 0; i-- { // the best-ranked hit wins a shared key
		h := kept[i]
		page[pageKey{h.Doc.ID, h.Chunk.PageStart}] = i
		next[chunkKey{h.Doc.ID, h.Chunk.Ord - 1}] = i
		next[chunkKey{h.Doc.ID, h.Chunk.Ord + 1}] = i
	}
	for _, h := range rest {
		i, ok := page[pageKey{h.Doc.ID, h.Chunk.PageStart}]
		if !ok {
			i, ok = next[chunkKey{h.Doc.ID, h.Chunk.Ord}]
		}
		if ok && !isKept(kept, h) {
			kept[i].Companions = append(kept[i].Companions, h.Chunk)
		}
	}
	for i := range kept {
		slices.SortFunc(kept[i].Companions, func(a, b store.Chunk) int { return a.Ord - b.Ord })
	}
	return kept
}

// isKept: the hit's chunk is one of the kept hits'.
func isKept(kept []Hit, h Hit) bool {
	for _, k := range kept {
		if k.Doc.ID == h.Doc.ID && k.Chunk.Ord == h.Chunk.Ord {
			return true
		}
	}
	return false
}

// Top returns the first k hits, each with the chunks of the others that
// are its companions, the way a search for k hits gives them: an
// evaluation that searches deeper and answers from the first k quotes
// what the user would see. hits is not changed.
func Top(hits []Hit, k int) []Hit {
	if len(hits) <= k {
		return hits
	}
	kept := slices.Clone(hits[:k])
	for i := range kept {
		kept[i].Companions = slices.Clone(kept[i].Companions)
	}
	return withCompanions(kept, hits[k:])
}
