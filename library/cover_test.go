package library

import (
	"context"
	"strings"
	"testing"
)

// Asked of the shared Northwind PDFs, a coverage question is answered by
// what the documents say the plan covers (Benefit_Options.pdf p.3: "vision
// exams"), not by the Health Plus list of services exempt from prior
// authorization that names "Routine eye exams"; the deductible's answer
// quotes no example from the coordination of benefits; and the first line
// is the passage that answers, not a recap of its section.
func TestNorthwindAnswersWhatIsAsked(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/northwind"))
	for q, want := range map[string]string{
		// Sentences on out-of-network providers match this alike; the one
		// whose passage is about their costs answers.
		"What are the financial implications of choosing an out-of-network provider under the Northwind Standard Benefits Details?": "you may be responsible for the entire cost of services",
		// The section's recap ("To sum up, the Right of Recovery provision
		// … is a great way to …") names no limitation, and what the
		// provision allows is not one either (see limitation_test.go).
		"What are the limitations of the Right of Recovery provision in the Northwind Health Plus Benefits Details?": "only applies to services that are covered under the plan",
		"Does Northwind Health Plus cover routine eye exams?":                                                        "Northwind Health Plus offers coverage for vision exams",
		"Does Northwind Standard cover eye exams?":                                                                   "Northwind Standard only offers coverage for vision exams and glasses.",
		"What is the deductible for Northwind Standard?":                                                             "$2,000",
	} {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(ans.Text, "\n")
		if !strings.Contains(first, want) {
			t.Errorf("%q answered:\n%s\nwant %q in the first line", q, ans.Text, want)
		}
		for _, bad := range []string{"exempt from prior authorization", "Routine eye exams", "For example"} {
			if strings.Contains(ans.Text, bad) {
				t.Errorf("%q answered with %q:\n%s", q, bad, ans.Text)
			}
		}
	}
}
