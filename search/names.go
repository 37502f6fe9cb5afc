package search

import (
	"regexp"
	"strings"
	"unicode"
)

// A subject word is a name: "Northwind", "Zentara", "MGM". In a library
// of a few documents the plain words of their pages ("plan", "cover",
// "services") also stand in most of their chunks and hardly anywhere
// else, yet a question that says "cover" is not about the Northwind
// booklets, and a note that says it kept the search to "the documents
// about cover" names no subject a user would recognise. A question word
// is taken for a name when it is written with a capital past the start
// of a sentence, or is no English word (of the four letters or more the
// lexicon judges); the words of the name of a file
// the question names are names too (subjectTerms).

// questionWord matches a word of a question, a possessive's "'s" apart.
var questionWord = regexp.MustCompile(`[\p{L}\p{N}]+`)

// nameTerms returns the analysed terms of the question's words that may
// be names.
func (s *Searcher) nameTerms(question string) map[string]bool {
	out := map[string]bool{}
	for _, loc := range questionWord.FindAllStringIndex(question, -1) {
		w := question[loc[0]:loc[1]]
		if !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		capital := unicode.IsUpper([]rune(w)[0]) && !sentenceStart(question[:loc[0]])
		// The lexicon holds words of four letters or more: a shorter
		// one ("eye", "fee") is a name only when capitalised.
		if !capital && (len([]rune(w)) < 4 || s.lexicon.Has(w)) {
			continue
		}
		for _, t := range s.store.Analyze(w) {
			out[t] = true
		}
	}
	return out
}

// sentenceStart reports whether a word after before starts a sentence:
// it is the first, or follows a full stop, question or exclamation mark.
func sentenceStart(before string) bool {
	before = strings.TrimRightFunc(before, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"'“‘(`, r) })
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".?!")
}
