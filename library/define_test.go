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

// "What is PerksPlus?" quoted a list of lessons the program covers; its
// overview defines it beside its name: "Introducing PerksPlus - the
// ultimate benefits program designed to support the health and wellness
// of employees."
func TestNameFromItsApposition(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "PerksPlus.pdf"), filepath.Join(shared(t, "evaldata/northwind"), "employee_handbook.pdf"))
	ans, first := asked(t, lib, "What is PerksPlus?")
	if ans.Abstained || !strings.HasPrefix(first, "Introducing PerksPlus - the ultimate benefits program") {
		t.Errorf("want the overview's definition first; got:\n%s", ans.Text)
	}
}
