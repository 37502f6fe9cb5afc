package llm

import "testing"

func TestStatesNegation(t *testing.T) {
	for _, c := range []struct {
		question, units string
		want            bool
	}{
		{"What's not covered by Northwind Standard?", "Northwind Standard covers screening and compatibility tests.", false},
		{"What's not covered by Northwind Standard?", "Northwind Standard does not cover emergency services.", true},
		{"What does Northwind Standard not cover?", "Cosmetic surgery is excluded.", true},
		{"Which services are excluded from the plan?", "The plan covers hearing aids.", false},
		// A question that asks no negation is answered as before.
		{"What does Northwind Standard cover?", "Northwind Standard covers screening and compatibility tests.", true},
	} {
		if got := statesNegation(c.question, c.units); got != c.want {
			t.Errorf("statesNegation(%q, %q) = %v, want %v", c.question, c.units, got, c.want)
		}
	}
}
