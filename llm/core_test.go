package llm

import (
	"strings"
	"testing"

	"quire/search"
)

func TestCoreQuestion(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		{"Using only the information within the balance sheet, how much total assets did Costco have at the end of FY2021? Answer in USD millions.",
			"how much total assets did Costco have at the end of FY2021?"},
		{"We need to calculate a financial metric by using information only provided within the balance sheet. Please answer the following question: what is Boeing's year end FY2018 net property, plant, and equipment (in USD millions)?",
			"what is Boeing's year end FY2018 net property, plant, and equipment (in USD millions)?"},
		{"What is the FY2016 COGS for Microsoft? Please state answer in USD millions. Provide a response to the question by primarily using the statement of income.",
			"What is the FY2016 COGS for Microsoft?"},
		{"Assume that you are a public equities analyst. Answer the following question by primarily using information that is shown in the balance sheet: what is the year end FY2018 net PPNE for 3M? Answer in USD billions.",
			"what is the year end FY2018 net PPNE for 3M?"},
		{"What is the deductible of Northwind Standard?", "What is the deductible of Northwind Standard?"},
		{"List the services exempt from prior authorization", "List the services exempt from prior authorization"},
		// Northwind questions that name the document to look in.
		{"What are some services exempt from prior authorization according to the Northwind Health Plus Benefits Details?",
			"What are some services exempt from prior authorization?"},
		{"How does Northwind Health Plus manage coinsurance for virtual care services according to the Northwind_Health_Plus_Benefits_Details.pdf?",
			"How does Northwind Health Plus manage coinsurance for virtual care services?"},
		{"How does the prior authorization process outlined in the Northwind Health Plus Benefits Details affect the coinsurance responsibilities for services that require prior authorization?",
			"How does the prior authorization process affect the coinsurance responsibilities for services that require prior authorization?"},
	} {
		if got := coreQuestion(c.q); got != c.want {
			t.Errorf("coreQuestion(%q)\n = %q\nwant %q", c.q, got, c.want)
		}
	}
}

// A linking word weighs as little as the question's instructions:
// "regarding" matched "regarding their diagnosis" in a passage on prior
// authorization, asked about clinical trials.
func TestLinkingWordsWeighLittle(t *testing.T) {
	e := Extractive{Analyze: func(s string) []string { return strings.Fields(strings.ToLower(strings.Trim(s, "?"))) }}
	terms := []search.Term{{Text: "regarding", IDF: 1}, {Text: "trials", IDF: 1}}
	got := e.inCore(terms, "What are the coverage limitations of the plan regarding clinical trials?")
	if got[0].IDF != contextWeight || got[1].IDF != 1 {
		t.Errorf("weights %v", got)
	}
}
