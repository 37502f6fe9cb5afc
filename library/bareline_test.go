package library

import (
	"context"
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
		t.Skip("ingests two 10-Ks")
	}
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "3M_2022_10K.pdf"), filepath.Join(dir, "PFIZER_2021_10K.pdf"))
	ask := func(q string) (first, text string, abstained bool) {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ = strings.Cut(ans.Text, "\n")
		return first, ans.Text, ans.Abstained
	}
	for q, want := range map[string]string{
		"What was 3M's total revenue in 2022?":     "34,229",
		"What was Pfizer's net income in 2020?":    "9,159",
		"What were Pfizer's net revenues in 2021?": "81,288",
	} {
		if first, text, no := ask(q); no || !strings.Contains(first, want) || strings.Contains(text, "noncontrolling") {
			t.Errorf("%q: want %s first, got:\n%s", q, want, text)
		}
	}
	q := "What were 3M's FY2022 net sales of Post-it Notes (in USD millions)?"
	if _, text, no := ask(q); !no && strings.Contains(text, "34,229") {
		t.Errorf("%q is answered with the company's total:\n%s", q, text)
	}
}
