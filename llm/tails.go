package llm

import (
	"slices"

	"quire/search"
	"quire/store"
)

// A list the chunking cut in two ("2020 Series A …", "2022 Magpie-4 …" in
// one chunk, "2024 Series B …" onwards in the next) was quoted whole only
// when both chunks ranked; in a library of many documents the second one
// often does not, and "List all company history milestones from 2020
// onwards" lost its last three items.

// The same holds for a table: a balance sheet's chunk that ends at
// "Current liabilities" leaves "Accounts payable 302,578 255,028" to the
// next chunk.

// withTails returns res with, for each hit whose last line is cut (a list
// item for a list question, a table's row or heading for a figure), the
// chunk that follows it in its document among its companions, read with
// chunk. The caller's hits are not changed.
func withTails(res search.Result, chunk func(id string) (store.Chunk, error), cut func(line string) bool) search.Result {
	if chunk == nil {
		return res
	}
	hits := slices.Clone(res.Hits)
	for i, h := range hits {
		last := h.Chunk
		for _, c := range h.Companions {
			if c.Ord > last.Ord {
				last = c
			}
		}
		lines, _ := hitLines(h)
		if len(lines) == 0 || !cut(lines[len(lines)-1]) || holds(res.Hits, h.Doc.ID, last.Ord+1) {
			continue
		}
		if c, err := chunk(store.ChunkID(h.Doc.ID, last.Ord+1)); err == nil {
			hits[i].Companions = append(slices.Clone(h.Companions), c)
		}
	}
	res.Hits = hits
	return res
}

// holds reports whether a hit or a companion is chunk ord of document doc.
func holds(hits []search.Hit, doc uint64, ord int) bool {
	for _, h := range hits {
		if h.Doc.ID == doc && h.Chunk.Ord == ord {
			return true
		}
		for _, c := range h.Companions {
			if c.DocID == doc && c.Ord == ord {
				return true
			}
		}
	}
	return false
}
