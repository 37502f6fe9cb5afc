package search

import "testing"

// A company's name in words spells its file name's word run together.
func TestSpelledName(t *testing.T) {
	for _, c := range []struct{ q, name, want string }{
		{"What was Lockheed Martin's backlog at the end of 2022?", "LOCKHEEDMARTIN 2022 10K", "Lockheed Martin"},
		{"How much has the effective tax rate of American Express changed?", "AMERICANEXPRESS 2022 10K", "American Express"},
		{"Which Best Buy product category performed the best?", "BESTBUY 2024Q2 10Q", "Best Buy"},
		{"What was Netflix's revenue in 2017?", "NETFLIX 2017 10K", ""},
		{"Is the Magpie-7 rated for outdoor use?", "zentara robotics handbook", ""},
	} {
		if got := SpelledName(c.q, c.name); got != c.want {
			t.Errorf("SpelledName(%q, %q) = %q, want %q", c.q, c.name, got, c.want)
		}
	}
}
