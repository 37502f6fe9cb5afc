package search

import (
	"context"
	"fmt"
	"sort"
)

// rerank scores every candidate with the cross-encoder, then orders them:
// by logit alone (ModeRerank), or keeping the first stage's top k−g in
// place and filling the last g places with the best-scored of the rest
// (ModeGuaranteed). Cross-encoders can bury chunks that are table-like or
// number-heavy ("CEO: Iris Kallas | Employees: 287"); the guaranteed
// places keep what the first stage was surest of.
func (s *Searcher) rerank(ctx context.Context, q Query, hits []Hit) ([]Hit, error) {
	if len(hits) == 0 {
		return hits, nil
	}
	passages := make([]string, len(hits))
	for i, h := range hits {
		passages[i] = h.Chunk.Text
	}
	scores, err := s.models.Reranker.Rerank(ctx, q.Text, passages)
	if err != nil {
		return nil, fmt.Errorf("rerank: %w", err)
	}
	if len(scores) != len(hits) {
		return nil, fmt.Errorf("rerank: %d scores for %d passages", len(scores), len(hits))
	}
	out := append([]Hit(nil), hits...)
	for i := range out {
		out[i].Logit = float64(scores[i])
		out[i].Reranked = true
	}
	keep := 0
	if q.Mode == ModeGuaranteed {
		keep = max(min(q.TopK-s.opts.Guaranteed, len(out)), 0)
	}
	rest := out[keep:]
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Logit > rest[j].Logit })
	for i := range out {
		if i >= keep {
			out[i].Score = out[i].Logit
		}
	}
	return out, nil
}

func bestLogit(hits []Hit) float64 {
	best := hits[0].Logit
	for _, h := range hits {
		best = max(best, h.Logit)
	}
	return best
}
