package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// A question that asks for limits is answered with the lines that state
// them (issue #11): the clinical-trial limits began with "clinical trials
// are often available in limited locations", and the Right of Recovery's
// with what the provision allows.
func TestLimitsAreAnsweredWithTheLinesThatStateThem(t *testing.T) {
	lib := bothPlans(t)
	for q, want := range map[string]struct{ first, says string }{
		"What are the coverage limitations of the Northwind Standard plan regarding clinical trials?": {
			first: "Any other clinical trial services that are not explicitly covered by the Northwind Standard plan",
			says:  "the Northwind Standard plan does not cover travel expenses associated with attending clinical trials",
		},
		"What are the limitations of the Right of Recovery provision in the Northwind Health Plus Benefits Details?": {
			first: "First, the Right of Recovery provision only applies to services that are covered under the plan.",
			says:  "only applies to claims that are filed within six months of the date of service",
		},
	} {
		ans, _ := asked(t, lib, q)
		if ans.Abstained || !strings.HasPrefix(ans.Text, want.first) || !strings.Contains(ans.Text, want.says) {
			t.Errorf("%q answered:\n%s\nwant it to begin %q and say %q", q, ans.Text, want.first, want.says)
		}
	}
}

// What a plan covers is not answered first by what it does not: "What
// services does Northwind Health cover?" began with "Northwind Health
// Plus does not cover any services that are deemed medically
// unnecessary."
func TestCoveredIsAnsweredWithWhatIsCovered(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Health_Plus_Benefits_Details.pdf"))
	ans, _ := asked(t, lib, "What services does Northwind Health cover?")
	if first, _, _ := strings.Cut(ans.Text, "\n"); ans.Abstained || strings.Contains(first, "not") || !strings.Contains(first, "covers") {
		t.Errorf("answered:\n%s\nwant a line that says what the plan covers first", ans.Text)
	}
}
