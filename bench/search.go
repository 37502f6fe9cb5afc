package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"runtime"
	"time"

	"quire/eval"
	"quire/ingest"
	"quire/library"
	"quire/search"
)

// SearchSize is the search figures at one library size.
type SearchSize struct {
	Chunks int `json:"chunks"`
	// IndexRSSMiB is the growth of resident memory from an empty process
	// state to a library opened with its dense index loaded.
	IndexRSSMiB float64            `json:"index_rss_mib"`
	Modes       map[string]Latency `json:"latency"`
	// Stage medians over the hybrid+rerank queries.
	EmbedQueryP50 float64 `json:"embed_query_p50_ms"`
	DenseScanP50  float64 `json:"dense_scan_p50_ms"`
	RerankP50     float64 `json:"rerank_p50_ms"`
	// BruteForceP50 is a bare dot-product pass over the same vectors, the
	// memory-bandwidth reference; DenseOverBrute the dense search's cost
	// over it.
	BruteForceP50  float64 `json:"brute_force_p50_ms"`
	BruteForceGBps float64 `json:"brute_force_gb_per_s"`
	DenseOverBrute float64 `json:"dense_over_brute"`
}

// SearchReport is the search section of the benchmark.
type SearchReport struct {
	Dim      int          `json:"dim"`
	Queries  int          `json:"queries"`
	Note     string       `json:"note"`
	Sizes    []SearchSize `json:"sizes"`
	Embedder string       `json:"embedder"`
}

// Search builds libraries of the given sizes from the SciFact corpus
// (abstracts repeated with a marker to reach the size; one chunk each)
// and times each retrieval mode on SciFact's claims. Chunk vectors are
// random unit vectors of the embedder's size: the scan's cost does not
// depend on their values, and embedding 100 k chunks with a CPU model
// would take hours. Queries are embedded by the real model.
func Search(ctx context.Context, scifact string, sizes []int, models search.Models, dim, queries int) (SearchReport, error) {
	b, err := eval.LoadBEIR(scifact, "test")
	if err != nil {
		return SearchReport{}, err
	}
	var qs []string
	for _, q := range b.Queries {
		if len(qs) == queries {
			break
		}
		qs = append(qs, q)
	}
	rep := SearchReport{Dim: dim, Queries: len(qs), Embedder: models.EmbedderName,
		Note: "chunk vectors are random unit vectors; query embedding and reranking use the models named"}
	for _, n := range sizes {
		sz, err := searchSize(ctx, b, n, models, dim, qs)
		if err != nil {
			return rep, err
		}
		rep.Sizes = append(rep.Sizes, sz)
	}
	return rep, nil
}

func searchSize(ctx context.Context, b *eval.BEIR, n int, models search.Models, dim int, qs []string) (SearchSize, error) {
	sz := SearchSize{Chunks: n, Modes: map[string]Latency{}}
	dir, err := os.MkdirTemp("", "quire-bench-search-")
	if err != nil {
		return sz, err
	}
	defer os.RemoveAll(dir)
	if err := fillLibrary(ctx, dir, b, n, dim); err != nil {
		return sz, err
	}
	runtime.GC()
	before := currentRSSMiB()
	models.EmbedderName = randomName
	lib, err := library.Open(dir, library.Options{Models: models, Search: search.Options{CacheSize: -1}})
	if err != nil {
		return sz, err
	}
	defer lib.Close()
	stage := map[string][]time.Duration{}
	for _, m := range lib.SearchModes() {
		if m == search.ModeRerank {
			continue // same cost as guaranteed slots
		}
		var ds []time.Duration
		for _, q := range qs {
			start := time.Now()
			res, err := lib.Search(ctx, q, library.AskOptions{Mode: m})
			if err != nil {
				return sz, fmt.Errorf("bench search %s: %w", m, err)
			}
			ds = append(ds, time.Since(start))
			if m == search.ModeGuaranteed {
				stage["embed"] = append(stage["embed"], res.Timing.Embed)
				stage["dense"] = append(stage["dense"], res.Timing.Dense)
				stage["rerank"] = append(stage["rerank"], res.Timing.Rerank)
			}
		}
		sz.Modes[string(m)] = Summarise(ds)
	}
	sz.IndexRSSMiB = currentRSSMiB() - before
	sz.EmbedQueryP50 = Summarise(stage["embed"]).P50
	sz.DenseScanP50 = Summarise(stage["dense"]).P50
	sz.RerankP50 = Summarise(stage["rerank"]).P50
	brute, gbps := bruteForce(n, dim, len(qs))
	sz.BruteForceP50, sz.BruteForceGBps = brute.P50, gbps
	if brute.P50 > 0 && sz.DenseScanP50 > 0 {
		sz.DenseOverBrute = sz.DenseScanP50 / brute.P50
	}
	return sz, nil
}

