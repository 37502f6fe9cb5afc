package llm

import (
	"regexp"
	"strings"
)

// The lines after an answer's first passage add what other passages say
// about the question. Two kinds of line match the question's words and
// add nothing to it: a made-up example from another passage ("For example, if
// the primary plan has a $1,000 deductible and Northwind Standard has a
// $500 deductible, …", from the coordination of benefits, under "What
// is the deductible for Northwind Standard?"), which illustrates that
// passage's rule, not the answer; and, for a coverage question, a line
// that names what is asked about without stating its coverage (a bare
// "• Routine eye exams" of a list of services exempt from prior
// authorization). For a question on what is not covered, a line that
// says what is covered adds nothing either (see statesNegation); nor, for
// a question how many or how much, a line that states no amount (an
// exhibit's number, "10.23 Employee Matters Agreement", is none).

// exampleStart opens a made-up case that illustrates the sentence
// before it ("For example, if the primary plan has a $1,000 deductible
// …"). An example that states a fact of the document ("For instance, some
// services, such as laboratory tests, may not be available via virtual
// care") is no made-up case and answers like any sentence.
var exampleStart = regexp.MustCompile(`(?i)^(?:for example|for instance|e\.g\.|as an example|to illustrate),?\s+(?:if|when|say|suppose|imagine|assume|let's say|let’s say)\b`)

// isExample: the sentence opens a made-up case (see exampleStart).
func isExample(text string) bool { return exampleStart.MatchString(strings.TrimSpace(text)) }

// addsToAnswer: a unit quoted after the answer's first passage states
// something of its own for question.
func (e Extractive) addsToAnswer(question string, u unit) bool {
	if isExample(u.text) || !statesNegation(question, u.text) {
		return false
	}
	if howMany.MatchString(question) && (!hasFigure(stripYears(u.text)) || exhibitNumber.MatchString(u.text)) {
		return false // "2002 Employee Stock Purchase Plan, and Netflix.com, Inc." counts no employees
	}
	object, verb, ok := coverObject(question)
	if !ok || !e.holdsObject(object, u.text) {
		return true
	}
	return stating(verb).MatchString(u.text)
}

// asides keeps the units that add to the answer (see addsToAnswer).
func (e Extractive) asides(question string, us []unit) []unit {
	var out []unit
	for _, u := range us {
		if e.addsToAnswer(question, u) {
			out = append(out, u)
		}
	}
	return out
}
