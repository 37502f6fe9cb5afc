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
		{"What is the percentage difference of the total compensation between Timothy Campos and Tor Braham?", twoRows{op: rowsPercent, a: "Timothy Campos", b: "Tor Braham"}, true},
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

// Tables whose rows the questions below name.
const (
	feesPage = "The following table presents fees billed by PricewaterhouseCoopers LLP.\n" +
		"Fiscal 2019 Fiscal 2018\n" +
		"Audit Fees (1) $ 3,631,575 $ 3,784,488\n" +
		"Tax Fees (3) 169,776 61,592\n" +
		"All Other Fees (4) 4,500 3,600\n" +
		"(1) Audit Fees are related to professional services rendered in connection with the audit."
	directorsPage = "The director compensation policies resulted in the following total compensation for our non-management directors.\n" +
		"Fees Earned or Paid in Cash Stock Awards Total\n" +
		"Laura Black 67,500 178,317 245,817\n" +
		"Tor Braham 67,500 178,317 245,817\n" +
		"Timothy Campos 77,500 178,317 255,817"
	salesPage = "Net sales of products by category were as follows for the years ended December 31:\n" +
		"2019 2018\n" +
		"In thousands $ % $ %\n" +
		"Drinkable Kefir other than ProBugs $ 71,822 77% $ 78,523 76%\n" +
		"Cheese 11,459 12% 11,486 11%\n" +
		"Frozen Kefir (a) 1,617 2% 1,434 1%\n" +
		"Net Sales $ 93,662 100% $ 103,350 100%"
	goodwillPage = "Goodwill and indefinite-lived intangible assets consisted of the following:\n" +
		"2019 2018\n" +
		"Goodwill $ 10,368 $ 10,368\n" +
		"Accumulated impairment losses (1,244) (1,244)\n" +
		"Goodwill 9,124 9,124\n" +
		"Brand names 3,700 3,700\n" +
		"Goodwill and indefinite lived intangible assets $ 12,824 $ 12,824\n" +
		"Total property, plant and equipment, net $ 22,274 $ 24,573"
	// otherPage makes the questions' arithmetic words known to the library.
	otherPage = "Revenue grew in total, and the percentage of sales from new products, their constitution and the difference between them rose."
)

// A question on rows a table names is computed on those rows, under
// their column years, and the answer's first line says how.
func TestComputedOnNamedRows(t *testing.T) {
	for _, c := range []struct{ name, page, q, want string }{
		// A footnote's number after the label is not a figure.
		{"percent change", feesPage, "What is the change in Audit Fees as a percentage between 2018 and 2019?",
			"Computed: -4.04% from 2018 to 2019 (3,784,488 to 3,631,575) [1]"},
		// "fee" names every row; the row named whole is the one.
		{"row named whole", feesPage, "What is the change in All Other Fees as a percentage between 2018 and 2019?",
			"Computed: +25.0% from 2018 to 2019 (3,600 to 4,500) [1]"},
		{"two rows added", feesPage, "What is the total of Tax Fees and All Other Fees in 2019?",
			"Computed: 174,276 in total for 2019 (169,776 + 4,500) [1]"},
		// A table with no year columns is compared in its Total column.
		{"Total column", directorsPage, "What is the percentage difference of the total compensation between Timothy Campos and Tor Braham?",
			"Computed: +4.07% difference in the Total column ((255,817 − 245,817) ÷ 245,817) [1]"},
		// Figures with their shares beside them, under the years above.
		{"two rows with shares", salesPage, "What is the difference in net sales between drinkable Kefir other than ProBugs and Cheese in 2019?",
			"Computed: 60,363 difference in 2019 (71,822 − 11,459) [1]"},
		// "Net Sales" names the table's subject, not the row asked of.
		{"item, not subject", salesPage, "What is the change in the net sales for cheese between 2018 and 2019?",
			"Computed: -27 from 2018 to 2019 (11,486 to 11,459) [1]"},
		{"change with shares", salesPage, "What is the percentage change in net sales from Frozen Kefir between 2018 and 2019?",
			"Computed: +12.8% from 2018 to 2019 (1,434 to 1,617) [1]"},
		// A small share keeps three significant figures.
		{"share with shares", salesPage, "What is the percentage constitution of net sales from Frozen Kefir among the total net sales in 2019?",
			"Computed: 1.73% in 2019 (1,617 of 93,662) [1]"},
		// A total may be the row under the whole's own name.
		{"total under its own name", goodwillPage, "What is the percentage constitution of brand names among the total goodwill and indefinite lived intangible assets in 2019?",
			"Computed: 28.9% in 2019 (3,700 of 12,824) [1]"},
	} {
		s := newNamedSearcher(t, "REPORT_2019.pdf", c.page, otherPage)
		if ans := ask(t, s, c.q); !strings.HasPrefix(ans.Text, c.want) {
			t.Errorf("%s: answer %q\n want %q", c.name, ans.Text, c.want)
		}
	}
}

// "The percentage constitution of A among the total B" names the part
// first.
func TestAskedConstitutionShare(t *testing.T) {
	whole, part, ok := askedShare("What is the percentage constitution of brand names among the total goodwill and indefinite lived intangible assets in 2019?")
	if !ok || whole != "total goodwill and indefinite lived intangible assets" || part != "brand names" {
		t.Errorf("whole %q, part %q, %v", whole, part, ok)
	}
}
