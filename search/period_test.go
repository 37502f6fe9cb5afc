package search

import (
	"context"
	"maps"
	"slices"
	"testing"
)

// A period's adjective is read as its noun, unless the question says the
// noun too.
func TestPeriods(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{}, Options{})
	for q, want := range map[string]map[string][]string{
		"What is the annual deductible?":             {"annual": {"year"}},
		"What is the yearly limit?":                  {"yearli": {"year"}},
		"What was the average quarterly low price?":  {"quarterli": {"quarter"}},
		"What is the annual deductible per year?":    nil,
		"What is the deductible for Northwind Plus?": nil,
	} {
		got, nouns := s.periods(q)
		if !maps.EqualFunc(got, want, slices.Equal) || len(nouns) != len(want) {
			t.Errorf("periods(%q) = %q, %q; want %q", q, got, nouns, want)
		}
	}
}

// "the annual deductible" of a plan that writes "calendar year
// deductible" and "$2,000 per year": the chunk with the amount is found
// first, and counts as saying "annual"; "yearly", which no chunk says,
// is weighed and judged as "year".
func TestAnnualIsYear(t *testing.T) {
	f := newFixture(t, map[string][]string{
		"plan.pdf": {
			"You must meet your annual deductible before the plan pays for covered services.",
			"Ask your provider whether a service counts toward the annual deductible.",
			"The calendar year deductible is $1,500 for individuals and $3,000 for families.",
			"The plan covers routine eye exams once per year.",
			"Members receive an annual statement of benefits.",
			"An annual physical exam is covered in full.",
			"The annual enrollment period opens in November.",
			"Annual wellness visits need no referral.",
		},
	})
	s := f.searcher(Models{}, Options{})
	res, err := s.Search(context.Background(), Query{Text: "What is the annual deductible?"})
	if err != nil {
		t.Fatal(err)
	}
	want := "The calendar year deductible is $1,500 for individuals and $3,000 for families."
	if len(res.Hits) == 0 || res.Hits[0].Chunk.Text != want || !res.Hits[0].Terms["annual"] {
		t.Fatalf("want the amount's chunk first, saying annual; hits: %q", texts(res))
	}
	res, err = s.Search(context.Background(), Query{Text: "What is the yearly deductible?"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Terms, func(t Term) bool { return t.Text == "yearli" })
	if i < 0 || res.Terms[i].DF == 0 || len(res.Hits) == 0 || res.Hits[0].Coverage < 1 {
		t.Errorf("want yearly weighed as year and the best hit covering it; terms %v, hits %q", res.Terms, texts(res))
	}
}
