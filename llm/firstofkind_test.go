package llm

import "testing"

// Of several units of the kind asked that cover the question alike, the
// latest document's goes first when the question asks about now; the
// first in order otherwise, and a unit that covers much less never.
func TestFirstOfKind(t *testing.T) {
	units := []unit{
		{hit: 0, text: "Our employees are our greatest strength.", cov: 1},
		{hit: 1, text: "As of May 31, 2019, we had approximately 76,700 employees worldwide.", cov: 1},
		{hit: 2, text: "As of May 31, 2021, we had approximately 73,300 employees worldwide.", cov: 0.9},
		{hit: 3, text: "As of May 31, 2022, we had approximately 79,100 employees worldwide.", cov: 0.3},
	}
	years := []int{2021, 2019, 2021, 2022}
	year := func(u unit) int { return years[u.hit] }
	counts := func(s string) bool { return hasFigure(stripYears(s)) }
	if got := firstOfKind(units, counts, year); got[0].hit != 2 || len(got) != 4 {
		t.Errorf("about now: %q first", got[0].text)
	}
	if got := firstOfKind(units, counts, nil); got[0].hit != 1 {
		t.Errorf("in order: %q first", got[0].text)
	}
}
