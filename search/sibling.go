package search

import "slices"

// A question may name one of two documents whose names begin alike by
// part of its name: "What is the copay for a specialist under Northwind
// Standard?" of a library holding Northwind_Standard_Benefits_Details.pdf
// and Northwind_Health_Plus_Benefits_Details.pdf. Scoping cannot narrow
// to the named one (only the whole of a name does, see scope.go): the
// question's words stand in other documents that answer it too
// (Benefit_Options.pdf). But the sibling's chunks, which say "copay" more
// often, filled three of the five hits with the other plan's copays and
// left out the page that states the asked one. A sibling the question
// does not name goes after the pool's other candidates: kept for a
// question nothing else answers, no longer ahead of the named plan's
// pages.

// siblingsLast moves the hits of documents that are siblings of a
// document the question names, and that the question does not name
// itself, after the other hits; each part keeps its order.
func siblingsLast(question string, hits []Hit) []Hit {
	q := nameWords(question)
	words := map[uint64][]string{}
	for _, h := range hits {
		if _, ok := words[h.Doc.ID]; !ok {
			words[h.Doc.ID], _ = docWords(h.Doc.Name)
		}
	}
	last := map[uint64]bool{}
	for named, nw := range words {
		for other, ow := range words {
			if other != named && siblings(nw, ow) && saysName(q, nw, ow) && !saysName(q, ow, nw) {
				last[other] = true
			}
		}
	}
	if len(last) == 0 {
		return hits
	}
	out := make([]Hit, 0, len(hits))
	var after []Hit
	for _, h := range hits {
		if last[h.Doc.ID] {
			after = append(after, h)
		} else {
			out = append(out, h)
		}
	}
	return append(out, after...)
}

// siblings reports whether two documents' names begin with the same word
// and differ after it.
func siblings(a, b []string) bool {
	return len(a) >= 2 && len(b) >= 2 && a[0] == b[0] && !slices.Equal(a, b)
}

// saysName reports whether the question's words q say the name's first
// word followed by more of its words in order, one of them at most left
// out ("Northwind Plus" of Northwind Health Plus), up to the last word
// that tells the name from its sibling's ("standard", "plus"): the words
// they share ("Northwind Health", the insurer) name neither.
func saysName(q, name, sibling []string) bool {
	key := ""
	for _, w := range name {
		if !slices.Contains(sibling, w) {
			key = w
		}
	}
	if key == "" {
		return false
	}
	for i, w := range q {
		if w != name[0] {
			continue
		}
		k, skipped := i+1, false
		for _, n := range name[1:] {
			if k == len(q) {
				break
			}
			if q[k] == n {
				if n == key {
					return true
				}
				k++
				continue
			}
			if skipped {
				break
			}
			skipped = true
		}
	}
	return false
}
