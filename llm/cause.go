package llm

import (
	"regexp"

	"quire/search"
)

// A sentence that gives one figure may name what is asked only as a
// cause of it: "BCA loss from operations was $2,370 million in 2022 …
// reflecting higher 737 deliveries …, partially offset by higher research
// and development spending" says what Boeing's airplanes lost, and is no
// answer to "How much did Boeing spend on R&D in 2022?". When an amount
// is asked, and not why it moved nor how ("events that … increased net
// income" are causes), a sentence must hold what is asked before the
// cause it gives.

// causeRE opens the part of a sentence that says why its figure is what
// it is.
var causeRE = regexp.MustCompile(`(?i)\b(?:due to|reflect(?:s|ing|ed)|offset by|driven by|as a result of|because of|resulting from)\b`)

// asksWhy: the question asks for the cause ("What drove …", "why").
var asksWhy = regexp.MustCompile(`(?i)\b(?:why|drove|drive|drivers?|driven|reasons?|caused?|due)\b`)

// asksLevel: the question asks what an amount is, not why or how it moved.
func asksLevel(question string) bool {
	return !asksWhy.MatchString(question) && !asksChange.MatchString(question)
}

// askedBeforeCause reports whether u holds what is asked before the cause
// it gives (all of u when it gives none).
func (e Extractive) askedBeforeCause(asked map[string]bool, u unit, defined map[string][]string) bool {
	loc := causeRE.FindStringIndex(u.text)
	if loc == nil || len(asked) == 0 {
		return true
	}
	for t := range search.DefinedSet(e.Analyze(u.text[:loc[0]]), defined) {
		if asked[t] {
			return true
		}
	}
	return rowScope([]unit{u}) != "" // a row's words are its table's too (see holdsAsked)
}
