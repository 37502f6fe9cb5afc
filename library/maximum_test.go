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
	ans, err := lib.Ask(context.Background(), "What is the out-of-pocket maximum for Northwind Standard?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(ans.Text, "\n")
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
	ans, err := lib.Ask(context.Background(), "What is the warranty on the Magpie-7?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(ans.Text, "\n")
	if ans.Abstained || !strings.HasPrefix(first, "Warranty 24 months parts and labour") {
		t.Errorf("want the warranty row first; got:\n%s", ans.Text)
	}
}
