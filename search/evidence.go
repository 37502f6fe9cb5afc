package search

import (
	"slices"
	"strconv"
)

// The first stage scores each chunk on its words, each counted alone.
// What it does not see decides many questions: whether the chunk says
// the question's words in the question's order ("future minimum rental
// payments"), and whether it holds the year or figure asked about. In a
// library of a few hundred reports the words of "what percentage of
// future minimum rental payments are due in 2018?" stand in every
// filing's lease note; the one that says them as the question does is
// the page asked about. evidence measures these over the candidate pool;
// order.go weighs them into the second-stage order.

// feature indexes a candidate's evidence vector.
const (
	fFirst  = iota // the first stage's score over the pool's best (0–1)
	fPhrase        // share of the question's adjacent term pairs the chunk says adjacently, IDF-weighted
	fNumber        // share of the question's numbers (years, figures) the chunk holds
	nFeatures
)

// evidence is one candidate's feature vector.
type evidence [nFeatures]float64

// question is what the evidence is measured against: the query's content
// terms with their weights, in the question's order.
type question struct {
	idf  map[string]float64 // of each content term
	seq  []string           // analysed content terms in order, with repeats
	nums []string           // the numbers the question states, distinct
}

func (s *Searcher) question(text string, terms []Term) question {
	q := question{idf: map[string]float64{}}
	for _, t := range terms {
		q.idf[t.Text] = t.IDF
	}
	for _, t := range s.store.Analyze(text) {
		if s.asking[t] {
			continue
		}
		q.seq = append(q.seq, t)
		if isNumber(t) && !slices.Contains(q.nums, t) {
			q.nums = append(q.nums, t)
		}
	}
	return q
}

// measure returns the hit's evidence; best is the pool's best
// first-stage score and seq the chunk's analysed terms in order.
func (q question) measure(h Hit, best float64, seq []string, set map[string]bool) evidence {
	var f evidence
	if best > 0 {
		f[fFirst] = h.Score / best
	}
	f[fPhrase] = phraseShare(q.seq, seq, q.idf)
	f[fNumber] = numberShare(q.nums, set)
	return f
}

// phraseShare is the IDF weight of the question's adjacent term pairs
// that stand adjacent in text, over the weight of all its pairs; a pair
// weighs as its rarer term. Stop words are out of both sequences, so
// "payments are due" and "payments due" are the same pair.
func phraseShare(q, text []string, idf map[string]float64) float64 {
	if len(q) < 2 {
		return 0
	}
	pairs := make(map[[2]string]bool, len(text))
	for i := 1; i < len(text); i++ {
		pairs[[2]string{text[i-1], text[i]}] = true
	}
	var have, all float64
	for i := 1; i < len(q); i++ {
		w := min(idf[q[i-1]], idf[q[i]])
		all += w
		if pairs[[2]string{q[i-1], q[i]}] {
			have += w
		}
	}
	if all == 0 {
		return 0
	}
	return have / all
}

// numberShare is the share of the question's numbers that set holds; 0
// when the question states none.
func numberShare(nums []string, set map[string]bool) float64 {
	if len(nums) == 0 {
		return 0
	}
	n := 0
	for _, x := range nums {
		if set[x] {
			n++
		}
	}
	return float64(n) / float64(len(nums))
}

func isNumber(t string) bool {
	_, err := strconv.ParseFloat(t, 64)
	return err == nil
}
