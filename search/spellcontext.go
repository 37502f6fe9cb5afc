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
// (Norvig's speller weighs a candidate by the words beside it in the
// same way, with a corpus of phrases instead of chunks.)

// inContext is the first of cands (likeliest first) that a chunk says
// with every term of ctx, else the first; none when cands is empty.
func (s *Searcher) inContext(cands []spelling, ctx []string) (spelling, error) {
	if len(cands) == 0 {
		return spelling{}, nil
	}
	if len(cands) == 1 || len(ctx) == 0 {
		return cands[0], nil
	}
	for _, c := range cands {
		hits, err := s.store.SearchEvery(context.Background(), append([]string{c.term}, ctx...), nil, 1, nil)
		if err != nil {
			return spelling{}, fmt.Errorf("spelling in context: %w", err)
		}
		if len(hits) > 0 {
			return c, nil
		}
	}
	return cands[0], nil
}

// knownTerms are the question's analysed terms that some chunk holds,
// but for the words that shape a question.
func (s *Searcher) knownTerms(question string) ([]string, error) {
	var terms []string
	for _, t := range s.store.Analyze(question) {
		if !s.asking[t] && !slices.Contains(terms, t) {
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
