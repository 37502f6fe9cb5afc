package llm

import (
	"strings"
	"testing"
)

func TestAskedQuarterShare(t *testing.T) {
	for _, c := range []struct{ q, measure, quarter string }{
		{"What percent of Ulta Beauty's total spend on stock repurchases for fiscal 2022 occurred in Q4 of fiscal 2022?", "total spend on stock repurchases for fiscal 2022", "4"},
		{"What share of the year's revenue was in the third quarter of 2021?", "the year's revenue", "3"},
		{"What percentage of total net revenue is due to equity securities in 2015?", "", ""},
	} {
		m, q, ok := askedQuarterShare(c.q)
		if ok != (c.quarter != "") || q != c.quarter || ok && m != c.measure {
			t.Errorf("%q: %q %q %v", c.q, m, q, ok)
		}
	}
}

// A quarter's share of its year is worked from the two sentences that
// state them, and both are quoted.
func TestComputedQuarterShare(t *testing.T) {
	page := "Share Repurchase Program\n" +
		"During the fourth quarter of fiscal 2022, the Company repurchased 722,457 shares of its common stock at a cost of $328.1 million. " +
		"During fiscal 2022, the Company repurchased 2.2 million shares of its common stock at a cost of $900.0 million. " +
		"As of January 28, 2023, $1.1 billion remained available under the $2.0 billion share repurchase program."
	other := "Fiscal 2023 outlook: share repurchases of approximately $900 million; total spend on new stores. In Q4 the percent of sales that occurred online rose."
	s := newNamedSearcher(t, "ULTABEAUTY_2023Q4_EARNINGS.pdf", page, other)
	ans := ask(t, s, "What percent of Ulta Beauty's total spend on stock repurchases for fiscal 2022 occurred in Q4 of fiscal 2022?")
	lines := strings.Split(ans.Text, "\n")
	if lines[0] != "Computed: 36.5% in the fourth quarter ($328.1 million of $900.0 million for the year) [1]" || len(lines) != 3 {
		t.Errorf("answer %q", ans.Text)
	}
}
