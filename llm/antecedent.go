package llm

import (
	"regexp"
	"slices"
)

// pointsBack opens a sentence that goes on from the one before it: "For
// instance, some services, such as laboratory tests, … may not be
// available via virtual care" is an instance of what the sentence
// before says, and quoted alone it answers with half a thought.
var pointsBack = regexp.MustCompile(`^(?:For (?:instance|example)|However|In addition|Additionally|Also|Furthermore|Moreover|Likewise|Similarly|As a result|Therefore|Thus|In this case|In these cases)\b`)

// withAntecedent puts before an answer whose first unit points back (see
// pointsBack) the sentence it goes on from: the line just above it in its
// chunk, when that line is a sentence of prose that does not itself go on
// from another (a page's stray "2008." or a row is none). It returns the
// units and the count of them that lead the answer.
func withAntecedent(chosen []unit, lead int, at places) ([]unit, int) {
	if len(chosen) == 0 || !pointsBack.MatchString(chosen[0].text) {
		return chosen, lead
	}
	u := chosen[0]
	v, ok := at[[2]int{u.hit, u.pos - 1}]
	if !ok || !proseSentence(v.text) || pointsBack.MatchString(v.text) || slices.ContainsFunc(chosen, v.same) {
		return chosen, lead
	}
	return append([]unit{v}, chosen...), lead + 1
}
