package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What is the annual deductible for Northwind Health Plus?" abstained:
// the plan writes "calendar year deductible", and the chunks that say
// "annual deductible" say no amount. A period's adjective is read as its
// noun now. A limit asked "for" something is that thing's: the plan's
// out-of-pocket maximum of $4,000 per year, which the reading made a
// candidate, is no annual maximum for dental services.
func TestAnnualIsCalendarYear(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests two plans")
	}
	dir := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(dir, "Northwind_Standard_Benefits_Details.pdf"), filepath.Join(dir, "Northwind_Health_Plus_Benefits_Details.pdf"))
	// The Health Plus plan states its deductible twice, as $1,500 (p.12)
	// and as $2,000 per year (p.108); either is its own.
	for q, plan := range map[string]string{
		"What is the annual deductible for Northwind Health Plus?": "Northwind_Health_Plus_Benefits_Details.pdf",
		"What is the yearly deductible for Northwind Health Plus?": "Northwind_Health_Plus_Benefits_Details.pdf",
		"What is the annual deductible for Northwind Standard?":    "Northwind_Standard_Benefits_Details.pdf",
	} {
		ans, first := asked(t, lib, q)
		c := firstCited(ans)
		if ans.Abstained || !strings.Contains(first, "deductible") || !strings.Contains(first, "$") || c == nil || c.File != plan {
			t.Errorf("%q: want the deductible's amount first, from %s; got:\n%s\n%+v", q, plan, ans.Text, c)
		}
	}
	if ans, _ := asked(t, lib, "What is the annual maximum for dental services under Northwind Health Plus?"); !ans.Abstained {
		t.Errorf("the plans state no dental maximum; got:\n%s", ans.Text)
	}
}
