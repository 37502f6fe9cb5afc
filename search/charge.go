package search

import (
	"regexp"

	"quire/store"
)

// "What is the copay for a specialist under Northwind Standard?" asks an
// amount, and the plan states it in one sentence: "For Northwind
// Standard, the co-payment is $30 for primary care visits and $50 for
// specialist visits." Pages that talk about copays at length (how they
// vary, who may split one) say "copay" five times to its once and filled
// the five hits, none of them stating the amount; the answer abstained.
// A question that asks what a charge is has the candidate whose sentence
// states an amount beside most of the question's words placed first,
// when it is not among the first hits already.

// chargeNouns name what a plan or a price list charges or pays: asking
// for one asks for an amount. Analysed as the question is (see
// chargeTerms).
var chargeNouns = []string{"copay", "copayment", "deductible", "premium", "coinsurance", "fee", "price", "stipend", "allowance", "reimbursement"}

// asksWhat: the question asks what something is, or how much.
var asksWhat = regexp.MustCompile(`(?i)^\s*(?:what(?:'s|’s|\s+(?:is|are|was|were|will\s+be))|how\s+much)\b`)

// statedAmount: a sum of money or a percentage.
var statedAmount = regexp.MustCompile(`[$€£]\s?\d|\d%|\d\s?(?:percent|per cent)\b`)

// sentenceBreak ends a sentence or a line.
var sentenceBreak = regexp.MustCompile(`[.!?]["”’)]?\s+|\n`)

// chargeTerms returns the question's terms that name a charge, if it
// asks what one is.
func (s *Searcher) chargeTerms(question string) map[string]bool {
	if !asksWhat.MatchString(question) {
		return nil
	}
	nouns := map[string]bool{}
	for _, n := range chargeNouns {
		for _, t := range s.store.Analyze(n) {
			nouns[t] = true
		}
	}
	var out map[string]bool
	for _, t := range s.store.Analyze(question) {
		if nouns[t] {
			if out == nil {
				out = map[string]bool{}
			}
			out[t] = true
		}
	}
	return out
}

// chargeFirst puts first the hit among the candidates whose best
// sentence that states an amount and names the charge asked covers the
// most of the question's weight, the words of its document's name
// counted as said; unless one of the first k hits is as good. A
// candidate past the first k must hold as much of the question's weight
// as the best of them: "What is the price of the Magpie-7?" is not
// answered by another filing's "favorable price/mix of 1%".
func (s *Searcher) chargeFirst(question string, terms []Term, defined map[string][]string, hits []Hit, k int) []Hit {
	charge := s.chargeTerms(question)
	if charge == nil || len(hits) <= k {
		return hits
	}
	// The pool's hits come from few documents: each name is analysed once.
	names := map[uint64]map[string]bool{}
	named := func(d store.Document) map[string]bool {
		if _, ok := names[d.ID]; !ok {
			names[d.ID] = termSet(s.store.Analyze(d.NameWords()))
		}
		return names[d.ID]
	}
	bar := 0.0
	for _, h := range hits[:k] {
		bar = max(bar, s.heldWeight(h, named(h.Doc), terms, defined))
	}
	best, at := 0.0, -1
	for i, h := range hits {
		if i >= k && s.heldWeight(h, named(h.Doc), terms, defined) < bar {
			continue
		}
		if c := s.chargeStated(h, named(h.Doc), charge, terms, defined); c > best {
			best, at = c, i
		}
	}
	if at < k {
		return hits
	}
	h := hits[at]
	out := append([]Hit{h}, hits[:at]...)
	return append(out, hits[at+1:]...)
}

// heldWeight is the share of the question's weight that h's chunk and
// its document's name (named, analysed) hold.
func (s *Searcher) heldWeight(h Hit, named map[string]bool, terms []Term, defined map[string][]string) float64 {
	set := DefinedSet(s.analyse(h.Chunk), defined)
	for t := range named {
		set[t] = true
	}
	return Coverage(terms, set)
}

// chargeStated is the share of the question's weight held by the best
// sentence of h that states an amount and names the charge, its
// document's name (named) counted as said; 0 if none does.
func (s *Searcher) chargeStated(h Hit, named, charge map[string]bool, terms []Term, defined map[string][]string) float64 {
	best := 0.0
	for _, sent := range sentenceBreak.Split(h.Chunk.Text, -1) {
		if !statedAmount.MatchString(sent) || isContents(sent) {
			continue
		}
		set := DefinedSet(s.store.Analyze(sent), defined)
		if !namesCharge(set, charge) {
			continue
		}
		for t := range named {
			set[t] = true
		}
		best = max(best, Coverage(terms, set))
	}
	return best
}

// namesCharge: the sentence's terms hold one of the charge's.
func namesCharge(set, charge map[string]bool) bool {
	for t := range charge {
		if set[t] {
			return true
		}
	}
	return false
}
