package search

import (
	"sort"
)

// orderWeights weigh a candidate's evidence (evidence.go) into its
// second-stage score, for each first stage whose pool is reordered; only
// their ratios matter. They were fitted by pairwise logistic regression
// (each question's first evidence chunk against every other candidate of
// its pool) on the 30-candidate pools of the four shared question sets,
// each set alone and in the 279-document library, and checked by 5-fold
// cross-validation over questions: the weights fitted on four folds
// place the fifth's evidence pages as well as those fitted on all, and
// vary little between folds (BM25: phrase 1.09–1.45, number 0.14–0.44;
// use-lite hybrid: phrase 1.57–1.82, number 0.28–0.57). The share of
// the question's IDF weight a chunk holds, the share its document's pool
// chunks hold, the document's share of the pool's score, and the same
// with IDF counted within the pool won nothing on held-out folds and are
// left out.
var (
	bm25Weights  = evidence{fFirst: 1, fPhrase: 1.26, fNumber: 0.27}
	blendWeights = evidence{fFirst: 1, fPhrase: 1.73, fNumber: 0.39}
)

// orderWeights are the second stage's weights for the mode's pool; ok is
// false when none were fitted for it. The hybrid weights are those of
// use-lite's fusion, a blend of min–max normalised scores (BM25's cost
// it three FinanceBench pages); reciprocal rank fusion scores, which
// differ little between neighbours, are left in their order.
func (s *Searcher) orderWeights(m Mode) (w evidence, ok bool) {
	switch {
	case m == ModeBM25:
		return bm25Weights, true
	case m == ModeHybrid && s.opts.Fusion == "blend":
		return blendWeights, true
	}
	return w, false
}

// reorder orders the first stage's pool by the weighted evidence of each
// candidate, the first stage's order breaking ties. Each hit's Score
// becomes its second-stage score, and its Terms the chunk's analysed
// terms.
func (s *Searcher) reorder(text string, terms []Term, hits []Hit, weights evidence) []Hit {
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
		seq := s.analyse(hits[i].Chunk)
		set := termSet(seq)
		f := q.measure(hits[i], best, seq, set)
		for j, w := range weights {
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
