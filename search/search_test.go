package search

import (
	"context"
	"hash/fnv"
	"math"
	"strings"
	"testing"

	"quire/store"
)

// wordEmbedder hashes words into a normalised bag-of-words vector: a
// deterministic stand-in for a sentence model, enough to exercise the
// dense path, fusion and the index's bookkeeping.
type wordEmbedder struct{ dim int }

func (e wordEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		v := make([]float32, e.dim)
		for _, w := range strings.Fields(strings.ToLower(t)) {
			h := fnv.New32a()
			h.Write([]byte(strings.Trim(w, ".,?:|")))
			v[h.Sum32()%uint32(e.dim)]++
		}
		var n float64
		for _, x := range v {
			n += float64(x * x)
		}
		for j := range v {
			if n > 0 {
				v[j] /= float32(math.Sqrt(n))
			}
		}
		out[i] = v
	}
	return out, nil
}

// proseReranker prefers sentences over table rows, as cross-encoders
// trained on web passages tend to: it scores by word overlap, minus a
// penalty for '|' and digits.
type proseReranker struct{}

func (proseReranker) Rerank(_ context.Context, q string, ps []string) ([]float32, error) {
	qw := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(q)) {
		qw[strings.Trim(w, "?.,")] = true
	}
	out := make([]float32, len(ps))
	for i, p := range ps {
		for _, w := range strings.Fields(strings.ToLower(p)) {
			if qw[strings.Trim(w, ".,:|")] {
				out[i]++
			}
		}
		out[i] -= 3 * float32(strings.Count(p, "|")+strings.Count(p, "287"))
	}
	return out, nil
}

type fixture struct {
	st   *store.Store
	emb  wordEmbedder
	docs map[string]uint64
}

func newFixture(t *testing.T, docs map[string][]string) *fixture {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, emb: wordEmbedder{dim: 64}, docs: map[string]uint64{}}
	for name, texts := range docs {
		f.add(t, name, texts...)
	}
	return f
}

func (f *fixture) add(t *testing.T, name string, texts ...string) uint64 {
	t.Helper()
	chunks := make([]store.Chunk, len(texts))
	for i, text := range texts {
		chunks[i] = store.Chunk{PageStart: i + 1, PageEnd: i + 1, Text: text}
	}
	vecs, _ := f.emb.Embed(context.Background(), texts)
	d, err := f.st.AddDocument(store.Document{Name: name, Hash: name, Status: store.StatusIndexed, Embedder: "words"}, chunks)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetVectors(d.ID, "words", vecs); err != nil {
		t.Fatal(err)
	}
	f.docs[name] = d.ID
	return d.ID
}

func (f *fixture) searcher(m Models, o Options) *Searcher {
	if m.Embedder != nil && m.EmbedderName == "" {
		m.EmbedderName = "words"
	}
	return New(f.st, m, o)
}

func texts(r Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.Chunk.Text
	}
	return out
}

var company = map[string][]string{
	"handbook.pdf": {
		"CEO: Iris Kallas | Employees: 287 | Founded: 2017",
		"Our people are the heart of the company and we hire many employees every year.",
		"The company has offices in Tallinn and Kraków.",
		"Employees receive a handbook on their first day at the company.",
		"Every employee of the company gets training.",
		"Company employees may work from home two days a week.",
	},
}

func TestModesNeedTheirModels(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{}, Options{})
	if s.Mode() != ModeBM25 {
		t.Fatalf("default mode without models: %s", s.Mode())
	}
	for _, m := range []Mode{ModeDense, ModeHybrid, ModeRerank, ModeGuaranteed, "magic"} {
		if _, err := s.Search(context.Background(), Query{Text: "employees", Mode: m}); err == nil {
			t.Errorf("mode %s ran without its model", m)
		}
	}
	if got := f.searcher(Models{Embedder: f.emb, Reranker: proseReranker{}}, Options{}).Mode(); got != ModeGuaranteed {
		t.Errorf("default mode with both models: %s", got)
	}
}

func TestHybridFusesBothLists(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{Embedder: f.emb}, Options{CacheSize: -1})
	res, err := s.Search(context.Background(), Query{Text: "how many employees does the company have", Mode: ModeHybrid})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 5 {
		t.Fatalf("hits: %v", texts(res))
	}
	both := 0
	for i, h := range res.Hits {
		if h.BM25Rank > 0 && h.DenseRank > 0 {
			both++
		}
		if i > 0 && h.Score > res.Hits[i-1].Score {
			t.Fatalf("not sorted by fused score: %+v", res.Hits)
		}
		// RRF: the fused score is exactly Σ 1/(60+rank).
		want := 0.0
		if h.BM25Rank > 0 {
			want += 1 / (60 + float64(h.BM25Rank))
		}
		if h.DenseRank > 0 {
			want += 1 / (60 + float64(h.DenseRank))
		}
		if math.Abs(h.Score-want) > 1e-12 {
			t.Fatalf("hit %d: score %v, want RRF %v", i, h.Score, want)
		}
	}
	if both == 0 {
		t.Fatal("no hit found by both retrievers")
	}
	dense, err := s.Search(context.Background(), Query{Text: "how many employees does the company have", Mode: ModeDense})
	if err != nil || len(dense.Hits) == 0 || dense.Hits[0].BM25Rank != 0 || dense.Hits[0].DenseRank != 1 {
		t.Fatalf("dense mode: %+v %v", dense.Hits, err)
	}
}

