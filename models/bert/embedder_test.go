package bert

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	ort "github.com/yalue/onnxruntime_go"

	"quire/models/window"
)

func TestGeneratedModelsLoad(t *testing.T) {
	needRuntime(t)
	for _, full := range []bool{false, true} {
		enc, ce, ce8 := models(t, full)
		hidden := int64(32)
		if full {
			hidden = 384
		}
		for _, c := range []struct {
			path, out string
			dims      []int64
		}{{enc, "last_hidden_state", []int64{-1, -1, hidden}}, {ce, "logits", []int64{-1, 1}}, {ce8, "logits", []int64{-1, 1}}} {
			ins, outs, err := ort.GetInputOutputInfo(c.path)
			if err != nil {
				t.Fatalf("%s: %v", c.path, err)
			}
			if len(ins) != 3 || ins[0].Name != "input_ids" || ins[1].Name != "attention_mask" || ins[2].Name != "token_type_ids" {
				t.Errorf("%s inputs: %v", c.path, ins)
			}
			for _, in := range ins {
				if in.DataType != ort.TensorElementDataTypeInt64 || !in.Dimensions.Equals(ort.NewShape(-1, -1)) {
					t.Errorf("%s input %v", c.path, in)
				}
			}
			if len(outs) != 1 || outs[0].Name != c.out || !outs[0].Dimensions.Equals(ort.NewShape(c.dims...)) {
				t.Errorf("%s outputs: %v", c.path, outs)
			}
		}
	}
	// The MiniLM-L6-shaped encoder runs and gives 384-d unit vectors.
	enc, _, _ := models(t, true)
	e, err := NewEmbedder(MiniLMEmbedder(enc, vocabPath(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	v, err := e.Embed(context.Background(), testPassages()[:2])
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 2 || len(v[0]) != 384 || math.Abs(l2(v[0])-1) > 1e-5 {
		t.Errorf("MiniLM-shaped embedding: %d vectors of %d, norm %v", len(v), len(v[0]), l2(v[0]))
	}
}

func l2(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestEmbedShapesAndNorm(t *testing.T) {
	for _, pool := range []Pooling{PoolMean, PoolCLS} {
		e := tinyEmbedder(t, EmbedderConfig{Pooling: pool})
		texts := append(testPassages(), "")
		vecs, err := e.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		if len(vecs) != len(texts) {
			t.Fatalf("%v: %d vectors for %d texts", pool, len(vecs), len(texts))
		}
		for i, v := range vecs {
			if len(v) != 32 {
				t.Errorf("%v: vector %d has %d dims", pool, i, len(v))
			}
			if n := l2(v); math.Abs(n-1) > 1e-5 {
				t.Errorf("%v: vector %d has norm %v", pool, i, n)
			}
		}
		if maxAbsDiff(vecs[0], vecs[1]) < 1e-3 {
			t.Errorf("%v: different texts gave the same vector", pool)
		}
	}
	// Mean and CLS pooling read different things.
	m := tinyEmbedder(t, EmbedderConfig{Pooling: PoolMean})
	c := tinyEmbedder(t, EmbedderConfig{Pooling: PoolCLS})
	vm, _ := m.Embed(context.Background(), testPassages()[:1])
	vc, _ := c.Embed(context.Background(), testPassages()[:1])
	if maxAbsDiff(vm[0], vc[0]) < 1e-3 {
		t.Error("mean and CLS pooling agree")
	}
	if out, _ := m.Embed(context.Background(), nil); len(out) != 0 {
		t.Errorf("no texts gave %d vectors", len(out))
	}
}

func TestEmbedDeterministic(t *testing.T) {
	e := tinyEmbedder(t, EmbedderConfig{})
	p := testPassages()
	a, err := e.Embed(context.Background(), []string{p[0], p[3], p[0]})
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Embed(context.Background(), []string{p[0]})
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(a[0], a[2]); d != 0 {
		t.Errorf("identical texts in one batch differ by %g", d)
	}
	if d := maxAbsDiff(a[0], b[0]); d > 1e-6 {
		t.Errorf("identical texts across calls differ by %g", d)
	}
}

// TestEmbedBatchVsSingle proves the attention mask works: padding a text
// to a longer batch-mate's length must not change its vector.
func TestEmbedBatchVsSingle(t *testing.T) {
	for _, pool := range []Pooling{PoolMean, PoolCLS} {
		e := tinyEmbedder(t, EmbedderConfig{Pooling: pool, BatchSize: 64})
		texts := testPassages()
		batch, err := e.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range texts {
			one, err := e.Embed(context.Background(), []string{s})
			if err != nil {
				t.Fatal(err)
			}
			if d := maxAbsDiff(batch[i], one[0]); d > 1e-5 {
				t.Errorf("%v: text %d alone vs in a padded batch differs by %g", pool, i, d)
			}
		}
	}
}

func TestEmbedQueryPrefix(t *testing.T) {
	ctx := context.Background()
	plain := tinyEmbedder(t, EmbedderConfig{})
	e5 := tinyEmbedder(t, E5SmallEmbedder("", ""))
	q := "how many people live in berlin"
	want, _ := plain.Embed(ctx, []string{"query: " + q})
	got, err := e5.EmbedQuery(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(got, want[0]); d > 1e-6 {
		t.Errorf("EmbedQuery is not the embedding of %q (diff %g)", "query: "+q, d)
	}
	wantP, _ := plain.Embed(ctx, []string{"passage: " + q})
	gotP, _ := e5.Embed(ctx, []string{q})
	if d := maxAbsDiff(gotP[0], wantP[0]); d > 1e-6 {
		t.Errorf("Embed did not prefix the passage (diff %g)", d)
	}
	qs, _ := plain.EmbedQueries(ctx, []string{q})
	if d := maxAbsDiff(qs[0], want[0]); d < 1e-4 {
		t.Error("prefix made no difference")
	}
	if got := BGESmallEmbedder("", "").QueryPrefix; got != "Represent this sentence for searching relevant passages: " {
		t.Errorf("bge query prefix %q", got)
	}
}

// TestEmbedLongText checks that a text longer than MaxLen is embedded
// whole: its vector is the token-weighted mean of its windows' vectors
// (here three full windows of 14 single-token words, overlapping), so
// words past the first window count.
func TestEmbedLongText(t *testing.T) {
	ctx := context.Background()
	e := tinyEmbedder(t, EmbedderConfig{MaxLen: 16})
	words := strings.Fields(syntheticText(testRand(), 30))
	long := strings.Join(words, " ")
	got, err := e.Embed(ctx, []string{long, long + " and many more words after the limit"})
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(got[0], got[1]); d < 1e-4 {
		t.Errorf("words past the first window changed the vector by only %g", d)
	}
	spans := window.Windows(30, 14, window.Overlap(14))
	if len(spans) != 3 {
		t.Fatalf("windows %v", spans)
	}
	var parts []string
	for _, w := range spans {
		parts = append(parts, strings.Join(words[w.Start:w.End], " "))
	}
	vs, err := e.Embed(ctx, parts)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float32, len(vs[0]))
	for _, v := range vs {
		for j, x := range v {
			want[j] += x / 3 // equal windows: equal weights
		}
	}
	if d := maxAbsDiff(got[0], normalize(want)); d > 1e-5 {
		t.Errorf("long text's vector differs from its windows' mean by %g", d)
	}
}

func TestEmbedClosed(t *testing.T) {
	e := tinyEmbedder(t, EmbedderConfig{})
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := e.Embed(context.Background(), []string{"x"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Embed after Close: %v, want ErrClosed", err)
	}
}

func TestEmbedCancelled(t *testing.T) {
	e := tinyEmbedder(t, EmbedderConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Embed(ctx, []string{"x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Embed: %v", err)
	}
}

// TestEmbedInt8 runs the int8 encoder (DynamicQuantizeLinear +
// MatMulInteger on the same weights): its vectors are the float graph's
// within cosine 0.99, each text's nearest other text is the same, and a
// padded batch changes a vector only by the batch-wide input scale.
func TestEmbedInt8(t *testing.T) {
	ctx := context.Background()
	texts := append(testPassages(), manyPassages(32)...)
	fp, err := tinyEmbedder(t, EmbedderConfig{BatchSize: 16}).Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	q8 := tinyEmbedder(t, EmbedderConfig{BatchSize: 16, ModelPath: encoderInt8(t, false)})
	vq, err := q8.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	low, same := 1.0, 0
	for i := range fp {
		low = min(low, cosine(fp[i], vq[i]))
		if nearestText(fp, i) == nearestText(vq, i) {
			same++
		}
	}
	t.Logf("int8 vs float32: cosine min %.5f; nearest text the same for %d of %d", low, same, len(fp))
	if low < 0.99 || same < len(fp)*9/10 {
		t.Errorf("int8 vectors stray from float32: cosine min %.5f, nearest text the same for %d of %d", low, same, len(fp))
	}
	for i, s := range texts[:8] {
		one, err := q8.Embed(ctx, []string{s})
		if err != nil {
			t.Fatal(err)
		}
		if c := cosine(one[0], vq[i]); c < 0.998 {
			t.Errorf("int8: text %d alone vs in a padded batch: cosine %.5f", i, c)
		}
	}
	again, _ := q8.Embed(ctx, texts)
	for i := range again {
		if !slices.Equal(again[i], vq[i]) {
			t.Fatal("int8 not deterministic")
		}
	}
}

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s // both L2-normalised
}

// nearestText is the index of the vector closest to vs[i], other than i.
func nearestText(vs [][]float32, i int) int {
	best, at := -2.0, -1
	for j := range vs {
		if c := cosine(vs[i], vs[j]); j != i && c > best {
			best, at = c, j
		}
	}
	return at
}
