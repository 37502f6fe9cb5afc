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
// vary little between folds (BM25: phrase 0.77–0.98, number 0.11–0.33;
// use-lite hybrid: phrase 1.57–1.82, number 0.28–0.57). SciFact, on
// which nothing here was fitted, checks the BM25 weights: nDCG@10
// 0.667 → 0.674 (with phrase 1.26 and number 0.27, fitted before
// question terms no chunk holds were left out of the pairs: 0.663).
// The share of the question's IDF weight a chunk holds, the share its
// document's pool chunks hold, the document's share of the pool's
// score, and the same with IDF counted within the pool won nothing on
// held-out folds and are left out.
var (
	bm25Weights  = evidence{fFirst: 1, fPhrase: 0.86, fNumber: 0.19}
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

// reorder orders the first n candidates of the first stage's pool by
// the weighted evidence of each, the first stage's order breaking ties;
// candidates past n keep their order after them. The weights were fitted
// on pools of the default 30 candidates: a deeper search (an evaluation
// asking for 200) would otherwise let the phrase and number evidence of
// weak candidates outrank the first stage's best. Each reordered hit's
// Score becomes its second-stage score, and its Terms the chunk's
// analysed terms.
func (s *Searcher) reorder(text string, terms []Term, defined map[string][]string, hits []Hit, weights evidence, n int) []Hit {
	head := hits[:min(n, len(hits))]
	if len(head) < 2 {
		return hits
	}
	q := s.question(text, terms, defined)
	best := 0.0
	for _, h := range head {
		best = max(best, h.Score)
	}
	scores := make([]float64, len(head))
	for i := range head {
		seq := s.analyse(head[i].Chunk)
		set := DefinedSet(seq, defined)
		f := q.measure(head[i], best, seq, set)
		for j, w := range weights {
			scores[i] += w * f[j]
		}
		head[i].Terms = set
	}
	for i := range head {
		head[i].Score = scores[i]
	}
	sort.SliceStable(head, func(i, j int) bool { return head[i].Score > head[j].Score })
	return hits
}
