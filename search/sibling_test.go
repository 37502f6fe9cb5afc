package search

import (
	"testing"

	"quire/store"
)

// A question that names one plan by part of its name puts the other
// plan's chunks last; one that names both, or neither, keeps the order.
func TestSiblingsLast(t *testing.T) {
	standard := store.Document{ID: 1, Name: "Northwind_Standard_Benefits_Details.pdf"}
	plus := store.Document{ID: 2, Name: "Northwind_Health_Plus_Benefits_Details.pdf"}
	options := store.Document{ID: 3, Name: "Benefit_Options.pdf"}
	hits := []Hit{{Doc: plus}, {Doc: standard}, {Doc: options}, {Doc: plus}, {Doc: standard}}
	for q, want := range map[string][]uint64{
		"What is the copay for a specialist under Northwind Standard?":       {1, 3, 1, 2, 2},
		"What is the Northwind Plus deductible?":                             {2, 3, 2, 1, 1},
		"Does Northwind Health Plus cover eye exams?":                        {2, 3, 2, 1, 1},
		"What services does Northwind Health cover?":                         {2, 1, 3, 2, 1},
		"Compare Northwind Standard and Northwind Health Plus deductibles":   {2, 1, 3, 2, 1},
		"Is the standard deductible of Northwind Health Plus lower?":         {2, 3, 2, 1, 1},
		"What are the out-of-network costs for the Northwind standard plan?": {1, 3, 1, 2, 2},
	} {
		got := siblingsLast(q, append([]Hit(nil), hits...))
		for i, h := range got {
			if h.Doc.ID != want[i] {
				t.Errorf("%q: order %v, want %v", q, docIDs(got), want)
				break
			}
		}
	}
}

func docIDs(hits []Hit) []uint64 {
	out := make([]uint64, len(hits))
	for i, h := range hits {
		out[i] = h.Doc.ID
	}
	return out
}
