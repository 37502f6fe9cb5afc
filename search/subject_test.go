package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestSubjectWordKeepsTheSearchToItsDocuments(t *testing.T) {
	f := newFixture(t, nil)
	handbook := []string{
		"Acme covers Acme members of the Acme plan.",
		"Hearing aids are covered by the Acme plan every three years.",
		"Acme members pay a copay at each visit.",
		"The Acme plan renews in January.",
		"Dental care is outside the plan."}
	for i := range 20 { // a booklet says its name throughout
		handbook = append(handbook, fmt.Sprintf("Section %d of the Acme plan lists more benefits.", i+6))
	}
	acme := f.add(t, "handbook.pdf", handbook...)
	// A drug that one short study says in most of its chunks is a topic
	// the question shares with it, not the study's name.
	f.add(t, "study.pdf", "Warfarin dosing in stroke.", "Warfarin and bleeding.", "Warfarin against aspirin.",
		"Warfarin in the elderly.", "Warfarin adherence.", "Methods.")
	var survey []string // hearing aids in a third of its chunks
	for i := range 30 {
		survey = append(survey, []string{"Hearing aids cost more each year.", "Prices rose in every store.", "Buyers compare brands."}[i%3])
	}
	f.add(t, "survey.pdf", survey...)
	f.add(t, "memo.pdf", "Zebra", "Zebra", "Zebra") // every chunk, but too short a file
	s := f.searcher(Models{}, Options{})
	ctx := context.Background()
	for _, c := range []struct {
		q    string
		want []uint64
	}{
		{"Does Acme cover hearing aids?", []uint64{acme}},
		{"Which brand of hearing aids costs less?", nil}, // not said throughout a file
		{"Who is the Zebra?", nil},
		{"Is warfarin safer than aspirin after a stroke?", nil},
	} {
		r, err := s.Search(ctx, Query{Text: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Scope, c.want) {
			t.Errorf("%q: scope %v, want %v", c.q, r.Scope, c.want)
		}
	}
	r, err := s.Search(ctx, Query{Text: "Does Acme cover hearing aids?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) == 0 || r.Hits[0].Chunk.Ord != 1 {
		t.Errorf("first hit %q, want the hearing aids chunk", texts(r))
	}
	for _, term := range r.Terms {
		if term.Text == "acm" && term.DF != 24 {
			t.Errorf("Acme weighed in %d chunks, want the handbook's 24", term.DF)
		}
	}
}

// In a library of one handbook every word it says throughout is its
// subject: the search is the library's own, not kept to a document.
func TestSubjectOfEveryDocumentScopesNothing(t *testing.T) {
	f := newFixture(t, nil)
	f.add(t, "handbook.pdf", company["handbook.pdf"]...)
	s := f.searcher(Models{}, Options{})
	r, err := s.Search(context.Background(), Query{Text: "How many employees does the company have?"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Scope != nil {
		t.Errorf("scope %v, want none: the subject is every document's", r.Scope)
	}
}
