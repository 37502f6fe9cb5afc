package search

import (
	"context"
	"fmt"
	"sort"
)

// rerank orders the candidates by the cross-encoder's score.
func (s *Searcher) rerank(ctx context.Context, query string, hits []Hit) ([]Hit, error) {
	passages := make([]string, len(hits))
	for i, h := range hits {
		passages[i] = h.Chunk.Text
	}
	scores, err := s.reranker.Rerank(ctx, query, passages)
	if err != nil {
		return nil, fmt.Errorf("rerank: %w", err)
	}
	if len(scores) != len(hits) {
		return nil, fmt.Errorf("rerank: %d scores for %d passages", len(scores), len(hits))
	}
	out := append([]Hit(nil), hits...)
	for i := range out {
		out[i].Score = float64(scores[i])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
}
