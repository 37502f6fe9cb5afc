package llm

import (
	"regexp"
	"strings"
)

// "What is the dress code?" asks for one thing, named by two words. A
// coding manual that says "dressing changes … are to be coded as 99211"
// holds both words' stems and not the thing: the answer quoted it. When a
// question asks only what a phrase is, the quoted text must say two of
// its words together, as the question does ("Refund policy" for "What is
// the refund policy?").

// phraseOnlyRE matches a question that asks only what a phrase of two or
// three words is: "What is the dress code?", "What are the risk factors?".
// A name after it says whose the phrase is and is the name check's:
// "What are the working hours at Contoso?" quoted "24-hour nurse advice
// line".
var phraseOnlyRE = regexp.MustCompile(`(?i)^\s*(?:what|which)\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+)?([\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){1,2})` + `(?-i:\s+(?:at|of|for|in|under)\s+(?:the\s+)?\p{Lu}[\p{L}\d&.'’-]*(?:\s+\p{Lu}[\p{L}\d&.'’-]*)*)?\s*\?\s*$`)

// So too for what a question counts: "How many sick days do I get?" was
// answered with bond notes' "the actual number of days in the period".

// countedRE finds the words a "how many" question counts, up to its verb:
// "How many [sick days] do I get?".
var countedRE = regexp.MustCompile(`(?i)^\s*how\s+many\s+(.+?)\s+(?:do|does|did|are|is|were|was|can|could|will|would|should|have|has|had)\b`)

// askedPhrase is the phrase a question asks what it is, unless it names
// whose, or the phrase it counts, leaving out names (the name check's);
// "" when it asks neither.
func askedPhrase(question string) string {
	if m := phraseOnlyRE.FindStringSubmatch(question); m != nil {
		var words []string
		for _, w := range strings.Fields(m[1]) {
			if capitalised(w) || strings.ContainsAny(w, "'’") {
				// "What is Netflix's revenue?" names whose: its row says
				// "Revenues", and the name is the scope's and the name
				// check's.
				return ""
			}
			if objectWords[strings.ToLower(w)] {
				return "" // "the role of coinsurance" asks about coinsurance, not a phrase
			}
			if !howOften[strings.ToLower(w)] {
				words = append(words, w) // "annual deductible" is said "calendar year deductible"
			}
		}
		return strings.Join(words, " ")
	}
	m := countedRE.FindStringSubmatch(question)
	if m == nil {
		return ""
	}
	var words []string
	for _, w := range strings.Fields(m[1]) {
		if !capitalised(w) {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// saysPhrase: when the question asks only what a phrase is, or counts
// what a phrase names, text says two of its analysed words next to each
// other, in its order.
func (e Extractive) saysPhrase(question, text string) bool {
	phrase := askedPhrase(question)
	if phrase == "" {
		return true
	}
	words := e.Analyze(phrase)
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
