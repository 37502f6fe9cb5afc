package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"quire/eval"
	"quire/library"
	"quire/search"
)

// The cascade (search.ModeCascade) skips the cross-encoder when the first
// stage is confident. Whether that confidence is earned is a question
// about the first stage's scores, not the cross-encoder's, so it can be
// measured on the labelled sets with the real use-lite embedder and a
// cross-encoder that only counts the pairs it is sent: a skip is right
// when the first stage's top hit is on an evidence page.

// CascadeSet is what the cascade decided over one labelled set.
type CascadeSet struct {
	Set       string `json:"set"`
	Questions int    `json:"questions"` // answerable, with evidence pages
	Skipped   int    `json:"skipped"`
	// Hit1Skipped and Hit1Reranked are the first stage's (hybrid) page
	// hit@1 over the questions the cascade skipped and over the rest;
	// Hit1 and Hit5 are over all of them.
	Hit1Skipped  float64 `json:"hit1_skipped"`
	Hit1Reranked float64 `json:"hit1_reranked"`
	Hit1         float64 `json:"hit1"`
	Hit5         float64 `json:"hit5"`
	// Pairs per question sent to the cross-encoder: cascade and the
	// guaranteed mode's whole pool.
	PairsCascade    float64 `json:"pairs_per_question_cascade"`
	PairsGuaranteed float64 `json:"pairs_per_question_guaranteed"`
	// The skips by each half of the rule (BM25 and the vectors both
	// rank the top hit first; else only the top hit holds the question's
	// IDF weight), and the first stage's hit@1 and hit@5 over each.
	SkippedAgree     int     `json:"skipped_agree"`
	Hit1SkippedAgree float64 `json:"hit1_skipped_agree"`
	SkippedCoverage  int     `json:"skipped_coverage"`
	Hit1SkippedCover float64 `json:"hit1_skipped_coverage"`
	Hit5Skipped      float64 `json:"hit5_skipped"`
	Hit5Reranked     float64 `json:"hit5_reranked"`
	// What a perfect cross-encoder could have gained that the cascade
	// forgoes, at most: skipped questions whose first evidence hit is in
	// the pool below place 5 (the rerank could have brought it to the
	// last place), and shortened ones whose first evidence hit is in the
	// pool only below the depth the cascade scores.
	SkippedCouldGain   int `json:"skipped_could_gain"`
	ShortenedCouldGain int `json:"shortened_could_gain"`
	// With a timing cross-encoder (the generated MiniLM-L6, int8): a
	// question's time in each mode, first stage and rerank.
	Cascade    *Latency `json:"cascade_ms,omitempty"`
	Guaranteed *Latency `json:"guaranteed_ms,omitempty"`
	// TimeSaved is 1 − the cascade's total time over the guaranteed
	// mode's.
	TimeSaved float64 `json:"time_saved,omitempty"`
}

// CascadeOptions say where the sets and the embedder are.
type CascadeOptions struct {
	Shared    string // the shared data folder
	Cache     string // libraries are kept here between runs (cascade-<set>)
	ModelsDir string // holds use-lite
	// TimingDir, when set, holds the generated models: their int8
	// cross-encoder is run, so each mode's time is measured (its scores
	// are random; the decisions do not depend on them).
	TimingDir string
	Sets      []string // evaldata sets
	Log       func(string)
}

// Cascade ingests each set (once) with use-lite and records, per
// question, the cascade's decision and the first stage's page hits.
func Cascade(ctx context.Context, o CascadeOptions) ([]CascadeSet, error) {
	r, closeModels, err := library.EmbedderModels(o.ModelsDir, library.UseLiteName)
	if err != nil {
		return nil, fmt.Errorf("cascade: %w", err)
	}
	defer closeModels()
	if r.Embedder == nil {
		return nil, fmt.Errorf("cascade: use-lite is not installed in %s", o.ModelsDir)
	}
	m := search.Models{Embedder: r.Embedder, EmbedderName: r.EmbedderName, Fusion: r.Fusion, WeightDense: r.WeightDense,
		Reranker: countingReranker{}}
	if o.TimingDir != "" {
		g, closeGen, err := library.GeneratedModels(o.TimingDir, true)
		if err != nil {
			return nil, fmt.Errorf("cascade: %w", err)
		}
		defer closeGen()
		m.Reranker = g.Reranker
	}
	var out []CascadeSet
	for _, name := range o.Sets {
		o.Log(fmt.Sprintf("cascade: %s…", name))
		cs, err := cascadeSet(ctx, o, name, m)
		if err != nil {
			return out, err
		}
		out = append(out, cs)
	}
	return out, nil
}

