package llm

import (
	"strings"
	"testing"
)

// Chunks as Quire stores them: Lifeway Foods' property table (2019
// 10-K, p.71) and Best Buy's deferred compensation note (2019 10-K,
// p.87), which says "value", "vehicles" and "respectively" more than the
// table does.
const (
	propertyTable = "Note 4 – Property, Plant and Equipment, net\n\nProperty, plant and equipment consisted of the following:\n\nDecember 31,\n2019 2018\n" +
		"Land $ 1,565 $ 1,747\nBuildings and improvements 17,332 17,520\nMachinery and equipment 30,670 29,692\nVehicles 778 937\n" +
		"Office equipment 851 838\nConstruction in process 362 546\n51,558 51,280\nLess accumulated depreciation (29,284 ) (26,707 )\n" +
		"Total property, plant and equipment, net $ 22,274 $ 24,573"
	investmentVehicles = "We offer a non-qualified, unfunded deferred compensation plan. The fair value of the investment vehicles was $44 million and $99 million at February 2, 2019, and February 3, 2018, respectively, and is included in Other assets. " +
		"In order to manage the risk of changes in the fair value of the liability for deferred compensation, we have elected to match our liability under the plan by investing in corresponding investment vehicles, whose value we report each year."
	feesTable = "Fiscal 2019 Fiscal 2018\nAudit Fees(1) $ 399,382 $ 499,850\nTax Fees 12,000 10,500\n\n" +
		"The “Audit Fees” are the aggregate fees of Marcum attributable to professional services rendered in 2019 and 2018 for the audit of our annual financial statements, for review of financial statements included in our quarterly reports on Form 10-Q. " +
		"Marcum billed us for professional services that were reasonably related to the performance of the audit or review of financial statements in 2019 and 2018, which are not included under Audit Fees above."
)

// The row the question names answers, not the prose of another filing
// that says the question's words more often.
func TestNamedRowAnswersBeforeProse(t *testing.T) {
	s := newLibrarySearcher(t, map[string][]string{
		"lifeway-foods-inc_2019.pdf": {propertyTable},
		"BESTBUY_2019_10K.pdf":       {investmentVehicles},
	})
	a := ask(t, s, "What is the value of vehicles in 2018 and 2019 respectively?")
	first, _, _ := strings.Cut(a.Text, "\n")
	if !strings.HasPrefix(first, "Vehicles, 2019: 778 (2018: 937)") {
		t.Errorf("answered:\n%s\nwant first the Vehicles row", a.Text)
	}
}

// Where two documents hold a row of the name asked, the answer quotes
// both, one after the other; a row that names part of what is asked is
// not quoted first.
func TestNamedRowOfEachDocument(t *testing.T) {
	s := newLibrarySearcher(t, map[string][]string{
		"inpixon_2019.pdf":             {feesTable},
		"viavi-solutions-inc_2019.pdf": {feesPage},
	})
	a := ask(t, s, "How much were Audit fees in 2019?")
	lines := strings.Split(a.Text, "\n")
	if len(lines) < 2 || !strings.Contains(a.Text, "399,382") || !strings.Contains(strings.Join(lines[:2], "\n"), "3,631,575") {
		t.Errorf("answered:\n%s\nwant both Audit Fees rows first", a.Text)
	}
}
