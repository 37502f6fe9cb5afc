package llm

import "regexp"

// "What is the dress code?" asks for one thing, named by two words. A
// coding manual that says "dressing changes … are to be coded as 99211"
// holds both words' stems and not the thing: the answer quoted it. When a
// question asks only what a phrase is, the quoted text must say two of
// its words together, as the question does ("Refund policy" for "What is
// the refund policy?").

// phraseOnlyRE matches a question that asks only what a phrase of two or
// three words is: "What is the dress code?", "What are the risk factors?".
var phraseOnlyRE = regexp.MustCompile(`(?i)^\s*(?:what|which)\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+)?([\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){1,2})\s*\?\s*$`)

// saysPhrase: when the question asks only what a phrase is, text says two
// of its analysed words next to each other, in its order.
func (e Extractive) saysPhrase(question, text string) bool {
	m := phraseOnlyRE.FindStringSubmatch(question)
	if m == nil {
		return true
	}
	words := e.Analyze(m[1])
	if len(words) < 2 {
		return true
	}
	pairs := map[[2]string]bool{}
	for i := 1; i < len(words); i++ {
		pairs[[2]string{words[i-1], words[i]}] = true
	}
	seq := e.Analyze(text)
	for i := 1; i < len(seq); i++ {
		if pairs[[2]string{seq[i-1], seq[i]}] {
			return true
		}
	}
	return false
}
