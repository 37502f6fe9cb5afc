package search

import (
	"slices"
	"strings"
	"unicode"
)

// A question says "annual deductible" or "yearly limit" of a plan that
// writes "calendar year deductible" and "$2,000 per year": the adjective
// of a period is its noun to the stemmer's eyes no more than "copay" is
// "co-payment" ("annual" and "yearli" are not "year"). Such a word of
// the question is read as the period's noun, the way a short form is
// read as its long form (defined.go): searched beside the question at
// the weight of one word, and said by a chunk that says the noun.
var periodNouns = map[string]string{
	"annual":    "year",
	"annually":  "year",
	"yearly":    "year",
	"quarterly": "quarter",
	"monthly":   "month",
	"weekly":    "week",
	"daily":     "day",
}

// periods returns, for each term of a question word that names a period
// by its adjective, the terms of the period's noun, and the nouns to
// search with the question. A question that says the noun too ("annual
// deductible per year") is left as it is.
func (s *Searcher) periods(question string) (map[string][]string, []string) {
	var terms map[string][]string
	var nouns []string
	asked := termSet(s.store.Analyze(question))
	words := strings.FieldsFunc(strings.ToLower(question), func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		noun, ok := periodNouns[w]
		if !ok {
			continue
		}
		long := s.contentTerms(noun)
		if len(long) == 0 || asked[long[0]] {
			continue
		}
		for _, t := range s.contentTerms(w) {
			if terms == nil {
				terms = map[string][]string{}
			}
			if _, seen := terms[t]; !seen {
				nouns = append(nouns, withNext(noun, words, i))
			}
			terms[t] = long
		}
	}
	return terms, nouns
}

// periodTerm reports whether t is the analysed term of a period's noun.
func (s *Searcher) periodTerm(t string) bool {
	for _, noun := range periodNouns {
		if slices.Contains(s.contentTerms(noun), t) {
			return true
		}
	}
	return false
}

// withNext is noun with the word after words[i], if any: "annual
// deductible" is searched as "year deductible" too, whose noun weighs
// half a word (the share of a long form's term, store.SearchTextAlso).
// At a whole word's weight "year", said on most pages of a financial
// report, pulled "year ended" pages above MGM's interest expense for
// "annual Interest Expense".
func withNext(noun string, words []string, i int) string {
	if i+1 < len(words) {
		return noun + " " + words[i+1]
	}
	return noun
}
