package search

import (
	"sort"
)

// orderWeights weigh a candidate's evidence (evidence.go) into its
// second-stage score; only their ratios matter. They were fitted by
// pairwise logistic regression (each question's first evidence chunk
// against every other candidate of its pool) on the pools of the four
// shared question sets, each set alone and in the 279-document library,
// and checked by 5-fold cross-validation over questions: the weights
// fitted on four folds place the fifth's evidence pages as well as
// those fitted on all, and vary little between folds (phrase 1.09–1.45,
// number 0.14–0.44). The share of the question's IDF weight a chunk
// holds, the share its document's pool chunks hold, the document's
// share of the pool's score, and the same with IDF counted within the
// pool won nothing on held-out folds and are left out.
//
// The second stage runs in BM25 mode only: the use-lite hybrid pool,
// fused from min–max normalised scores, lost three FinanceBench pages
// with these weights (page hit@5 alone 0.443 → 0.417).
var orderWeights = evidence{
	fFirst:  1,
	fPhrase: 1.26,
	fNumber: 0.27,
}

// reorder orders the first stage's pool by the weighted evidence of each
// candidate, the first stage's order breaking ties. Each hit's Score
// becomes its second-stage score, and its Terms the chunk's analysed
// terms.
func (s *Searcher) reorder(text string, terms []Term, hits []Hit) []Hit {
	if len(hits) < 2 {
		return hits
	}
	q := s.question(text, terms)
	best := 0.0
	for _, h := range hits {
		best = max(best, h.Score)
	}
	scores := make([]float64, len(hits))
	for i := range hits {
		seq := s.store.Analyze(hits[i].Chunk.Text)
		set := make(map[string]bool, len(seq))
		for _, t := range seq {
			set[t] = true
		}
		f := q.measure(hits[i], best, seq, set)
		for j, w := range orderWeights {
			scores[i] += w * f[j]
		}
		hits[i].Terms = set
	}
	for i := range hits {
		hits[i].Score = scores[i]
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits
}
