package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"quire/eval"
	"quire/library"
	"quire/search"
)

// ProbeOptions say which library a probe opens and how it asks.
type ProbeOptions struct {
	Library   string   // the library directory
	ModelsDir string   // where the generated models are (written once)
	Questions []string // asked in every mode
	Rerank    bool     // also time reranking 20 candidates, float32 and int8
}

// ProbeReport is what one fresh process measures of one library: the
// cost of opening it, of searching it, and its memory.
type ProbeReport struct {
	Chunks int `json:"chunks"`
	// OpenMs is library.Open with the models given (the store, the
	// Bleve index and the searcher; vectors are only mapped later).
	OpenMs float64 `json:"open_ms"`
	// FirstQueryMs is the first hybrid question after open, which maps
	// the vectors and warms the index.
	FirstQueryMs float64 `json:"first_query_ms"`
	// RSS, MiB: with the models loaded and before the library is opened,
	// just after open, after every question, and the process's peak.
	ModelsRSSMiB     float64 `json:"models_rss_mib"`
	OpenRSSMiB       float64 `json:"open_rss_mib"`
	AfterQueryRSSMiB float64 `json:"after_queries_rss_mib"`
	// The parts of AfterQueryRSSMiB: anonymous memory, and pages of
	// mapped files (vectors, Bleve's segments, library.db).
	AfterQueryAnonMiB float64            `json:"after_queries_rss_anon_mib"`
	AfterQueryFileMiB float64            `json:"after_queries_rss_file_mib"`
	PeakRSSMiB        float64            `json:"peak_rss_mib"`
	Modes             map[string]Latency `json:"latency"`
	// CPUPerQuestionMs is the process's CPU time (every thread, user and
	// system) per question in each mode: what a question costs the
	// machine, which the load average does not change as it changes the
	// latency.
	CPUPerQuestionMs map[string]float64 `json:"cpu_per_question_ms"`
	// LoadAvg is the machine's load average (1, 5, 15 minutes) before
	// and after the timed questions.
	LoadAvg [2]string `json:"load_avg"`
	// Stage medians of the hybrid questions.
	EmbedQueryP50 float64 `json:"embed_query_p50_ms"`
	BM25P50       float64 `json:"bm25_stage_p50_ms"`
	DenseScanP50  float64 `json:"dense_scan_p50_ms"`
	// Rerank20 is one cross-encoder call over the 20 best hybrid
	// candidates of each question, by precision.
	Rerank20 map[string]Latency `json:"rerank20,omitempty"`
	// Cascade is what the cascade decided for the questions (decisions
	// only: the cross-encoder is replaced by one that counts pairs).
	Cascade *CascadeStats `json:"cascade,omitempty"`
}

// CascadeStats compares the pairs the cross-encoder scores under the
// cascade with the guaranteed mode's whole pool.
type CascadeStats struct {
	Questions int `json:"questions"`
	Skipped   int `json:"skipped"`
	// PairsCascade and PairsFull are the pairs scored per question, on
	// average; the rerank time saved is about 1 − PairsCascade/PairsFull.
	PairsCascade float64 `json:"pairs_per_question_cascade"`
	PairsFull    float64 `json:"pairs_per_question_guaranteed"`
	TimeSaved    float64 `json:"rerank_time_saved"`
	// SameTop is the share of questions whose top k−1 hits (the
	// guaranteed places) are the same under both: what the answer cites
	// first is kept.
	SameTop float64 `json:"same_guaranteed_places"`
}

// Probe opens the library with the generated MiniLM-shaped models and
// times every mode over the questions.
func Probe(ctx context.Context, o ProbeOptions) (ProbeReport, error) {
	rep := ProbeReport{Modes: map[string]Latency{}, CPUPerQuestionMs: map[string]float64{}}
	m, closeModels, err := library.GeneratedModels(o.ModelsDir, false)
	if err != nil {
		return rep, err
	}
	defer closeModels()
	m.EmbedderName = ScaleEmbedder
	runtime.GC()
	rep.ModelsRSSMiB = currentRSSMiB()
	start := time.Now()
	lib, err := library.Open(o.Library, library.Options{Models: m, Search: search.Options{CacheSize: -1}})
	if err != nil {
		return rep, err
	}
	defer lib.Close()
	rep.OpenMs = ms(time.Since(start))
	rep.OpenRSSMiB = currentRSSMiB()
	docs, err := lib.Documents()
	if err != nil {
		return rep, err
	}
	for _, d := range docs {
		rep.Chunks += d.Chunks
	}
	start = time.Now()
	if _, err := lib.Search(ctx, o.Questions[0], library.AskOptions{Mode: search.ModeHybrid}); err != nil {
		return rep, err
	}
	rep.FirstQueryMs = ms(time.Since(start))
	var embed, bm25, dense []time.Duration
	rep.LoadAvg[0] = loadAvg()
	for _, m := range []search.Mode{search.ModeBM25, search.ModeDense, search.ModeHybrid} {
		var ds []time.Duration
		cpu := processCPU()
		for _, q := range o.Questions {
			t := time.Now()
			res, err := lib.Search(ctx, q, library.AskOptions{Mode: m})
			if err != nil {
				return rep, fmt.Errorf("probe %s: %w", m, err)
			}
			ds = append(ds, time.Since(t))
			if m == search.ModeHybrid {
				embed, bm25, dense = append(embed, res.Timing.Embed), append(bm25, res.Timing.BM25), append(dense, res.Timing.Dense)
			}
		}
		rep.Modes[string(m)] = Summarise(ds)
		rep.CPUPerQuestionMs[string(m)] = ms(processCPU()-cpu) / float64(len(o.Questions))
	}
	rep.LoadAvg[1] = loadAvg()
	rep.EmbedQueryP50, rep.BM25P50, rep.DenseScanP50 = Summarise(embed).P50, Summarise(bm25).P50, Summarise(dense).P50
	rep.AfterQueryRSSMiB = currentRSSMiB()
	rep.AfterQueryAnonMiB, rep.AfterQueryFileMiB = statusMiB("RssAnon"), statusMiB("RssFile")
	rep.PeakRSSMiB = peakRSSMiB()
	if o.Rerank {
		if rep.Rerank20, err = rerank20(ctx, lib, o); err != nil {
			return rep, err
		}
	}
	if rep.Cascade, err = cascadeStats(ctx, lib, m, o.Questions); err != nil {
		return rep, err
	}
	return rep, nil
}

