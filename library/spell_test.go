package library

import (
	"context"
	"testing"
)

// A question with typos finds the page its right spelling finds: p.30 of
// the Northwind Standard plan, whose hearing care section it asks about.
func TestTyposFindThePageOfTheRightSpelling(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/northwind"))
	const (
		typed = "What typs of hearin care servises are covered by the Northwind Standard plan?"
		right = "What types of hearing care services are covered by the Northwind Standard plan?"
		file  = "Northwind_Standard_Benefits_Details.pdf"
	)
	for _, q := range []string{typed, right} {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Abstained || len(ans.Citations) == 0 || ans.Citations[0].File != file || ans.Citations[0].Page != 30 {
			t.Fatalf("%q: abstained %t, citations %+v", q, ans.Abstained, ans.Citations)
		}
		if want := map[string]string{typed: right, right: ""}[q]; ans.Corrected != want {
			t.Errorf("%q: showing results for %q, want %q", q, ans.Corrected, want)
		}
	}
	ans, err := lib.Ask(context.Background(), typed, AskOptions{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Corrected != "" {
		t.Errorf("asked exactly, searched as %q", ans.Corrected)
	}
	// Words the library knows, and those that are not typos, stay.
	for _, q := range []string{
		"What is the capex of Contoso in FY2022?",
		"Are COGS and EBITDA reported by Northwind Health?",
		"How many employees does Contoso have?",
		"Does Northwind Standard cover eye exams?",
	} {
		res, err := lib.Search(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Corrected != "" {
			t.Errorf("%q searched as %q", q, res.Corrected)
		}
	}
}
