package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestRowLabelOf(t *testing.T) {
	for _, c := range []struct {
		line, label string
		ok          bool
	}{
		{"Packaging 2,230 2,072", "packaging", true},
		{"All Other Fees (4) 4,500 3,600", "all other fees", true},
		{"Ingredients $ 1,942 $ 1,580", "ingredients", true},
		{"Total inventories, net $ 6,392 $ 5,817", "total inventories, net", true},
		{"2018 $ 317", "", false}, // a year's row has no label
		{"All Other Fees $ -- $ --", "", false},
		{"Packaging costs rose 4% in 2019 as resin prices climbed.", "", false},
	} {
		label, ok := rowLabelOf(c.line)
		if ok != c.ok || label != c.label {
			t.Errorf("%q: %q %v, want %q %v", c.line, label, ok, c.label, c.ok)
		}
	}
}

// The chunk with the row the question names comes first, ahead of prose
// that says the word more often; a row that names only part of what is
// asked moves nothing.
func TestRowTheQuestionNamesFirst(t *testing.T) {
	f := newFixture(t, nil)
	prose := "Packaging costs rose in 2019. Our packaging suppliers raised packaging prices, and packaging design changed; packaging materials, packaging lines and packaging waste are reviewed each year."
	table := "Inventories consisted of the following:\nDecember 31, 2019 2018\nIngredients $ 1,942 $ 1,580\nPackaging 2,230 2,072\nFinished goods 2,220 2,165\nTotal inventories, net $ 6,392 $ 5,817"
	f.add(t, "LIFEWAY_2019.pdf", prose, table)
	s := f.searcher(Models{}, Options{})
	ctx := context.Background()

	r, err := s.Search(ctx, Query{Text: "What is the value of packaging in 2019?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) < 2 || r.Hits[0].Chunk.Text != table {
		t.Errorf("first hit %q, want the inventories table", r.Hits[0].Chunk.Text)
	}
	r, err = s.Search(ctx, Query{Text: "What drove packaging design and supplier prices in 2019?"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Hits[0].Chunk.Text != prose {
		t.Errorf("first hit %q, want the prose on packaging design", r.Hits[0].Chunk.Text)
	}
}

// A block headed by the year asked, whose columns the question names,
// comes first.
func TestColumnTheQuestionNamesFirst(t *testing.T) {
	f := newFixture(t, nil)
	prose := "Our low prices drew shoppers in 2018: the average price of a quarterly basket was low, and low prices stayed low through the quarter."
	table := "Common Stock Price Range\n2018\nLow High\nFirst Quarter $ 5.99 $ 8.40\nSecond Quarter $ 4.79 $ 6.48\n2019\nLow High\nFirst Quarter $ 1.98 $ 2.75"
	f.add(t, "LIFEWAY_2019.pdf", prose, table)
	s := f.searcher(Models{}, Options{})
	r, err := s.Search(context.Background(), Query{Text: "What is the average quarterly low price in 2018?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) < 2 || r.Hits[0].Chunk.Text != table {
		t.Errorf("first hit %q, want the price table", r.Hits[0].Chunk.Text)
	}
}

// In a large library the row can fall out of the candidates behind
// prose that says its label's words more often; it is sought among the
// chunks that say every one of them and a year asked, and comes first,
// marked as the row's hit.
func TestRowBeyondTheCandidatesFirst(t *testing.T) {
	f := newFixture(t, nil)
	var prose []string
	for i := range 8 {
		prose = append(prose, fmt.Sprintf("Fund %d: the value of the investment vehicles was $%d million and $%d million in 2019 and 2018, respectively; vehicles of this kind hold value.", i, 40+i, 90+i))
	}
	f.add(t, "BESTBUY_2019_10K.pdf", prose...)
	table := "Property, plant and equipment consisted of the following:\nDecember 31,\n2019 2018\nLand $ 1,565 $ 1,747\nVehicles 778 937\nOffice equipment 851 838"
	f.add(t, "lifeway-foods-inc_2019.pdf", table)
	s := f.searcher(Models{}, Options{Candidates: 5, TopK: 5})
	r, err := s.Search(context.Background(), Query{Text: "What is the value of vehicles in 2018 and 2019 respectively?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) == 0 || r.Hits[0].Chunk.Text != table || !r.Hits[0].Row {
		t.Fatalf("hits %q, want the property table first, marked Row", texts(r))
	}
	if slices.ContainsFunc(r.Hits[1:], func(h Hit) bool { return h.Row }) {
		t.Errorf("more than one hit marked Row")
	}
}
