package glossary

import "testing"

// The standard short forms are known in any case; others are not.
func TestKnown(t *testing.T) {
	for short, want := range map[string]string{
		"R&D":    "research and development",
		"capex":  "capital expenditures",
		"SG&A":   "selling, general and administrative",
		"IR":     "", // insulin resistance or investor relations
		"Magpie": "",
	} {
		if got, ok := Known(short); got != want || ok != (want != "") {
			t.Errorf("Known(%q) = %q, %v; want %q", short, got, ok, want)
		}
	}
}
