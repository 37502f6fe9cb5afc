package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What protection does Contoso offer against balance billing?" asks for
// a protection. The answer began with a line torn from the plan's
// introduction ("… to offer our employees the Northwind"), which matched
// "Contoso" and "offer"; the line that says the protection goes first.
func TestWhatNounIsSaid(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Standard_Benefits_Details.pdf"))
	ans, first := asked(t, lib, "What protection does Contoso offer against balance billing?")
	if ans.Abstained || !strings.Contains(first, "balance billing protection") {
		t.Errorf("want the line that says the protection first; got:\n%s", ans.Text)
	}
}

// "What forms or certifications do operators need?", asked with Nike's
// 10-K beside the Zentara handbook, began with the Sarbanes-Oxley
// certifications that accompany the 10-K, which say nothing of
// operators: a "what N do S …" question is answered by lines that say S.
func TestWhatNounSubjectIsSaid(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"),
		filepath.Join(shared(t, "evaldata/financebench"), "NIKE_2021_10K.pdf"))
	ans, first := asked(t, lib, "What forms or certifications do operators need?")
	if ans.Abstained || !strings.HasPrefix(first, "Operators must complete the 4-hour Zentara Safety Certification") {
		t.Errorf("want the handbook's safety rule first; got:\n%s", ans.Text)
	}
}
