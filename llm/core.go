package llm

import (
	"regexp"
	"strings"

	"quire/search"
)

// Analysts' questions come wrapped in instructions: "Using only the
// information within the balance sheet, how much total assets did Costco
// have at the end of FY2021? Answer in USD millions." The words that say
// where to look and how to answer ("balance sheet", "USD millions") match
// every sentence about the balance sheet and none of them is the answer;
// the row that answers is "Total assets 59,268 55,556". The answer is
// chosen for the question's core, the interrogative clause, and the
// instructions weigh no more than the document's own name does.

var (
	// leadIn ends a preamble that introduces the question: "Please answer
	// the following question:", "Here's the question:".
	leadIn = regexp.MustCompile(`(?i)\b(?:following question|here'?s the question|the question is)\b[^:?]*:\s*`)
	// sourceClause is an opening clause that names where to look, before
	// the question proper: "Using only the information within the balance
	// sheet, …", "According to the details clearly outlined within the
	// balance sheet, …".
	sourceClause = regexp.MustCompile(`(?i)^(?:using|according to|based on|basing|by drawing|considering|taking into account|in agreement with|when primarily referencing|by relying on|relying on|referring to|from)\b[^,?]*\b(?:statements?|sheet|p&l|position|information|data|details)\b[^,?]*,\s*`)
	// namedSource is a phrase inside the question that names the
	// document to look in: "… according to the Northwind Health Plus
	// Benefits Details?", "the prior authorization process outlined in
	// the Northwind_Health_Plus_Benefits_Details.pdf affect …". Its verb
	// ("according", "outlined") matches "in accordance with" and "the
	// tips outlined above" and answers nothing.
	namedSource = regexp.MustCompile(`(?i:,?\s*\b(?:according to|(?:as\s+)?(?:outlined|described|detailed|stated|explained|mentioned|specified)\s+in))\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s*)+`)
)

// linkingWords join a question's parts ("the limitations of the plan
// regarding clinical trials") or stress one ("especially when using
// in-network providers", "how can a policyholder effectively manage")
// and say nothing of what is asked; they weigh no more than the
// question's instructions. Rare in the documents, they weighed most.
var linkingWords = map[string]bool{"regarding": true, "concerning": true, "pertaining": true, "according": true,
	"especially": true, "particularly": true, "specifically": true, "effectively": true, "considering": true}

// coreQuestion is the interrogative clause of a question: the sentence
// that asks (the first ending in "?"), after any preamble and opening
// clause naming the statement to use. A question without instructions is
// its own core.
func coreQuestion(q string) string {
	q = strings.TrimSpace(q)
	if loc := leadIn.FindStringIndex(q); loc != nil {
		q = q[loc[1]:]
	}
	if i := strings.Index(q, "?"); i >= 0 {
		q = q[:i+1]
		// The asking sentence is the last one before the "?".
		if j := strings.LastIndex(q[:i], ". "); j >= 0 {
			q = q[j+2:]
		}
	}
	q = sourceClause.ReplaceAllString(q, "")
	q = strings.Join(strings.Fields(namedSource.ReplaceAllString(q, " ")), " ")
	return strings.TrimSpace(strings.ReplaceAll(q, " ?", "?"))
}

// inCore scales down the terms of a question's instructions, those not in
// its core, as inContext does the document's name.
func (e Extractive) inCore(terms []search.Term, question string) []search.Term {
	core := coreQuestion(question)
	in := map[string]bool{}
	for _, w := range strings.Fields(core) {
		if linkingWords[strings.ToLower(w)] {
			continue
		}
		for _, t := range e.Analyze(w) {
			in[t] = true
		}
	}
	out := append([]search.Term(nil), terms...)
	for i := range out {
		if !in[out[i].Text] {
			out[i].IDF *= contextWeight
		}
	}
	return out
}
