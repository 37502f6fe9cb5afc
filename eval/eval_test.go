package eval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"quire/library"
)

func TestNDCGAndRecall(t *testing.T) {
	rels := map[string]int{"a": 1, "b": 2}
	tests := []struct {
		ranked     []string
		ndcg, rec2 float64
	}{
		{[]string{"b", "a", "x"}, 1, 1},
		{[]string{"a", "b"}, (1 + 2/math.Log2(3)) / (2 + 1/math.Log2(3)), 1},
		{[]string{"x", "y", "a"}, (1 / 2.0) / (2 + 1/math.Log2(3)), 0},
		{nil, 0, 0},
	}
	for _, tt := range tests {
		if got := NDCG(tt.ranked, rels, 10); math.Abs(got-tt.ndcg) > 1e-12 {
			t.Errorf("NDCG(%v) = %v, want %v", tt.ranked, got, tt.ndcg)
		}
		if got := Recall(tt.ranked, rels, 2); math.Abs(got-tt.rec2) > 1e-12 {
			t.Errorf("Recall@2(%v) = %v, want %v", tt.ranked, got, tt.rec2)
		}
	}
}

// The acceptance bar for lexical retrieval: BM25 on SciFact's test split
// reaches the BEIR paper's 0.665 nDCG@10.
func TestSciFactBM25(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 5,183 abstracts")
	}
	dir, _ := filepath.Abs(filepath.Join("..", "..", "shared", "evaldata", "scifact"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s", dir)
	}
	b, err := LoadBEIR(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Corpus) != 5183 || len(b.Qrels) != 300 {
		t.Fatalf("loaded %d documents, %d judged queries", len(b.Corpus), len(b.Qrels))
	}
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	docs, err := b.Index(context.Background(), lib)
	if err != nil || len(docs) != 5183 {
		t.Fatalf("indexed %d documents: %v", len(docs), err)
	}
	rep, err := RunBEIR(context.Background(), lib, b, docs, "bm25")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SciFact BM25: nDCG@10 %.4f, recall@100 %.4f over %d queries", rep.NDCG10, rep.Recall100, rep.Queries)
	if rep.Queries != 300 || rep.NDCG10 < 0.665 || rep.Recall100 < 0.9 {
		t.Fatalf("SciFact BM25 below the published figures: %+v", rep)
	}
	// Indexing again finds the corpus in place and adds nothing.
	again, err := b.Index(context.Background(), lib)
	if err != nil || len(again) != len(docs) {
		t.Fatalf("re-index: %d documents, %v", len(again), err)
	}
}
