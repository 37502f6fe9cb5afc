package llm

import "testing"

// Only a question that asks no more than the M of X is read for X.
func TestOfObject(t *testing.T) {
	for q, want := range map[string]string{
		"What is the price of the Standard tier?":                                                     "Standard tier",
		"What's the list price of the Magpie-7?":                                                      "Magpie-7",
		"What is the role of coinsurance in Northwind Health Plus?":                                   "",
		"What is the amount of the gain accruing to JnJ?":                                             "",
		"What are the coverage limitations of the Northwind Standard plan regarding clinical trials?": "",
		"What is the price?": "",
	} {
		if got := ofObject(q); got != want {
			t.Errorf("ofObject(%q) = %q, want %q", q, got, want)
		}
	}
}
