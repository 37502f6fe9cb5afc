package llm

import "testing"

func TestAskedPhrase(t *testing.T) {
	for q, want := range map[string]string{
		"What is the dress code?":                        "dress code",
		"What are the risk factors?":                     "risk factors",
		"What is coinsurance?":                           "",
		"What is the deductible for Northwind Standard?": "",
		"What is Netflix's revenue?":                     "",
		"What is Amazon's fiscal year?":                  "",
		"How many sick days do I get?":                   "sick days",
		"How many employees does Zentara have?":          "employees",
		"How many Magpie-7 units were deployed in 2025?": "units",
		"How much does the Starter tier cost?":           "",
	} {
		if got := askedPhrase(q); got != want {
			t.Errorf("askedPhrase(%q) = %q, want %q", q, got, want)
		}
	}
}
