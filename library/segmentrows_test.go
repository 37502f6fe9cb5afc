package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// MGM's earnings release compares its segments' Adjusted Property EBITDAR
// in a table of four columns, two periods by two years, which is no
// financial statement; the question of the highest one abstained.
func TestHighestRowOfASegmentTable(t *testing.T) {
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "MGMRESORTS_2022Q4_EARNINGS.pdf"))
	cases := []struct{ q, first string }{
		// A year asked: the twelve months' column.
		{"Which region had the Highest EBITDAR Contribution for MGM during FY2022?",
			"Las Vegas Strip Resorts is the highest of the 7 rows"},
		// A quarter asked: the three months' column, and its sign kept.
		{"Which segment had the lowest Adjusted Property EBITDAR in the three months ended December 31, 2022?",
			"Corporate is the lowest of the 7 rows"},
		// The table above it on the page; not the reconciliations of p.14,
		// whose rows are "Las Vegas Strip Resorts net revenues" and its
		// adjustments.
		{"Which segment had the highest net revenues in 2021?",
			`Las Vegas Strip Resorts is the highest of the 4 rows of "SUPPLEMENTAL DATA – NET REVENUES" in the twelve months of 2021: $4,737,185`},
	}
	for _, c := range cases {
		ans, first := asked(t, lib, c.q)
		if ans.Abstained || !strings.Contains(first, c.first) {
			t.Errorf("%q answered:\n%s\nwant first %q", c.q, ans.Text, c.first)
		}
	}
	ans, _ := asked(t, lib, cases[1].q)
	if !strings.Contains(ans.Text, "Corporate, the three months of 2022: (113,058)") {
		t.Errorf("the rows compared are not quoted with the quarter's figures:\n%s", ans.Text)
	}
}