// The known failure: a cross-encoder buries the table row that answers.
// Guaranteed slots keep the first stage's best in place.
func TestGuaranteedSlotsKeepTheTableRow(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{Reranker: proseReranker{}}, Options{CacheSize: -1})
	q := "Who is the CEO of the company"
	first, _ := s.Search(context.Background(), Query{Text: q, Mode: ModeBM25})
	if !strings.HasPrefix(first.Hits[0].Chunk.Text, "CEO: Iris Kallas") {
		t.Fatalf("setup: BM25 top is %q", first.Hits[0].Chunk.Text)
	}
	plain, err := s.Search(context.Background(), Query{Text: q, Mode: ModeRerank, TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	guaranteed, err := s.Search(context.Background(), Query{Text: q, Mode: ModeGuaranteed, TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(plain.Hits[0].Chunk.Text, "CEO:") {
		t.Fatalf("setup: the reranker did not bury the row: %v", texts(plain))
	}
	if !strings.HasPrefix(guaranteed.Hits[0].Chunk.Text, "CEO: Iris Kallas") || !guaranteed.Hits[0].Reranked {
		t.Fatalf("guaranteed slots lost the first-stage top: %v", texts(guaranteed))
	}
	// The last slot is the reranker's choice among the rest.
	if guaranteed.Hits[2].Score != guaranteed.Hits[2].Logit {
		t.Fatalf("last slot not filled by the reranker: %+v", guaranteed.Hits[2])
	}
}

func TestAbstainLogit(t *testing.T) {
	f := newFixture(t, company)
	th := 2.0
	s := f.searcher(Models{Reranker: proseReranker{}, AbstainLogit: &th}, Options{CacheSize: -1})
	weak, _ := s.Search(context.Background(), Query{Text: "Tallinn weather"})
	strong, _ := s.Search(context.Background(), Query{Text: "company employees work from home"})
	if !weak.Weak || strong.Weak {
		t.Fatalf("weak flags: %v %v", weak.Weak, strong.Weak)
	}
}

func TestCacheAndDenseIndexFollowTheStore(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{Embedder: f.emb}, Options{})
	q := Query{Text: "zebra migration", Mode: ModeHybrid}
	r1, _ := s.Search(context.Background(), q)
	r2, _ := s.Search(context.Background(), q)
	if r1.Cached || !r2.Cached {
		t.Fatalf("cache: first %v second %v", r1.Cached, r2.Cached)
	}
	id := f.add(t, "zebras.pdf", "The zebra migration crosses the river in July.")
	r3, err := s.Search(context.Background(), q)
	if err != nil || r3.Cached || len(r3.Hits) == 0 || r3.Hits[0].Doc.ID != id || r3.Hits[0].DenseRank != 1 {
		t.Fatalf("after ingest: cached %v hits %+v %v", r3.Cached, r3.Hits, err)
	}
	if err := f.st.RemoveDocument(id); err != nil {
		t.Fatal(err)
	}
	r4, _ := s.Search(context.Background(), Query{Text: "zebra migration river July", Mode: ModeDense})
	for _, h := range r4.Hits {
		if h.Doc.ID == id {
			t.Fatal("removed document still in the dense index")
		}
	}
	if n := s.dense.size(); n != len(company["handbook.pdf"]) {
		t.Fatalf("dense index holds %d vectors after the removal, want %d", n, len(company["handbook.pdf"]))
	}
}

func TestDocsFilter(t *testing.T) {
	f := newFixture(t, company)
	other := f.add(t, "other.pdf", "Employees of the other company.")
	s := f.searcher(Models{Embedder: f.emb}, Options{})
	for _, m := range []Mode{ModeBM25, ModeDense, ModeHybrid} {
		res, err := s.Search(context.Background(), Query{Text: "company employees", Mode: m, Docs: []uint64{other}})
		if err != nil || len(res.Hits) != 1 || res.Hits[0].Doc.ID != other {
			t.Errorf("%s filtered to one document: %+v %v", m, res.Hits, err)
		}
	}
}

// The dense scan runs on the stored int8 rows; its ranking and scores
// match exact float32 cosine over the embedder's own vectors.
func TestDenseMatchesFloat(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{Embedder: f.emb}, Options{CacheSize: -1})
	for _, q := range []string{"company employees", "offices in Tallinn", "training"} {
		res, err := s.Search(context.Background(), Query{Text: q, Mode: ModeDense, TopK: 3})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%q: %v", q, err)
		}
		qv, _ := f.emb.Embed(context.Background(), []string{q})
		best, bestText := math.Inf(-1), ""
		for _, texts := range company {
			vs, _ := f.emb.Embed(context.Background(), texts)
			for i, v := range vs {
				var d float64
				for j := range v {
					d += float64(v[j]) * float64(qv[0][j])
				}
				if d > best {
					best, bestText = d, texts[i]
				}
			}
		}
		if res.Hits[0].Chunk.Text != bestText {
			t.Errorf("%q: int8 top %q, float top %q", q, res.Hits[0].Chunk.Text, bestText)
		}
		if math.Abs(res.Hits[0].Score-best) > 0.02 {
			t.Errorf("%q: int8 score %v far from %v", q, res.Hits[0].Score, best)
		}
	}
}

func TestModelFusionDefaults(t *testing.T) {
	f := newFixture(t, company)
	s := f.searcher(Models{Embedder: f.emb, Fusion: "blend", WeightDense: 0.15}, Options{})
	if s.opts.Fusion != "blend" || s.opts.WeightDense != 0.15 {
		t.Fatalf("model defaults not used: %+v", s.opts)
	}
	s = f.searcher(Models{Embedder: f.emb, Fusion: "blend", WeightDense: 0.15}, Options{Fusion: "rrf", WeightDense: 2})
	if s.opts.Fusion != "rrf" || s.opts.WeightDense != 2 {
		t.Fatalf("options did not override the model's defaults: %+v", s.opts)
	}
	res, err := s.Search(context.Background(), Query{Text: "company employees", Mode: ModeHybrid})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err)
	}
}
