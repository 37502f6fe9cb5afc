package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What is the dress code?" asked of a library with a VA coding handbook
// quoted "… dressing changes is to be coded as 99211": both words' stems,
// not the thing. A question that asks only what a phrase is must be
// answered by text that says the phrase's words together.
func TestPhraseIsSaidTogether(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Standard_Benefits_Details.pdf"),
		filepath.Join(shared(t, "pdfcorpus/files"), "opf-govdocs1-316267.pdf"))
	if ans, _ := asked(t, lib, "What is the dress code?"); !ans.Abstained {
		t.Errorf("want no answer; got:\n%s", ans.Text)
	}
	ans, first := asked(t, lib, "What is the out-of-pocket maximum?")
	if ans.Abstained || !strings.Contains(first, "out-of-pocket maximum") {
		t.Errorf("want the plan's maximum; got:\n%s", ans.Text)
	}
}

// "How many sick days do I get?", asked of a library with Amcor's 10-K,
// a book and the Northwind documents, none of which give sick days,
// quoted "Interest on the Notes will be computed on the basis of the
// actual number of days …": what a question counts must be said as it
// says it.
func TestCountedPhraseIsSaidTogether(t *testing.T) {
	nw := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "AMCOR_2023_10K.pdf"),
		filepath.Join(shared(t, "pdfcorpus/files"), "pdfjs-freeculture.pdf"), filepath.Join(nw, "employee_handbook.pdf"),
		filepath.Join(nw, "Northwind_Standard_Benefits_Details.pdf"), filepath.Join(nw, "Northwind_Health_Plus_Benefits_Details.pdf"))
	if ans, _ := asked(t, lib, "How many sick days do I get?"); !ans.Abstained {
		t.Errorf("want no answer; got:\n%s", ans.Text)
	}
}

// A question that names whose phrase it asks for is no phrase-only
// question: "What is Netflix's revenue?" is answered by the row
// "Revenues", which does not say "Netflix" beside it.
func TestNamedPhraseNeedsNoNameBeside(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "NETFLIX_2017_10K.pdf"))
	ans, first := asked(t, lib, "What is Netflix's revenue?")
	if ans.Abstained || !strings.HasPrefix(first, "Revenues") {
		t.Errorf("want the revenue row; got:\n%s", ans.Text)
	}
}

// A phrase asked of a named company is still a phrase: "What are the
// working hours at Contoso?" quoted the Health Plus plan's "24-hour nurse
// advice line". "The role of coinsurance" asks about coinsurance, and
// "the annual deductible" is the plan's "calendar year deductible": both
// are answered.
func TestPhraseOfANamedCompanyIsSaidTogether(t *testing.T) {
	nw := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(nw, "employee_handbook.pdf"), filepath.Join(nw, "Northwind_Health_Plus_Benefits_Details.pdf"))
	if ans, _ := asked(t, lib, "What are the working hours at Contoso?"); !ans.Abstained {
		t.Errorf("want no answer; got:\n%s", ans.Text)
	}
	answersFirst(t, lib, map[string]string{
		"What is the role of coinsurance in Northwind Health Plus?": "Coinsurance is a cost-sharing requirement",
		"What is the annual deductible for Northwind Health Plus?":  "$1,500",
	})
}
