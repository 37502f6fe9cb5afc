package search

import (
	"context"
	"slices"
	"testing"
)

// The words a question may use as short forms: capitals, or a long word
// no English dictionary holds; never a period's label or a word inside a
// code.
func TestDefinable(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{}, Options{})
	for q, want := range map[string][]string{
		"Who is the CEO's deputy?":                       {"CEO"},
		"What is the copay for a specialist?":            {"copay"},
		"What was R&D spending in FY 2023?":              {"R&D"},
		"What is the net change in FY2018 sales?":        nil,
		"What is the IP54 rating of the Magpie-7 robot?": nil,
		"How many employees does the company have?":      nil,
		"What are 3M's PP&E and SG&A as of Form 10-K?":   {"PP&E", "SG&A"},
		// A name is looked up too; the library defines no short form so.
		"Does the Northwind Standard plan cover therapy?": {"Northwind"},
	} {
		if got := s.definable(q); !slices.Equal(got, want) {
			t.Errorf("definable(%q) = %q, want %q", q, got, want)
		}
	}
}

// A chunk that says the long form a library defines answers the short
// form: it is found, and counts as saying it; the words of the long form
// apart ("Executive Vice President and Chief Financial Officer") do not.
func TestShortFormSearchesTheLongForm(t *testing.T) {
	f := newFixture(t, map[string][]string{
		"glossary.pdf": {"Our Chief Executive Officer (CEO) reports to the board."},
		"people.pdf": {
			"Mark Jones, Executive Vice President and Chief Financial Officer, joined in 2009.",
			"Jane Smith, President and Chief Executive Officer, joined in 2020.",
			"The board meets every quarter.",
		},
	})
	s := f.searcher(Models{}, Options{})
	res, err := s.Search(context.Background(), Query{Text: "Who is the CEO?", Docs: []uint64{f.docs["people.pdf"]}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Chunk.Text != "Jane Smith, President and Chief Executive Officer, joined in 2020." {
		t.Fatalf("hits: %q", texts(res))
	}
	for _, h := range res.Hits {
		if says := h.Terms["ceo"]; says != (h.Chunk.Text == "Jane Smith, President and Chief Executive Officer, joined in 2020.") {
			t.Errorf("%q says CEO: %v", h.Chunk.Text, says)
		}
	}
}
