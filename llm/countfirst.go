package llm

import "quire/search"

// countFirst moves to the front of a "how many" question's units the best
// one that puts a number next to the noun counted ("approximately 118,400
// employees"), unless it covers the question much less than the best
// unit: every sentence of a page on a company's people says "employees"
// and the company's name, and a footnote's "1" is a figure too (see
// firstOfKind, which also says which of several goes first).
func countFirst(question string, units []unit, year func(unit) int) []unit {
	counted := search.CountedNoun(question)
	if counted == "" || counted == "times" {
		return units
	}
	return firstOfKind(units, search.CountStated(counted).MatchString, year)
}
