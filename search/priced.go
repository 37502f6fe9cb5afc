package search

import "regexp"

// "How much does the Magpie-7 cost?" asks its price; a spec sheet writes
// "List price (EUR) €68,400 per unit" and never "cost", and "cost" as a
// noun ("cost of sales") is another measure. The verb is searched and
// answered as the question it is, "What is the price of the Magpie-7?",
// shown as the question searched (Result.Corrected).
var costVerb = regexp.MustCompile(`(?i)^\s*(?:how much|what) (?:does|do|did|will|would) (.+?) cost\s*(?:\?|$)`)

// asPriced writes a question that asks what something costs as one that
// asks its price; other questions are returned as they are.
func asPriced(question string) string {
	return costVerb.ReplaceAllString(question, "What is the price of $1?")
}
