package search

import (
	"context"
	"fmt"
	"testing"
)

// countingReranker records how many passages it was asked to score.
type countingReranker struct {
	proseReranker
	scored *int
}

func (r countingReranker) Rerank(ctx context.Context, q string, ps []string) ([]float32, error) {
	*r.scored += len(ps)
	return r.proseReranker.Rerank(ctx, q, ps)
}

// The cascade skips the cross-encoder when one candidate alone holds the
// question, and scores at most cascadeDepth candidates otherwise.
func TestCascadeSkipsOrShortens(t *testing.T) {
	docs := map[string][]string{"handbook.pdf": company["handbook.pdf"]}
	var filler []string
	for i := range 40 {
		filler = append(filler, fmt.Sprintf("Note %d: the company canteen opens at eight for employees.", i))
	}
	docs["notes.pdf"] = filler
	f := newFixture(t, docs)
	var n int
	s := f.searcher(Models{Reranker: countingReranker{scored: &n}}, Options{CacheSize: -1, Candidates: 30})

	res, err := s.Search(context.Background(), Query{Text: "Where are the offices in Tallinn?", Mode: ModeCascade, TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 || res.RerankedN != 0 || len(res.Hits) == 0 || res.Hits[0].Chunk.Text != company["handbook.pdf"][2] {
		t.Fatalf("confident first stage: scored %d (RerankedN %d), top %v", n, res.RerankedN, texts(res))
	}
	res, err = s.Search(context.Background(), Query{Text: "company employees", Mode: ModeCascade, TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	if n != cascadeDepth || res.RerankedN != cascadeDepth {
		t.Fatalf("many full matches: scored %d (RerankedN %d), want %d", n, res.RerankedN, cascadeDepth)
	}
	n = 0
	full, err := s.Search(context.Background(), Query{Text: "company employees", Mode: ModeGuaranteed, TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	if n != 30 || full.RerankedN != 30 {
		t.Fatalf("guaranteed mode scored %d, want the pool of 30", n)
	}
	if full.Hits[0].Chunk.ID() != res.Hits[0].Chunk.ID() || full.Hits[1].Chunk.ID() != res.Hits[1].Chunk.ID() {
		t.Errorf("cascade changed the guaranteed places: %v vs %v", texts(res), texts(full))
	}
}