// cascadeStats asks every question in the guaranteed and cascade modes
// with a cross-encoder that only counts the pairs it is given.
func cascadeStats(ctx context.Context, lib *library.Library, m search.Models, qs []string) (*CascadeStats, error) {
	m.Reranker = countingReranker{}
	lib.SetModels(m, nil)
	st := &CascadeStats{Questions: len(qs)}
	same := 0
	for _, q := range qs {
		full, err := lib.Search(ctx, q, library.AskOptions{Mode: search.ModeGuaranteed})
		if err != nil {
			return nil, err
		}
		c, err := lib.Search(ctx, q, library.AskOptions{Mode: search.ModeCascade})
		if err != nil {
			return nil, err
		}
		st.PairsFull += float64(full.RerankedN)
		st.PairsCascade += float64(c.RerankedN)
		if c.RerankedN == 0 {
			st.Skipped++
		}
		if sameIDs(full.Hits, c.Hits, 4) {
			same++
		}
	}
	n := float64(max(len(qs), 1))
	st.PairsFull /= n
	st.PairsCascade /= n
	st.SameTop = float64(same) / n
	if st.PairsFull > 0 {
		st.TimeSaved = 1 - st.PairsCascade/st.PairsFull
	}
	return st, nil
}

func sameIDs(a, b []search.Hit, k int) bool {
	for i := range min(k, len(a), len(b)) {
		if a[i].Chunk.ID() != b[i].Chunk.ID() {
			return false
		}
	}
	return true
}

// countingReranker scores every pair 0: the cascade's decisions and the
// pairs it sends can be counted without a model's cost.
type countingReranker struct{}

func (countingReranker) Rerank(_ context.Context, _ string, ps []string) ([]float32, error) {
	return make([]float32, len(ps)), nil
}

// rerank20 times the generated cross-encoder, float32 then int8, over
// the 20 best hybrid candidates of each question.
func rerank20(ctx context.Context, lib *library.Library, o ProbeOptions) (map[string]Latency, error) {
	type job struct {
		q        string
		passages []string
	}
	var jobs []job
	// Ten questions: a call takes about a second on a quiet machine.
	for _, q := range o.Questions[:min(len(o.Questions), 10)] {
		res, err := lib.Search(ctx, q, library.AskOptions{Mode: search.ModeHybrid, TopK: 20})
		if err != nil {
			return nil, err
		}
		j := job{q: q}
		for _, h := range res.Hits {
			j.passages = append(j.passages, h.Chunk.Text)
		}
		jobs = append(jobs, j)
	}
	out := map[string]Latency{}
	for _, int8 := range []bool{false, true} {
		m, closeModels, err := library.GeneratedModels(o.ModelsDir, int8)
		if err != nil {
			return nil, err
		}
		rr := m.Reranker
		rr.Rerank(ctx, jobs[0].q, jobs[0].passages) // warm-up
		var ds []time.Duration
		for _, j := range jobs {
			t := time.Now()
			if _, err := rr.Rerank(ctx, j.q, j.passages); err != nil {
				closeModels()
				return nil, err
			}
			ds = append(ds, time.Since(t))
		}
		closeModels()
		name := "fp32"
		if int8 {
			name = "int8"
		}
		out[name] = Summarise(ds)
	}
	return out, nil
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// Questions reads up to n questions from the evaluation sets' qa.jsonl
// files, taking them in turn from each set.
func Questions(shared string, n int) ([]string, error) {
	files, _ := filepath.Glob(filepath.Join(shared, "evaldata", "*", "qa.jsonl"))
	var sets [][]string
	for _, f := range files {
		qs, _, err := eval.ReadQuestions(f)
		if err != nil {
			return nil, err
		}
		var texts []string
		for _, q := range qs {
			texts = append(texts, q.Question)
		}
		sets = append(sets, texts)
	}
	var out []string
	for i := 0; len(out) < n; i++ {
		added := false
		for _, s := range sets {
			if i < len(s) && len(out) < n {
				out = append(out, s[i])
				added = true
			}
		}
		if !added {
			break
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no questions under %s", shared)
	}
	return out, nil
}
