package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// A question that asks a named company's standard line and says nothing
// else ("What was 3M's total revenue in 2022?") is answered from the
// income statement, which a hundred notes on revenue outranked (it
// abstained); one that names a product or a segment beside the line is
// not answered with the company's total. The line is the company's own,
// not the share of its noncontrolling interests ("Less: Net income
// attributable to noncontrolling interests, 2020: 36" answered Pfizer's
// net income).
func TestBareLineIsTheStatements(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests four 10-Ks")
	}
	dir := shared(t, "evaldata/financebench")
	var paths []string
	for _, f := range []string{"3M_2022_10K.pdf", "PFIZER_2021_10K.pdf", "NIKE_2019_10K.pdf", "BESTBUY_2019_10K.pdf"} {
		paths = append(paths, filepath.Join(dir, f))
	}
	lib := ingested(t, paths...)
	ask := func(q string) (first, text string, abstained bool) {
		ans, first := asked(t, lib, q)
		return first, ans.Text, ans.Abstained
	}
	for q, want := range map[string]string{
		"What was 3M's total revenue in 2022?":     "34,229",
		"What was Pfizer's net income in 2020?":    "9,159",
		"What were Pfizer's net revenues in 2021?": "81,288",
		// Revenue said alone, and a name of two words ("Best Buy").
		"What was Nike's revenue in fiscal 2019?":    "39,117",
		"What were Best Buy's sales in fiscal 2019?": "42,879",
	} {
		if first, text, no := ask(q); no || !strings.Contains(first, want) || strings.Contains(text, "noncontrolling") {
			t.Errorf("%q: want %s first, got:\n%s", q, want, text)
		}
	}
	for q, total := range map[string]string{
		"What were 3M's FY2022 net sales of Post-it Notes (in USD millions)?": "34,229",
		"What were Nike's footwear sales in fiscal 2019?":                     "39,117",
	} {
		if _, text, no := ask(q); !no && strings.Contains(text, total) {
			t.Errorf("%q is answered with the company's total:\n%s", q, text)
		}
	}
}
