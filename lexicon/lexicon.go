// Package lexicon knows which lower-case words are English as written,
// so that a word a library's documents lack is not taken for a typo of
// one they have ("many" is not a misspelt "day"; "capex" is not "cape").
//
// words.txt is every entry of four or more letters a–z of the WordPiece
// vocabulary of bert-base-uncased (Apache-2.0, google-research/bert; the
// file models/ embeds), which covers the common words of English
// prose and their usual inflections, many names and places. Jargon adds
// the analysts' abbreviations that are written in lower case but are in
// no general vocabulary.
package lexicon

import (
	_ "embed"
	"strings"
)

//go:embed words.txt
var words string

// jargon are words of business questions that general vocabularies lack.
var jargon = []string{
	"capex", "opex", "ebitda", "ebita", "ebit", "cogs", "roic", "roce", "sg&a",
	"yoy", "qoq", "ytd", "fcf", "eps", "ttm", "ltm", "arpu", "mrr", "kpis",
	"capexes", "opexes", "fintech", "biotech", "medtech", "proptech", "adtech",
}

// Set is a set of lower-case words.
type Set map[string]bool

// English returns the words of words.txt and the jargon, a new set on
// each call (some 20,000 words, parsed in about a millisecond).
func English() Set {
	s := make(Set, 21000)
	for _, w := range strings.Split(words, "\n") {
		if w != "" {
			s[w] = true
		}
	}
	for _, w := range jargon {
		s[w] = true
	}
	return s
}

// Has reports whether w, lower-cased, is in the set.
func (s Set) Has(w string) bool { return s[strings.ToLower(w)] }
