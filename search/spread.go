package search

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
