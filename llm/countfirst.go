package llm

import "quire/search"

// countFirst moves to the front of a "how many" question's units the best
// one that puts a number next to the noun counted ("approximately 118,400
// employees"), unless it covers the question much less than the best
// unit: every sentence of a page on a company's people says "employees"
// and the company's name, and a footnote's "1" is a figure too.
func countFirst(question string, units []unit) []unit {
	counted := search.CountedNoun(question)
	if counted == "" || counted == "times" || len(units) == 0 {
		return units
	}
	re := search.CountOf(counted)
	if re.MatchString(units[0].text) {
		return units
	}
	for i, u := range units {
		if u.cov < figureShare*units[0].cov {
			break
		}
		if re.MatchString(u.text) {
			out := append([]unit{u}, units[:i]...)
			return append(out, units[i+1:]...)
		}
	}
	return units
}
