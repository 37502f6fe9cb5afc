package llm

import "testing"

// A question on what a thing is for asks for no figure, however much its
// thing is one: "What is the role of coinsurance" is answered by what
// coinsurance does, "What is the coinsurance" by its rate.
func TestExplainIsNoFigure(t *testing.T) {
	for q, want := range map[string]bool{
		"What is the role of coinsurance in Northwind Health Plus?": false,
		"What is the purpose of the deductible?":                    false,
		"What is the coinsurance for Northwind Health Plus?":        true,
		"What is the warranty on the Magpie-7?":                     true,
		"What is the out-of-pocket maximum for Northwind Standard?": true,
	} {
		if got := expectsFigure(q); got != want {
			t.Errorf("expectsFigure(%q) = %v, want %v", q, got, want)
		}
	}
}
