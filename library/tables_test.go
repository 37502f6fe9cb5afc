package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A table row is quoted with its column years and the unit its table
// states, the asked year's figure first, and alone (issue #11): Netflix's
// balance sheet states its years and "(in thousands …)" in the chunk
// before the liabilities, and the cash flow statement's "end of year" row
// matches only the question's period words. A group of rows under an
// officer's name gives the year rows after the first without the name.
func TestTableRowsAnswerWithTheirColumnsAndGroup(t *testing.T) {
	lib := ingested(t,
		filepath.Join(shared(t, "evaldata/financebench"), "NETFLIX_2017_10K.pdf"),
		filepath.Join(shared(t, "evaldata/uda"), "viavi-solutions-inc_2019.pdf"),
	)
	for q, want := range map[string]string{
		"What is Netflix's total current liabilities at year end 2017?":                                      "Total current liabilities, 2017: 5,466,312 (in thousands; 2016: 4,586,657) [1]",
		"What was the maximum possible value of MSU's using grant date fair value for Oleg Khaykin in 2018?": "Oleg Khaykin 2018 2,457,750 909,900 [1]",
		"What was the maximum possible value of MSU's using grant date fair value for Paul McNab in 2019?":   "Paul McNab 2019 591,150 — [1]",
	} {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Abstained || strings.TrimSpace(ans.Text) != want {
			t.Errorf("%q answered:\n%s\nwant:\n%s", q, ans.Text, want)
		}
	}
}
