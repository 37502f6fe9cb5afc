package search

import (
	"context"
	"slices"
	"testing"
)

// In a library of annual reports, every lease note says "future",
// "minimum", "rental" and "payments"; the page asked about is the one
// that says them as the question does.
func TestReorderPrefersThePhrase(t *testing.T) {
	f := newFixture(t, map[string][]string{
		"BOEING_2018_10K.pdf": {
			"Interest capitalized during the years ended December 31, 2018, 2017 and 2016 totaled $81, $89 and $75. " +
				"Payments under minimum purchase commitments for future years are shown below; how much " +
				"of them is due depends on deliveries in 2018. Rental expense was $294 million.",
			"Revenue grew in every segment.",
			"Research and development spending rose.",
		},
		"GS_2016.pdf": {
			"The firm has contractual obligations under long-term noncancelable lease agreements. " +
				"The table below presents future minimum rental payments, net of minimum sublease rentals. " +
				"$ in millions As of December 2016: 2017 $ 290, 2018 282, 2019 238, 2020 206, 2021 159, " +
				"2022 - thereafter 766, Total $1,941.",
			"Rent charged to operating expense was $244 million for 2016.",
			"Operating leases include office space held in excess of current requirements.",
		},
	})
	s := f.searcher(Models{}, Options{})
	question := "what percentage of future minimum rental payments are due in 2018?"
	terms, err := s.queryTerms(question)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.firstStage(context.Background(), Query{Text: question, Mode: ModeBM25}, 30, &Timing{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) < 2 || first[0].ref.doc != f.docs["BOEING_2018_10K.pdf"] {
		t.Fatalf("BM25 alone should rank the scattered words first: %+v", first)
	}
	hits, err := s.load(first)
	if err != nil {
		t.Fatal(err)
	}
	// Past the first n candidates nothing moves.
	if kept := s.reorder(question, terms, nil, slices.Clone(hits), bm25Weights, 1); kept[0].Doc.Name != "BOEING_2018_10K.pdf" {
		t.Errorf("n = 1 reordered the pool: %s first", kept[0].Doc.Name)
	}
	got := s.reorder(question, terms, nil, hits, bm25Weights, 30)
	if got[0].Doc.Name != "GS_2016.pdf" || got[0].Chunk.Ord != 0 {
		t.Errorf("first after reordering: %s chunk %d, want GS_2016.pdf's lease table", got[0].Doc.Name, got[0].Chunk.Ord)
	}
	res, err := s.Search(context.Background(), Query{Text: question})
	if err != nil {
		t.Fatal(err)
	}
	if res.Hits[0].Doc.Name != "GS_2016.pdf" {
		t.Errorf("Search's first hit: %s, want GS_2016.pdf", res.Hits[0].Doc.Name)
	}
}

func TestPhraseShare(t *testing.T) {
	idf := map[string]float64{"futur": 2, "minimum": 3, "rental": 4, "payment": 1}
	qs := question{idf: idf}
	qs.pair([]string{"futur", "minimum", "rental", "payment"})
	for _, c := range []struct {
		text []string
		want float64
	}{
		{[]string{"tabl", "futur", "minimum", "rental", "payment", "net"}, 1},
		{[]string{"payment", "rental", "minimum", "futur"}, 0},                  // the words, not the phrase
		{[]string{"futur", "minimum", "purchas", "rental", "payment"}, 3.0 / 6}, // pairs weigh as their rarer term: 2 + 3 + 1
	} {
		if got := qs.phraseShare(c.text); got != c.want {
			t.Errorf("phraseShare(%v) = %v, want %v", c.text, got, c.want)
		}
	}
	one := question{idf: idf}
	one.pair([]string{"rental"})
	if got := one.phraseShare([]string{"rental"}); got != 0 {
		t.Errorf("one-word question: %v, want 0", got)
	}
}
