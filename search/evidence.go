package search

import (
	"slices"
	"strconv"

	"quire/internal/stats"
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
	idf   map[string]float64    // of each content term
	pairs map[[2]string]float64 // adjacent content terms: the rarer's IDF, times the times the question says them
	all   float64               // the weight of all pairs
	nums  []string              // the numbers the question states, distinct
	// alias maps a period's noun (see period.go) to the question's term
	// it stands for: "calendar year deductible" says "annual deductible"
	// as a pair. A short form's one-term long form ("copayment" for
	// "copay") is no alias: read so, it moved Northwind's copay page from
	// first to second and placed no page better.
	alias map[string]string
}

func (s *Searcher) question(text string, terms []Term, defined map[string][]string) question {
	q := question{idf: map[string]float64{}, alias: map[string]string{}}
	for short, long := range defined {
		if len(long) == 1 && s.periodTerm(long[0]) {
			q.alias[long[0]] = short
		}
	}
	held := map[string]bool{}
	for _, t := range terms {
		q.idf[t.Text] = t.IDF
		held[t.Text] = t.DF > 0
	}
	var seq []string
	for _, t := range s.store.Analyze(text) {
		// A term no chunk holds ("debttototal", the joined form of
		// "debt-to-total") can stand next to nothing, and left in it
		// would part "total" from "asset".
		if s.asking[t] || !held[t] {
			continue
		}
		seq = append(seq, t)
		if isNumber(t) && !slices.Contains(q.nums, t) {
			q.nums = append(q.nums, t)
		}
	}
	q.pair(seq)
	return q
}

// pair sets the question's adjacent term pairs from its content terms in
// order.
func (q *question) pair(seq []string) {
	q.pairs, q.all = map[[2]string]float64{}, 0
	for i := 1; i < len(seq); i++ {
		w := min(q.idf[seq[i-1]], q.idf[seq[i]])
		q.pairs[[2]string{seq[i-1], seq[i]}] += w
		q.all += w
	}
}

// measure returns the hit's evidence; best is the pool's best
// first-stage score and seq the chunk's analysed terms in order.
func (q question) measure(h Hit, best float64, seq []string, set map[string]bool) evidence {
	var f evidence
	if best > 0 {
		f[fFirst] = h.Score / best
	}
	f[fPhrase] = q.phraseShare(seq)
	f[fNumber] = stats.ShareIn(q.nums, set)
	return f
}

// phraseShare is the weight of the question's adjacent term pairs that
// stand adjacent in text, over the weight of all its pairs; a pair weighs
// as its rarer term, times as often as the question says it. Stop
// words are out of both sequences, so "payments are due" and "payments
// due" are the same pair.
func (q question) phraseShare(text []string) float64 {
	if q.all == 0 {
		return 0
	}
	var have float64
	seen := map[[2]string]bool{}
	for i := 1; i < len(text); i++ {
		for _, p := range q.readings(text[i-1], text[i]) {
			if w, ok := q.pairs[p]; ok && !seen[p] {
				seen[p] = true
				have += w
			}
		}
	}
	return have / q.all
}

// readings returns the pair a and b make, and the pairs they make when a
// long form's term is read as the question's term it stands for.
func (q question) readings(a, b string) [][2]string {
	ps := [][2]string{{a, b}}
	aa, okA := q.alias[a]
	bb, okB := q.alias[b]
	if okA {
		ps = append(ps, [2]string{aa, b})
	}
	if okB {
		ps = append(ps, [2]string{a, bb})
	}
	if okA && okB {
		ps = append(ps, [2]string{aa, bb})
	}
	return ps
}

func isNumber(t string) bool {
	_, err := strconv.ParseFloat(t, 64)
	return err == nil
}
