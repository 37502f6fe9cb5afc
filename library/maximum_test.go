package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// "What is the out-of-pocket maximum for Northwind Standard?" asks for an
// amount: the answer began with "Employees enrolled in the Northwind
// Standard plan can benefit from an out-of-pocket maximum that helps to
// protect them from large medical bills" and gave the figure two lines
// on. The line with the figure now goes first.
func TestMaximumIsAFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a plan")
	}
	dir := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(dir, "Northwind_Standard_Benefits_Details.pdf"))
	ans, first := asked(t, lib, "What is the out-of-pocket maximum for Northwind Standard?")
	if ans.Abstained || !strings.Contains(first, "out-of-pocket maximum") || !strings.Contains(first, "$") {
		t.Errorf("want the out-of-pocket maximum's amount first; got:\n%s", ans.Text)
	}
}

// "What is the warranty on the Magpie-7?" asks for a figure: it quoted
// "Outdoor deployment voids the warranty." The spec table's row, which
// says the warranty and a figure, goes first now, though a sentence on
// the Magpie-7 with a figure and no warranty covers the question better.
func TestWarrantyRowGoesFirst(t *testing.T) {
	dir := shared(t, "evaldata/zentara")
	lib := ingested(t, filepath.Join(dir, "zentara_robotics_handbook.pdf"))
	ans, first := asked(t, lib, "What is the warranty on the Magpie-7?")
	if ans.Abstained || !strings.HasPrefix(first, "Warranty 24 months parts and labour") {
		t.Errorf("want the warranty row first; got:\n%s", ans.Text)
	}
}

// "How much does the Magpie-7 cost?" abstained: the handbook writes "List
// price (EUR) €68,400 per unit" and never "cost". It is searched as the
// question it is, and says so; a product the handbook prices nowhere
// (the Magpie-4) still abstains.
func TestCostIsPrice(t *testing.T) {
	dir := shared(t, "evaldata/zentara")
	lib := ingested(t, filepath.Join(dir, "zentara_robotics_handbook.pdf"))
	ans, first := asked(t, lib, "How much does the Magpie-7 cost?")
	if ans.Abstained || !strings.Contains(first, "€68,400") || ans.Corrected != "What is the price of the Magpie-7?" {
		t.Errorf("want the list price first, searched as its price; got %q:\n%s", ans.Corrected, ans.Text)
	}
	if ans, err := lib.Ask(context.Background(), "How much does the Magpie-4 cost?", AskOptions{}); err != nil || !ans.Abstained {
		t.Errorf("the Magpie-4 is priced nowhere; got:\n%s", ans.Text)
	}
}

// "How heavy is the Magpie-7?" abstained and "How fast can the Magpie-7
// go?" answered "No.": the handbook writes "Mass (unladen) 84.5 kg" and
// "Top travel speed 2.4 m/s". They are searched as the questions they
// are, and say so; the Magpie-4, weighed nowhere, still abstains.
func TestHowAdjectiveIsQuantity(t *testing.T) {
	dir := shared(t, "evaldata/zentara")
	lib := ingested(t, filepath.Join(dir, "zentara_robotics_handbook.pdf"))
	for q, want := range map[string]string{
		"How heavy is the Magpie-7?":    "Mass (unladen) 84.5 kg",
		"How fast can the Magpie-7 go?": "Top travel speed 2.4 m/s",
	} {
		ans, first := asked(t, lib, q)
		if ans.Abstained || !strings.HasPrefix(first, want) || ans.Corrected == "" {
			t.Errorf("%q: want %q first, searched as a quantity; got %q:\n%s", q, want, ans.Corrected, ans.Text)
		}
	}
	if ans, _ := asked(t, lib, "How heavy is the Magpie-4?"); !ans.Abstained {
		t.Errorf("the Magpie-4 is weighed nowhere; got:\n%s", ans.Text)
	}
}
