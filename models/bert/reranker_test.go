package bert

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"quire/models/window"
)

func testRand() *rand.Rand { return rand.New(rand.NewPCG(42, 43)) }

// manyPassages returns n passages of varied lengths.
func manyPassages(n int) []string {
	rng := testRand()
	out := make([]string, n)
	for i := range out {
		out[i] = syntheticText(rng, 5+rng.IntN(60))
	}
	return out
}

func TestRerankOneLogitPerPassage(t *testing.T) {
	r := tinyReranker(t, false, RerankerConfig{})
	ctx := context.Background()
	q := "How many people live in Berlin?"
	p := testPassages()
	a, err := r.Rerank(ctx, q, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(p) {
		t.Fatalf("%d logits for %d passages", len(a), len(p))
	}
	b, _ := r.Rerank(ctx, q, p)
	if !slices.Equal(a, b) {
		t.Errorf("not deterministic: %v vs %v", a, b)
	}
	if slices.Min(a) == slices.Max(a) {
		t.Errorf("all passages scored alike: %v", a)
	}
	if out, err := r.Rerank(ctx, q, nil); err != nil || len(out) != 0 {
		t.Errorf("no passages: %v, %v", out, err)
	}
}

// TestRerankBatchIndependent: a pair's logit does not depend on the batch
// it was padded into (float model).
func TestRerankBatchIndependent(t *testing.T) {
	ctx := context.Background()
	q := "What does the contract say about termination?"
	p := append(testPassages(), manyPassages(20)...)
	one := tinyReranker(t, false, RerankerConfig{BatchSize: 1})
	big := tinyReranker(t, false, RerankerConfig{BatchSize: 64})
	a, err := one.Rerank(ctx, q, p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := big.Rerank(ctx, q, p)
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(a, b); d > 1e-5 {
		t.Errorf("batch of 1 vs 64 differ by %g", d)
	}
}

// TestRerankLongPassage checks that a passage too long for the model
// beside the query gets the best score of its windows: the first is the
// pair as truncation leaves it (3 query tokens, 26 of the passage), the
// last the passage's final 26 tokens.
func TestRerankLongPassage(t *testing.T) {
	ctx := context.Background()
	r := tinyReranker(t, false, RerankerConfig{MaxLen: 32})
	q := "a short query"
	words := strings.Fields(syntheticText(testRand(), 40))
	long := strings.Join(words, " ")
	got, err := r.Rerank(ctx, q, []string{long})
	if err != nil {
		t.Fatal(err)
	}
	spans := window.Windows(40, 26, window.Overlap(26))
	if !slices.Equal(spans, []window.Span{{Start: 0, End: 26}, {Start: 14, End: 40}}) {
		t.Fatalf("windows %v", spans)
	}
	parts := []string{strings.Join(words[:26], " "), strings.Join(words[14:], " ")}
	each, err := r.Rerank(ctx, q, parts)
	if err != nil {
		t.Fatal(err)
	}
	if want := max(each[0], each[1]); math.Abs(float64(got[0]-want)) > 1e-5 {
		t.Errorf("long passage scored %v, its windows %v", got[0], each)
	}
}

// TestRerankInt8 runs the int8 graph (DynamicQuantizeLinear +
// MatMulInteger) on the same weights and checks its ranking agrees with the
// float graph's.
func TestRerankInt8(t *testing.T) {
	ctx := context.Background()
	fp := tinyReranker(t, false, RerankerConfig{})
	q8 := tinyReranker(t, true, RerankerConfig{})
	q := "How many people live in Berlin?"
	p := append(testPassages(), manyPassages(32)...)
	a, err := fp.Rerank(ctx, q, p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := q8.Rerank(ctx, q, p)
	if err != nil {
		t.Fatal(err)
	}
	rho := spearman(a, b)
	t.Logf("int8 vs float32: Spearman %.3f, max |Δ| %.3f", rho, maxAbsDiff(a, b))
	if rho < 0.9 {
		t.Errorf("int8 ranking disagrees with float32: Spearman %.3f", rho)
	}
	c, _ := q8.Rerank(ctx, q, p)
	if !slices.Equal(b, c) {
		t.Error("int8 not deterministic")
	}
}

func spearman(a, b []float32) float64 {
	ra, rb := ranks(a), ranks(b)
	n := float64(len(a))
	var d2 float64
	for i := range ra {
		d := ra[i] - rb[i]
		d2 += d * d
	}
	return 1 - 6*d2/(n*(n*n-1))
}

func ranks(x []float32) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		switch {
		case x[i] < x[j]:
			return -1
		case x[i] > x[j]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for k, i := range idx {
		r[i] = float64(k)
	}
	return r
}

// TestConcurrentUse shares one embedder and one reranker among goroutines;
// every result must equal the sequential one.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	e := tinyEmbedder(t, EmbedderConfig{BatchSize: 4})
	r := tinyReranker(t, false, RerankerConfig{BatchSize: 4})
	texts := append(testPassages(), manyPassages(8)...)
	wantV, err := e.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	wantS, err := r.Rerank(ctx, "berlin population", texts)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if g%2 == 0 {
					v, err := e.Embed(ctx, texts)
					if err != nil {
						errs <- err
						return
					}
					for i := range v {
						if d := maxAbsDiff(v[i], wantV[i]); d > 1e-5 {
							errs <- fmt.Errorf("goroutine %d: vector %d differs by %g", g, i, d)
							return
						}
					}
				} else {
					s, err := r.Rerank(ctx, "berlin population", texts)
					if err != nil {
						errs <- err
						return
					}
					if d := maxAbsDiff(s, wantS); d > 1e-5 {
						errs <- fmt.Errorf("goroutine %d: logits differ by %g", g, d)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
