package llm

import "testing"

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
	} {
		if got := coreQuestion(c.q); got != c.want {
			t.Errorf("coreQuestion(%q)\n = %q\nwant %q", c.q, got, c.want)
		}
	}
}