func cascadeSet(ctx context.Context, o CascadeOptions, name string, m search.Models) (CascadeSet, error) {
	cs := CascadeSet{Set: name}
	dir := filepath.Join(o.Shared, "evaldata", name)
	qs, _, err := eval.ReadQuestions(filepath.Join(dir, "qa.jsonl"))
	if err != nil {
		return cs, err
	}
	lib, err := library.Open(filepath.Join(o.Cache, "cascade-"+name), library.Options{Models: m, Search: search.Options{CacheSize: -1}})
	if err != nil {
		return cs, err
	}
	defer lib.Close()
	if _, err := lib.Ingest(ctx, []string{dir}, nil); err != nil {
		return cs, err
	}
	if err := lib.Reembed(ctx, nil); err != nil {
		return cs, err
	}
	var hit1Skip, hit1Rest, hit1, hit5, hit5Skip, hit1Agree, hit1Cover int
	var tCascade, tFull []time.Duration
	for _, q := range qs {
		if !q.Answerable || !q.HasPage() {
			continue
		}
		first, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeHybrid})
		if err != nil {
			return cs, err
		}
		pool, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeHybrid, TopK: poolSize})
		if err != nil {
			return cs, err
		}
		inPool := hitRank(q, pool.Hits)
		t := time.Now()
		full, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeGuaranteed})
		if err != nil {
			return cs, err
		}
		tFull = append(tFull, time.Since(t))
		t = time.Now()
		c, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeCascade})
		if err != nil {
			return cs, err
		}
		tCascade = append(tCascade, time.Since(t))
		cs.Questions++
		cs.PairsCascade += float64(c.RerankedN)
		cs.PairsGuaranteed += float64(full.RerankedN)
		top := hitRank(q, first.Hits) == 1
		if rank := hitRank(q, first.Hits); rank > 0 && rank <= 5 {
			hit5++
		}
		if top {
			hit1++
		}
		in5 := hitRank(q, first.Hits) > 0 && hitRank(q, first.Hits) <= 5
		switch {
		case c.RerankedN > 0:
			hit1Rest += b2i(top)
		case len(first.Hits) > 0 && first.Hits[0].BM25Rank == 1 && first.Hits[0].DenseRank == 1:
			cs.SkippedAgree++
			hit1Agree += b2i(top)
		default:
			cs.SkippedCoverage++
			hit1Cover += b2i(top)
		}
		if c.RerankedN == 0 {
			cs.Skipped++
			hit1Skip += b2i(top)
			hit5Skip += b2i(in5)
			cs.SkippedCouldGain += b2i(inPool > 5)
		} else {
			cs.ShortenedCouldGain += b2i(inPool > c.RerankedN)
		}
	}
	share := func(k, n int) float64 {
		if n == 0 {
			return 0
		}
		return float64(k) / float64(n)
	}
	cs.Hit1Skipped, cs.Hit1Reranked = share(hit1Skip, cs.Skipped), share(hit1Rest, cs.Questions-cs.Skipped)
	cs.Hit1, cs.Hit5 = share(hit1, cs.Questions), share(hit5, cs.Questions)
	cs.Hit1SkippedAgree, cs.Hit1SkippedCover = share(hit1Agree, cs.SkippedAgree), share(hit1Cover, cs.SkippedCoverage)
	cs.Hit5Skipped, cs.Hit5Reranked = share(hit5Skip, cs.Skipped), share(hit5-hit5Skip, cs.Questions-cs.Skipped)
	if o.TimingDir != "" {
		c, f := Summarise(tCascade), Summarise(tFull)
		cs.Cascade, cs.Guaranteed = &c, &f
		cs.TimeSaved = 1 - float64(sum(tCascade))/float64(max(sum(tFull), 1))
	}
	n := float64(max(cs.Questions, 1))
	cs.PairsCascade /= n
	cs.PairsGuaranteed /= n
	return cs, nil
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// poolSize is the first stage's pool, search.Options.Candidates' default.
const poolSize = 30

// hitRank is the 1-based rank of the first hit on an evidence page, 0 if
// none.
func hitRank(q eval.Question, hits []search.Hit) int {
	for i, h := range hits {
		if q.Covers(h.Doc.Name, h.Chunk.PageStart, h.Chunk.PageEnd) {
			return i + 1
		}
	}
	return 0
}