const randomName = "bench-random-vectors"

// fillLibrary writes n one-chunk documents with random vectors.
func fillLibrary(ctx context.Context, dir string, b *eval.BEIR, n, dim int) error {
	lib, err := library.Open(dir, library.Options{
		Chunking: ingest.ChunkOptions{Size: 2000},
		Models:   search.Models{Embedder: randomEmbedder{dim: dim, rng: rand.New(rand.NewSource(1))}, EmbedderName: randomName},
	})
	if err != nil {
		return err
	}
	defer lib.Close()
	docs := make([]library.TextDocument, n)
	for i := range docs {
		d := b.Corpus[i%len(b.Corpus)]
		docs[i] = library.TextDocument{Name: fmt.Sprintf("%s-%d", d.ID, i), Path: fmt.Sprintf("bench:%d", i),
			Pages: []string{fmt.Sprintf("%s\n%s copy%d", d.Title, d.Text, i/len(b.Corpus))}}
	}
	return lib.AddTexts(ctx, docs)
}

// randomEmbedder gives random unit vectors; for filling benchmark
// libraries only.
type randomEmbedder struct {
	dim int
	rng *rand.Rand
}

func (e randomEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i := range out {
		out[i] = randomUnit(e.rng, e.dim)
	}
	return out, nil
}

func randomUnit(rng *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	var n float64
	for i := range v {
		v[i] = float32(rng.NormFloat64())
		n += float64(v[i] * v[i])
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(n))
	}
	return v
}

// bruteForce times a bare pass of dot products over n random vectors.
func bruteForce(n, dim, runs int) (Latency, float64) {
	rng := rand.New(rand.NewSource(2))
	mat := make([]float32, n*dim)
	for i := range mat {
		mat[i] = float32(rng.NormFloat64())
	}
	q := randomUnit(rng, dim)
	var ds []time.Duration
	var sink float32
	for range max(runs, 5) {
		start := time.Now()
		best := float32(math.Inf(-1))
		for r := 0; r < n; r++ {
			row := mat[r*dim : (r+1)*dim]
			var s float32
			for j, x := range q {
				s += x * row[j]
			}
			best = max(best, s)
		}
		sink += best
		ds = append(ds, time.Since(start))
	}
	_ = sink
	l := Summarise(ds)
	gbps := 0.0
	if l.P50 > 0 {
		gbps = float64(n*dim*4) / (l.P50 / 1000) / 1e9
	}
	return l, gbps
}

// SearchGenerated is Search with the generated MiniLM-L6-shaped models
// (random weights, real shapes), written to a temporary folder and
// removed after.
func SearchGenerated(ctx context.Context, scifact string, sizes []int, queries int) (SearchReport, error) {
	dir, err := os.MkdirTemp("", "quire-bench-models-")
	if err != nil {
		return SearchReport{}, err
	}
	defer os.RemoveAll(dir)
	m, closeModels, err := library.GeneratedModels(dir, false)
	if err != nil {
		return SearchReport{}, err
	}
	defer closeModels()
	return Search(ctx, scifact, sizes, m, 384, queries)
}
