package llm

import (
	"strings"
	"testing"
)

func TestAskedTwoRows(t *testing.T) {
	for _, c := range []struct {
		q    string
		want twoRows
		ok   bool
	}{
		{"What is the total of Tax Fees and All Other Fees in 2019?", twoRows{op: rowsSum, a: "Tax Fees", b: "All Other Fees", year: 2019}, true},
		{"What is the difference in net sales between drinkable Kefir other than ProBugs and Cheese in 2019?", twoRows{op: rowsDifference, a: "drinkable Kefir other than ProBugs", b: "Cheese", year: 2019}, true},
		{"What is the percentage difference of the total compensation between Timothy Campos and Tor Braham?", twoRows{op: rowsPercent, a: "Timothy Campos", b: "Tor Braham", total: true}, true},
		// No year and no total: no column to compare in.
		{"What is the difference between the Standard and Plus plans?", twoRows{}, false},
		// One row over years is another computation (compute.go).
		{"What is the total revenue for 2018 and 2019?", twoRows{}, false},
	} {
		got, ok := askedTwoRows(c.q)
		if ok != c.ok || got != c.want {
			t.Errorf("%q: %+v %v, want %+v %v", c.q, got, ok, c.want, c.ok)
		}
	}
}

// Two rows of one table are added in the year's column, and both quoted.
func TestComputedTotalOfTwoRows(t *testing.T) {
	page := "The following table presents fees billed by PricewaterhouseCoopers LLP.\n" +
		"Fiscal 2019 Fiscal 2018\n" +
		"Audit Fees (1) $ 3,631,575 $ 3,784,488\n" +
		"Tax Fees (3) 169,776 61,592\n" +
		"All Other Fees (4) 4,500 3,600\n" +
		"Total $ 3,805,851 $ 4,208,680"
	other := "Fees for other services rose, in total, from year to year."
	s := newNamedSearcher(t, "VIAVI_2019.pdf", page, other)
	ans := ask(t, s, "What is the total of Tax Fees and All Other Fees in 2019?")
	lines := strings.Split(ans.Text, "\n")
	if lines[0] != "Computed: 174,276 in total for 2019 (169,776 + 4,500) [1]" || len(lines) != 3 {
		t.Errorf("answer %q", ans.Text)
	}
}

// A table with no year columns is compared in its Total column.
func TestComputedDifferenceInTheTotalColumn(t *testing.T) {
	page := "The director compensation policies resulted in the following total compensation for our non-management directors.\n" +
		"Fees Earned or Paid in Cash Stock Awards Total\n" +
		"Laura Black 67,500 178,317 245,817\n" +
		"Tor Braham 67,500 178,317 245,817\n" +
		"Timothy Campos 77,500 178,317 255,817"
	other := "The percentage of votes cast, and the difference between the two, was reported."
	s := newNamedSearcher(t, "VIAVI_2019.pdf", page, other)
	ans := ask(t, s, "What is the percentage difference of the total compensation between Timothy Campos and Tor Braham?")
	if !strings.HasPrefix(ans.Text, "Computed: +4.07% difference in the Total column ((255,817 − 245,817) ÷ 245,817) [1]") {
		t.Errorf("answer %q", ans.Text)
	}
}

// A row the question names whole is computed on, though every row of its
// table holds the measure's one word ("fee"; "all" and "other" are stop
// words).
func TestComputedOnTheRowNamedWhole(t *testing.T) {
	page := "The following table presents fees billed by PricewaterhouseCoopers LLP.\n" +
		"Fiscal 2019 Fiscal 2018\n" +
		"Audit Fees (1) $ 3,631,575 $ 3,784,488\n" +
		"Tax Fees (3) 169,776 61,592\n" +
		"All Other Fees (4) 4,500 3,600"
	other := "Revenue grew, and the percentage of sales from services rose."
	s := newNamedSearcher(t, "VIAVI_2019.pdf", page, other)
	ans := ask(t, s, "What is the change in All Other Fees as a percentage between 2018 and 2019?")
	if !strings.HasPrefix(ans.Text, "Computed: +25.0% from 2018 to 2019 (3,600 to 4,500) [1]") {
		t.Errorf("answer %q", ans.Text)
	}
}

// Rows whose every figure is followed by its share are read under their
// column years; the row that names the table's subject ("Net sales") is
// not the one asked of ("the net sales for cheese").
func TestComputedOnRowsWithShares(t *testing.T) {
	page := "Net sales of products by category were as follows for the years ended December 31:\n" +
		"2019 2018\n" +
		"In thousands $ % $ %\n" +
		"Drinkable Kefir other than ProBugs $ 71,822 77% $ 78,523 76%\n" +
		"Cheese 11,459 12% 11,486 11%\n" +
		"Frozen Kefir (a) 1,617 2% 1,434 1%\n" +
		"Net sales $ 93,662 100% $ 103,350 100%"
	other := "The percentage of sales from new products, and the difference between them, rose."
	s := newNamedSearcher(t, "LIFEWAY_2019.pdf", page, other)
	for q, want := range map[string]string{
		"What is the difference in net sales between drinkable Kefir other than ProBugs and Cheese in 2019?": "Computed: 60,363 difference in 2019 (71,822 − 11,459) [1]",
		"What is the change in the net sales for cheese between 2018 and 2019?":                              "Computed: -27 from 2018 to 2019 (11,486 to 11,459) [1]",
		"What is the percentage change in net sales from Frozen Kefir between 2018 and 2019?":                "Computed: +12.8% from 2018 to 2019 (1,434 to 1,617) [1]",
	} {
		if ans := ask(t, s, q); !strings.HasPrefix(ans.Text, want) {
			t.Errorf("%s\n answer %q\n want   %q", q, ans.Text, want)
		}
	}
}
