package search

import (
	"context"
	"fmt"
	"sort"
)

// The cascade (ModeCascade) runs the cross-encoder only when it can
// change the answer. Its cost is linear in the pairs it scores (about
// 40 ms a pair of 256 tokens for MiniLM-L6 on two cores), so it
// decides from what the first stage already knows:
//   - skip: the top candidate is the only one of the pool that holds
//     (nearly) all of the question's IDF weight, or BM25 and the vectors
//     both rank it first — the first stage is confident, and in the
//     guaranteed layout the reranker could only touch the last place;
//   - shorten: otherwise only the first cascadeDepth candidates are
//     scored, not the whole pool.
const (
	cascadeCoverage = 0.9 // share of the question's IDF weight that counts as a full match
	cascadeDepth    = 20  // candidates scored when the cascade does not skip
)

// rerank scores candidates with the cross-encoder, then orders them: by
// logit alone (ModeRerank), or keeping the first stage's top k−g in
// place and filling the last g places with the best-scored of the rest
// (ModeGuaranteed, ModeCascade). Cross-encoders can bury chunks that are
// table-like or number-heavy ("CEO: Iris Kallas | Employees: 287"); the
// guaranteed places keep what the first stage was surest of. It returns
// how many candidates were scored.
func (s *Searcher) rerank(ctx context.Context, q Query, terms []Term, hits []Hit) ([]Hit, int, error) {
	if len(hits) == 0 {
		return hits, 0, nil
	}
	depth := len(hits)
	if q.Mode == ModeCascade {
		depth = s.cascade(terms, hits)
	}
	out := append([]Hit(nil), hits...)
	if depth == 0 {
		return out, 0, nil
	}
	passages := make([]string, depth)
	for i, h := range hits[:depth] {
		passages[i] = h.Chunk.Text
	}
	scores, err := s.models.Reranker.Rerank(ctx, q.Text, passages)
	if err != nil {
		return nil, 0, fmt.Errorf("rerank: %w", err)
	}
	if len(scores) != depth {
		return nil, 0, fmt.Errorf("rerank: %d scores for %d passages", len(scores), depth)
	}
	for i := range scores {
		out[i].Logit = float64(scores[i])
		out[i].Reranked = true
	}
	keep := 0
	if q.Mode == ModeGuaranteed || q.Mode == ModeCascade {
		keep = max(min(q.TopK-s.opts.Guaranteed, depth), 0)
	}
	rest := out[keep:depth]
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Logit > rest[j].Logit })
	for i := keep; i < depth; i++ {
		out[i].Score = out[i].Logit
	}
	return out, depth, nil
}

// cascade is how many of the candidates the cross-encoder should score:
// 0 when the first stage is confident, else at most cascadeDepth.
func (s *Searcher) cascade(terms []Term, hits []Hit) int {
	depth := min(len(hits), cascadeDepth)
	top := hits[0]
	if top.BM25Rank == 1 && top.DenseRank == 1 {
		return 0
	}
	topFull := false
	for i, h := range hits[:depth] {
		if Coverage(terms, termSet(s.analyse(h.Chunk))) < cascadeCoverage {
			continue
		}
		if i > 0 {
			return depth // another candidate holds the question too
		}
		topFull = true
	}
	if topFull {
		return 0
	}
	return depth
}

// bestLogit is the highest logit of the scored hits.
func bestLogit(hits []Hit) float64 {
	best := hits[0].Logit
	for _, h := range hits {
		if h.Reranked {
			best = max(best, h.Logit)
		}
	}
	return best
}
