package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What is Boeing's backlog?" asks for an amount: the backlog table's
// total answers, not a risk factor's "a key component of our commercial
// aircraft backlog".
func TestBacklogIsAnAmount(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "BOEING_2022_10K.pdf"))
	ans, _ := asked(t, lib, "What is Boeing's backlog?")
	if first, _, _ := strings.Cut(ans.Text, "\n"); !strings.HasPrefix(first, "Total Backlog: $404,381 (2022)") {
		t.Errorf("answered:\n%s\nwant the total backlog, $404,381 million, first", ans.Text)
	}
}

// A short form every reader knows is searched as its long form when the
// library defines it nowhere: Boeing's 10-K writes "Research and
// development" and never "R&D", and "What was Boeing's R&D expense in
// 2022?" abstained, its "R" matching Brian R. Besanceney. A sentence
// that names what is asked only as the cause of its figure ("BCA loss
// from operations was $2,370 million … partially offset by higher
// research and development spending") does not answer an amount.
func TestKnownShortFormAndNoCauseForTheAmount(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "BOEING_2022_10K.pdf"))
	short, _ := asked(t, lib, "What was Boeing's R&D expense in 2022?")
	long, _ := asked(t, lib, "What was Boeing's research and development expense in 2022?")
	if short.Abstained || short.Text != long.Text {
		t.Errorf("R&D answered:\n%s\nwant the answer to research and development:\n%s", short.Text, long.Text)
	}
	if ans, first := asked(t, lib, "How much did Boeing spend on R&D in 2022?"); strings.HasPrefix(first, "BCA loss from operations") {
		t.Errorf("answered:\n%s\nwant no loss whose cause is R&D spending first", ans.Text)
	}
}

// A statement line's words name no other line: "What was Boeing's cost
// of sales in 2022?" was answered with "Total revenues, 2022: 66,608",
// the "sales" of "cost of sales" read as revenue.
func TestCostOfSalesIsNoRevenue(t *testing.T) {
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "BOEING_2022_10K.pdf"), filepath.Join(dir, "NIKE_2021_10K.pdf"))
	if ans, first := asked(t, lib, "What was Boeing's cost of sales in 2022?"); strings.Contains(first, "revenues") {
		t.Errorf("answered:\n%s\nwant no revenue row for the cost of sales", ans.Text)
	}
	if ans, first := asked(t, lib, "What was Nike's cost of sales in 2021?"); !strings.HasPrefix(first, "Cost of sales, 2021: 24,576") {
		t.Errorf("answered:\n%s\nwant Nike's cost of sales row, 24,576, first", ans.Text)
	}
}

// A statement's row may be labelled with the word that narrows the
// measure alone: Netflix's "Marketing 1,278,022" among its operating
// expenses is the marketing expense, and "What was Netflix's marketing
// expense in 2017?" abstained for want of "marketing expense" written so.
func TestRowLabelledByTheModifier(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "NETFLIX_2017_10K.pdf"))
	if ans, first := asked(t, lib, "What was Netflix's marketing expense in 2017?"); !strings.HasPrefix(first, "Marketing, 2017: 1,278,022") {
		t.Errorf("answered:\n%s\nwant the marketing row, 1,278,022, first", ans.Text)
	}
	// "a $131.1 million increase in personnel-related costs" sizes a
	// change, and is no technology and development expense.
	if ans, first := asked(t, lib, "What was Netflix's technology and development expense in 2017?"); strings.Contains(first, "$131.1 million increase") {
		t.Errorf("answered:\n%s\nwant no change's size for the expense", ans.Text)
	}
}

// A line quoted beside the answer to "how many" states an amount: Netflix's
// head count came with "2002 Employee Stock Purchase Plan, and
// Netflix.com, Inc.", which holds the words and counts no one.
func TestHowManyAsidesStateAnAmount(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "NETFLIX_2017_10K.pdf"))
	ans, _ := asked(t, lib, "How many employees does Netflix have?")
	if !strings.HasPrefix(ans.Text, "As of December 31, 2017 , we had approximately 5,500 total employees. [1]") || strings.Contains(ans.Text, "Stock Purchase Plan") {
		t.Errorf("answered:\n%s\nwant the 5,500 employees, with no line that counts none", ans.Text)
	}
}

// "What is the price of the Standard tier?" asks the tier's price: the
// handbook's tier table says it ("Monthly fee … Standard €2,150"), and
// the robot's "List price (EUR) €68,400 per unit", which says "price",
// is not it.
func TestPriceOfWhatIsAsked(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/zentara"))
	answersFirst(t, lib, map[string]string{
		"What is the price of the Standard tier?": "Standard €2,150",
		"What is the list price of the Magpie-7?": "List price (EUR) €68,400 per unit",
	})
}

// A count may stand under its column's header: "How many picks are
// included in the Starter tier?" abstained on the tier table's row, whose
// 200,000 stands under "Included picks / month", not next to "picks".
func TestCountUnderItsHeader(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/zentara"))
	ans, first := asked(t, lib, "How many picks are included in the Starter tier?")
	if ans.Abstained || !strings.Contains(first, "Starter €1,200 Next business day 200,000") {
		t.Errorf("answered:\n%s\nwant the Starter tier's row first", ans.Text)
	}
}

// An exhibit's number counts nothing: "How many employees does Inpixon
// have?" quoted its exhibit list's "10.23 Employee Matters Agreement
// dated August 31, 2018 …", and the 10-K says "we have 109 employees".
func TestExhibitNumberIsNoCount(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/uda"), "inpixon_2019.pdf"))
	ans, first := asked(t, lib, "How many employees does Inpixon have?")
	if ans.Abstained || !strings.Contains(first, "we have 109 employees") || strings.Contains(ans.Text, "Employee Matters Agreement") {
		t.Errorf("answered:\n%s\nwant the 109 employees first, and no exhibit", ans.Text)
	}
}
