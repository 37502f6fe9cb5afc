package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// Pfizer's statement of equity runs its years down the rows ("Balance,
// January 1, 2019", then "Net income 16,026 16,026 29 16,056"), under
// columns named for measures. Asked for 2021's net income, the answer
// quoted the rows of 2019 and 2020 first; it now quotes the income
// statement's row for 2021, and writes the earnings per share beside it
// in dollars, not "in millions" (its header says "except per common
// share data").
func TestEquityRowsAreOfTheirBalanceYear(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a 10-K")
	}
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "PFIZER_2021_10K.pdf"))
	ans, first := asked(t, lib, "What was Pfizer's net income in 2021?")
	if ans.Abstained || !strings.Contains(first, "21,979") {
		t.Errorf("the first line is not 2021's net income:\n%s", ans.Text)
	}
	for _, other := range []string{"16,026 16,026", "9,159 9,159"} {
		if strings.Contains(ans.Text, other) {
			t.Errorf("the answer quotes the equity row of another year (%s):\n%s", other, ans.Text)
		}
	}
	for _, line := range strings.Split(ans.Text, "\n") {
		if strings.Contains(line, "$3.92") && strings.Contains(line, "millions") {
			t.Errorf("earnings per share are written in millions: %s", line)
		}
	}
}
