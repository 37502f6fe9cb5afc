package bench

import (
	"context"
	"fmt"
	"path/filepath"

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
}

// CascadeOptions say where the sets and the embedder are.
type CascadeOptions struct {
	Shared    string   // the shared data folder
	Cache     string   // libraries are kept here between runs (cascade-<set>)
	ModelsDir string   // holds use-lite
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
	var hit1Skip, hit1Rest, hit1, hit5 int
	for _, q := range qs {
		if !q.Answerable || !q.HasPage() {
			continue
		}
		first, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeHybrid})
		if err != nil {
			return cs, err
		}
		full, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeGuaranteed})
		if err != nil {
			return cs, err
		}
		c, err := lib.Search(ctx, q.Question, library.AskOptions{Mode: search.ModeCascade})
		if err != nil {
			return cs, err
		}
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
		if c.RerankedN == 0 {
			cs.Skipped++
			if top {
				hit1Skip++
			}
		} else if top {
			hit1Rest++
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
	n := float64(max(cs.Questions, 1))
	cs.PairsCascade /= n
	cs.PairsGuaranteed /= n
	return cs, nil
}

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
