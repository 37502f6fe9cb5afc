package llm

import (
	"regexp"
	"strings"
)

// "What is the price of the Standard tier?" was answered "List price
// (EUR) €68,400 per unit": the robot's price row says "price" and covers
// the question better, word for word, than the tier table's "Standard
// €2,150". A question that asks for the M of X is answered by a line
// that says X (in its own words, its table's header or its headings),
// not by any line that says M. Only a question that asks no more than
// that is read so (see ofObjectRE).

// ofObjectRE reads X of "what is the M of (the) X?", the whole question:
// M and X are one or two words each. A longer question's X ("the gain
// accruing to JnJ as a result of …", "the company's common stock that is
// listed on …") is more than a thing to name, and its words are not a
// line's.
var ofObjectRE = regexp.MustCompile(`(?i)^\s*what(?:'s|’s|\s+(?:is|was|are|were))\s+the\s+(?:[\p{L}-]+\s+){1,2}?of\s+(?:the\s+|an?\s+)?([\p{L}\d-]+(?:\s+[\p{L}\d-]+)?)\s*\?\s*$`)

// ofObject is X of a question that asks for the M of X, "" for any other.
func ofObject(question string) string {
	m := ofObjectRE.FindStringSubmatch(question)
	if m == nil {
		return ""
	}
	return m[1]
}

// saysOfObject: text holds every word of the question's X that is not a
// name (names are the name check's, which reads the document's own
// title) nor says how often.
func (e Extractive) saysOfObject(question, text string) bool {
	object := ofObject(question)
	if object == "" {
		return true
	}
	var words []string
	for _, w := range strings.Fields(object) {
		if !capitalised(w) && !hasDigit(w) {
			words = append(words, w)
		}
	}
	return len(words) == 0 || e.holdsObject(strings.Join(words, " "), text)
}
