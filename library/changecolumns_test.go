package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// Amcor's release heads its non-GAAP table "2022 $ million 2023 $
// million" under the names of two change columns; the answer quoted
// "EBITDA 2,117 2,018 (5) 1" without saying which figure is which year's.
func TestChangeColumnsNamedAboveTheYears(t *testing.T) {
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "AMCOR_2023Q4_EARNINGS.pdf"))
	q := "What Was AMCOR's Adjusted Non GAAP EBITDA for FY 2023"
	want := "EBITDA, 2023: 2,018 (in millions; 2022: 2,117; Reported ∆%: (5); Comparable constant currency ∆%: 1)"
	if ans, first := asked(t, lib, q); ans.Abstained || !strings.Contains(first, want) {
		t.Errorf("%q answered:\n%s\nwant first %q", q, ans.Text, want)
	}
}
