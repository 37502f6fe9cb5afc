package llm

import "regexp"

// "What does the employee handbook say about remote work?" was answered
// with the handbook's workplace safety: its lines say "work" and
// "employees", and the handbook never says "remote". What a question
// asks a document to say something about is its topic, and every word of
// the topic must be in the answer, as what a coverage question asks
// about must (see namesObject).

// aboutRE finds the topic of a question that asks what is said about it.
var aboutRE = regexp.MustCompile(`(?i)\b(?:say|says|said|state|states|mention|mentions|write|writes|tell\s+(?:me|us))\s+about\s+(.+?)\s*\??\s*$`)

// namesTopic: the units name every word of the question's topic, when it
// asks what is said about one, or its field ("vision" for "eye"); a
// name's words ("the Magpie-7 warranty") are the name check's.
func (e Extractive) namesTopic(question, units string) bool {
	m := aboutRE.FindStringSubmatch(question)
	if m == nil {
		return true
	}
	asked := e.askedTerms(question)
	have := e.termSet(units)
	terms, field := e.objectTerms(m[1])
	for _, t := range terms {
		if asked[t] && !have[t] && !have[field[t]] {
			return false
		}
	}
	return true
}
