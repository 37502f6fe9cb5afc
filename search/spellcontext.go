package search

import (
	"context"
	"fmt"
	"slices"
)

// Frequency alone picks the wrong word when a rarer one is meant: in a
// library of many filings "lobor" is "labor" (one vowel off, and a
// hundred times as frequent) though "What is the lobor rate as of
// October 31, 2009?" asks for LIBOR, which one chunk states with every
// other word of the question ("LIBOR plus 2.05% (2.34% as of October 31,
// 2009)"). Of the likely corrections of a word, the likeliest that some
// chunk says together with every other word of the question the
// library knows is taken; when none is, the likeliest, as before.
// A correction too unlikely to be guessed alone (one rare slip to a rare
// word: "Kelir", f for l, is the "Kefir" of 33 chunks) is taken only so:
// "the net sales from ProBugs Kelir in 2018 and 2019" abstained, and one
// chunk says "ProBugs Kefir" with net sales, 2018 and 2019. The words
// that shape a question or an arithmetic ("amount", "respectively") are
// not asked of the chunk. (Norvig's speller weighs a candidate by the
// words beside it in the same way, with a corpus of phrases instead of
// chunks.)

// otherWords are the question's other words the library knows (see
// knownTerms), read once, when first asked for.
type otherWords func() ([]string, error)

// inContext is the first of cands (likeliest first) that a chunk says
// with every other word of the question; ok is false when none is.
func (s *Searcher) inContext(ctx context.Context, cands []spelling, around otherWords) (c spelling, ok bool, err error) {
	if len(cands) == 0 {
		return spelling{}, false, nil
	}
	words, err := around()
	if err != nil || len(words) == 0 {
		return spelling{}, false, err
	}
	for _, c := range cands {
		hits, err := s.store.SearchEvery(ctx, append([]string{c.term}, words...), nil, 1, nil)
		if err != nil {
			return spelling{}, false, fmt.Errorf("spelling in context: %w", err)
		}
		if len(hits) > 0 {
			return c, true, nil
		}
	}
	return spelling{}, false, nil
}

// knownTerms are the question's analysed terms that some chunk holds,
// but for the words that shape a question or an arithmetic.
func (s *Searcher) knownTerms(question string) ([]string, error) {
	var terms []string
	for _, t := range s.store.Analyze(question) {
		if !s.asking[t] && !s.arithmetic[t] && !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil, nil
	}
	_, df, err := s.store.IDF(terms)
	if err != nil {
		return nil, fmt.Errorf("spelling in context: %w", err)
	}
	var known []string
	for i, t := range terms {
		if df[i] > 0 {
			known = append(known, t)
		}
	}
	return known, nil
}
