package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What does in-network mean?" was answered with lines that use the word
// ("This plan provides a balance billing protection, meaning that you are
// protected from unexpected costs when visiting in-network providers");
// the plan's line that defines it goes first now.
func TestMeaningFromItsDefinition(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a plan")
	}
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Standard_Benefits_Details.pdf"))
	ans, first := asked(t, lib, "What does in-network mean?")
	if ans.Abstained || !strings.HasPrefix(first, "In-network providers are healthcare providers") {
		t.Errorf("want the plan's definition first; got:\n%s", ans.Text)
	}
}
