package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"quire/store"
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

// A document's chunks need not stand together in the index: pages read
// by OCR after other files were added come later, and the index merges
// its segments in the background, in an order that varies from run to
// run. Whether "Acme" is the subject of its booklet must not depend on
// that: 25 of its 34 chunks say it, whichever order they were indexed
// in. Judged run by run, the booklet's first pages alone were too few of
// its chunks, and the word was the subject of nothing.
func TestSubjectDoesNotDependOnIndexOrder(t *testing.T) {
	first := []string{"Acme plan overview.", "Acme members.", "Acme copays.", "Acme renewals.", "Acme dental.",
		"Index.", "Contents.", "Glossary.", "Notes.", "Forms."}
	var later []store.Chunk
	for i := range 24 {
		text := fmt.Sprintf("Appendix %d.", i)
		if i%6 != 5 {
			text = fmt.Sprintf("Acme plan benefit %d: eye exams every %d years.", i, i+2)
		}
		later = append(later, store.Chunk{PageStart: 11 + i, PageEnd: 11 + i, Text: text})
	}
	others := [][]string{
		{"Weather report from the Acme station.", "Rain tomorrow.", "Sun on Sunday.", "Wind from the west."},
		{"Train times.", "The Acme line runs hourly.", "Buses at night.", "Tickets online."},
	}
	ctx := context.Background()
	for trial := range 3 {
		for _, order := range []string{"together", "OCR later"} {
			f := newFixture(t, nil)
			var acme uint64
			if order == "together" {
				texts := slices.Clone(first)
				for _, c := range later {
					texts = append(texts, c.Text)
				}
				acme = f.add(t, "booklet.pdf", texts...)
				f.add(t, "weather.pdf", others[0]...)
				f.add(t, "trains.pdf", others[1]...)
			} else {
				// Booklet, weather, 12 OCR'd pages, trains, 12 more.
				acme = f.add(t, "booklet.pdf", first...)
				for i, o := range others {
					f.add(t, fmt.Sprintf("other-%d.pdf", i), o...)
					batch := slices.Clone(later[12*i : 12*i+12])
					if _, err := f.st.AddOCR(acme, store.OCRBatch{Chunks: batch}); err != nil {
						t.Fatal(err)
					}
				}
			}
			r, err := f.searcher(Models{}, Options{}).Search(ctx, Query{Text: "Does Acme pay for glasses?"})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.Scope, []uint64{acme}) || !slices.Equal(r.About, []string{"Acme"}) {
				t.Errorf("trial %d, %s: scope %v about %q, want the booklet (%d), about Acme", trial, order, r.Scope, r.About, acme)
			}
		}
	}
}

// Only a name is a subject: in a library of a plan booklet and a memo,
// "cover" stands in most of the booklet's chunks and in none of the
// memo's, yet a question that says it is not about the booklet. And the
// note of a scoped search names the word that names the documents
// ("Acme"), not others that are subjects of some of them ("Gold").
func TestSubjectIsAName(t *testing.T) {
	f := newFixture(t, nil)
	var gold, silver []string
	for i := range 20 {
		gold = append(gold, fmt.Sprintf("The Acme Gold plan does cover service %d.", i))
		silver = append(silver, fmt.Sprintf("The Acme Silver plan does cover benefit %d.", i))
	}
	g := f.add(t, "plan-1.pdf", gold...)
	sv := f.add(t, "plan-2.pdf", silver...)
	f.add(t, "memo.pdf", "Remote work is allowed on Fridays.", "The office closes at six.", "Lunch is at noon.", "Parking is free.")
	s := f.searcher(Models{}, Options{})
	ctx := context.Background()
	for _, c := range []struct {
		q     string
		scope []uint64
		about []string
	}{
		{"Do we cover remote work on Fridays?", nil, nil},
		{"Does Acme Gold cover service 3?", []uint64{g, sv}, []string{"Acme"}},
		{"does acme cover service 3?", []uint64{g, sv}, []string{"acme"}},
	} {
		r, err := s.Search(ctx, Query{Text: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Scope, c.scope) || !slices.Equal(r.About, c.about) {
			t.Errorf("%q: scope %v about %q, want %v about %q", c.q, r.Scope, r.About, c.scope, c.about)
		}
	}
}
