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
