package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"quire/store"
)

// ScaleOptions configure the scale section.
type ScaleOptions struct {
	Shared  string // the shared data folder
	Cache   string // where built libraries are kept between runs
	Sizes   []int  // library sizes in chunks
	Queries int    // questions timed per mode
	// Quire is the executable: ingest and the probes run as processes of
	// their own, so that each one's memory is its own.
	Quire string
	// Probe measures one library in a fresh process (see Probe).
	Probe func(ctx context.Context, lib string, rerank bool) (ProbeReport, error)
	// WindowShow, when set, measures the window's time to show the
	// library at dir (the desktop's start-up work); it runs on the
	// largest library.
	WindowShow func(ctx context.Context, dir string) (time.Duration, error)
	Log        func(string)
}

// ScaleReport is how Quire fares as the library grows to a million
// chunks: building it, opening it, searching it and its memory.
type ScaleReport struct {
	Note      string        `json:"note"`
	Libraries []LibraryInfo `json:"libraries"`
	// Ingest is `quire ingest` of generated PDFs (pages drawn from the
	// same text), without and with the MiniLM-shaped embedder.
	Ingest *IngestReport `json:"ingest,omitempty"`
	Sizes  []ProbeReport `json:"sizes"`
	// Growth is each figure at the largest size over the figure at the
	// one before (100 k → 1 M: the work grew about 10×).
	Growth       map[string]float64 `json:"growth,omitempty"`
	WindowShowMs *float64           `json:"window_show_ms,omitempty"`
	Goals        []Goal             `json:"goals"`
}

// Goal is one target of issue 15 and whether this run met it.
type Goal struct {
	Name   string  `json:"name"`
	Target float64 `json:"target"`
	Value  float64 `json:"value"`
	Met    bool    `json:"met"`
}

// Scale builds (once, cached) the libraries and measures them.
func Scale(ctx context.Context, o ScaleOptions) (ScaleReport, error) {
	rep := ScaleReport{Note: "libraries are synthetic documents of real sentences written through the store API; their vectors are random unit vectors (" +
		ScaleEmbedder + "); queries are the evaluation sets' questions, embedded by the generated MiniLM-L6-shaped model"}
	o.Log("text pool…")
	pool, err := LoadTextPool(ctx, o.Shared, filepath.Join(o.Cache, "textpool.txt"))
	if err != nil {
		return rep, err
	}
	o.Log(fmt.Sprintf("  %d sentences", len(pool.Sentences)))
	for _, n := range o.Sizes {
		o.Log(fmt.Sprintf("library of %d chunks…", n))
		info, err := BuildLibrary(ctx, pool, filepath.Join(o.Cache, fmt.Sprintf("lib-%d", n)), n, o.Log)
		if err != nil {
			return rep, err
		}
		if err := settle(info.Dir); err != nil {
			return rep, err
		}
		rep.Libraries = append(rep.Libraries, info)
	}
	ing, err := scaleIngest(ctx, pool, o)
	if err != nil {
		return rep, err
	}
	rep.Ingest = &ing
	for i, info := range rep.Libraries {
		o.Log(fmt.Sprintf("probe of %d chunks…", info.Chunks))
		pr, err := o.Probe(ctx, info.Dir, i == len(rep.Libraries)-1)
		if err != nil {
			return rep, err
		}
		rep.Sizes = append(rep.Sizes, pr)
	}
	if o.WindowShow != nil && len(rep.Libraries) > 0 {
		if d, err := o.WindowShow(ctx, rep.Libraries[len(rep.Libraries)-1].Dir); err == nil {
			v := ms(d)
			rep.WindowShowMs = &v
		} else {
			o.Log(fmt.Sprintf("  window: %v", err))
		}
	}
	rep.Growth = growth(rep)
	rep.Goals = scaleGoals(rep)
	return rep, nil
}

// scaleIngest writes generated PDFs (once) and ingests them without and
// with the embedder.
func scaleIngest(ctx context.Context, pool *TextPool, o ScaleOptions) (IngestReport, error) {
	dir := filepath.Join(o.Cache, "pdfs")
	var files []string
	for i := range 30 {
		p := filepath.Join(dir, fmt.Sprintf("gen-%03d.pdf", i))
		files = append(files, p)
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return IngestReport{}, err
		}
		// Documents far past the scale libraries' own, so ingest does
		// not meet them as copies.
		if err := WritePDF(p, pool.Document(1<<30+i)); err != nil {
			return IngestReport{}, err
		}
	}
	models := filepath.Join(o.Cache, "models")
	o.Log("ingest of generated PDFs…")
	return Ingest(ctx, o.Quire, files, []Config{
		{Name: "without embeddings", Args: []string{"--no-models"}},
		{Name: "with the MiniLM-shaped embedder", Args: []string{"--generated-models", models}, Files: files[:8]},
	})
}

// settle opens and closes a library once before it is measured, so that
// one-time work of a library made by an earlier version (counting its
// chunks, moving its vectors) is not taken for the cost of opening it.
func settle(dir string) error {
	st, err := store.Open(dir)
	if err != nil {
		return err
	}
	return st.Close()
}

// growth divides the largest size's figures by the previous size's.
func growth(rep ScaleReport) map[string]float64 {
	if len(rep.Sizes) < 2 {
		return nil
	}
	a, b := rep.Sizes[len(rep.Sizes)-2], rep.Sizes[len(rep.Sizes)-1]
	g := map[string]float64{}
	ratio := func(name string, x, y float64) {
		if x > 0 {
			g[name] = y / x
		}
	}
	ratio("chunks", float64(a.Chunks), float64(b.Chunks))
	ratio("open_ms", a.OpenMs, b.OpenMs)
	ratio("first_query_ms", a.FirstQueryMs, b.FirstQueryMs)
	ratio("after_queries_rss_mib", a.AfterQueryRSSMiB, b.AfterQueryRSSMiB)
	for _, m := range []string{"bm25", "dense", "hybrid"} {
		ratio(m+"_p50", a.Modes[m].P50, b.Modes[m].P50)
		ratio(m+"_p95", a.Modes[m].P95, b.Modes[m].P95)
	}
	ratio("dense_scan_p50", a.DenseScanP50, b.DenseScanP50)
	ratio("bm25_stage_p50", a.BM25P50, b.BM25P50)
	la, lb := rep.Libraries[len(rep.Libraries)-2], rep.Libraries[len(rep.Libraries)-1]
	ratio("disk_bytes", float64(la.DiskBytes), float64(lb.DiskBytes))
	return g
}

// scaleGoals checks the targets at the largest size.
func scaleGoals(rep ScaleReport) []Goal {
	if len(rep.Sizes) == 0 {
		return nil
	}
	big := rep.Sizes[len(rep.Sizes)-1]
	below := func(name string, target, v float64) Goal {
		return Goal{Name: name, Target: target, Value: v, Met: v > 0 && v <= target}
	}
	return []Goal{
		below(fmt.Sprintf("hybrid p95 ms at %d chunks", big.Chunks), 100, big.Modes["hybrid"].P95),
		below("library open ms", 1000, big.OpenMs),
		below("open library RSS MiB (after the questions)", 1536, big.AfterQueryRSSMiB),
	}
}
