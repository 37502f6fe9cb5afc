package search

import "testing"

func TestAsPriced(t *testing.T) {
	for q, want := range map[string]string{
		"How much does the Magpie-7 cost?":            "What is the price of the Magpie-7?",
		"what do the Enterprise tier's seats cost":    "What is the price of the Enterprise tier's seats?",
		"What was the cost of sales in 2022?":         "What was the cost of sales in 2022?",
		"How much did the restructuring cost Boeing?": "How much did the restructuring cost Boeing?",
	} {
		if got := asPriced(q); got != want {
			t.Errorf("asPriced(%q) = %q, want %q", q, got, want)
		}
	}
}
