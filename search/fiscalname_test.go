package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestStartYearNamed(t *testing.T) {
	for _, c := range []struct {
		name, text string
		ended      int
		ok         bool
	}{
		{"Ulta Beauty's release", "Ulta Beauty Announces Fourth Quarter Fiscal 2022 Results. Ulta Beauty today announced financial results for the fifty-two-week period (“fiscal year”) ended January 28, 2023. For the full year of fiscal 2022, net sales increased compared to fiscal 2021. Outlook for fiscal 2023.", 2023, true},
		{"Best Buy's 10-K, named by the year it ends", "For the fiscal year ended January 28, 2023. Fiscal 2023 included 52 weeks; fiscal 2022 included 52 weeks; fiscal 2023 revenue.", 2023, false},
		{"a December year end", "For the fiscal year ended December 31, 2022. Fiscal 2021 was restated.", 0, false},
		{"no fiscal year", "General Mills net sales were $18,992 million.", 0, false},
	} {
		ended, ok := startYearNamed(c.text)
		if ok != c.ok || ok && ended != c.ended {
			t.Errorf("%s: %d %v, want %d %v", c.name, ended, ok, c.ended, c.ok)
		}
	}
}

func TestInReportYears(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		{"What drove the increase in inventories at end of FY2023?", "What drove the increase in inventories at end of fiscal 2022?"},
		{"What share of FY 2023 repurchases occurred in Q4 of fiscal year 2023?", "What share of fiscal 2022 repurchases occurred in Q4 of fiscal 2022?"},
		{"What were net sales in FY2022?", ""}, // the year before: the report's own fiscal 2022 is another year
		{"What were net sales in 2023?", ""},   // a calendar year, not a fiscal one
	} {
		got, fixes, ok := inReportYears(c.q, 2023)
		if c.want == "" {
			if ok {
				t.Errorf("%q rewritten as %q", c.q, got)
			}
			continue
		}
		if !ok || got != c.want || len(fixes) == 0 {
			t.Errorf("%q: %q %v, want %q", c.q, got, fixes, c.want)
		}
	}
}

// A question that names a report whose fiscal years are named by the year
// they begin in, asking the year that ended in the report's, is searched
// and answered in the report's words; a report named by the year its
// fiscal year ends in is searched as asked.
func TestFiscalYearInTheReportsWords(t *testing.T) {
	f := newFixture(t, nil)
	ulta := f.add(t, "ULTABEAUTY_2023Q4_EARNINGS.pdf",
		"Ulta Beauty Announces Fourth Quarter Fiscal 2022 Results. Ulta Beauty today announced results for the fifty-two-week period (“fiscal year”) ended January 28, 2023. For the full year of fiscal 2022, net sales increased 18.3%.",
		"Fiscal 2023 outlook: net sales of $10.95 billion to $11.05 billion; 25 to 30 net new stores.",
		"Merchandise inventories, net at the end of the fourth quarter of fiscal 2022 totaled $1.6 billion. The increase was primarily due to the opening of 47 new stores.")
	f.add(t, "BESTBUY_2023_10K.pdf",
		"Best Buy Co., Inc. annual report for the fiscal year ended January 28, 2023. Fiscal 2023 included 52 weeks.",
		"Merchandise inventories at the end of fiscal 2023 decreased due to lower demand.",
		"Merchandise inventories at the end of fiscal 2022 increased.")
	s := f.searcher(Models{}, Options{})
	ctx := context.Background()

	r, err := s.Search(ctx, Query{Text: "What drove the change in Ulta Beauty's merchandise inventories at end of FY2023?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Corrected, "fiscal 2022") || !slices.Equal(r.Scope, []uint64{ulta}) {
		t.Fatalf("searched %q in %v, want Ulta's fiscal 2022 in its report", r.Corrected, r.Scope)
	}
	if inv, out := rankOf(r.Hits, "47 new stores"), rankOf(r.Hits, "outlook"); inv < 0 || out >= 0 && out < inv {
		t.Errorf("the year's inventories at %d, the next year's outlook at %d", inv, out)
	}
	r, err = s.Search(ctx, Query{Text: "What drove the change in Ulta Beauty's merchandise inventories at end of FY2023?", Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Corrected != "" {
		t.Errorf("searched %q, asked as typed", r.Corrected)
	}
	r, err = s.Search(ctx, Query{Text: "What drove the change in Best Buy's merchandise inventories at end of FY2023?"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Corrected != "" {
		t.Errorf("Best Buy names fiscal 2023 by the year it ends; searched %q", r.Corrected)
	}
}

// rankOf is the place of the first hit whose text holds s, -1 if none.
func rankOf(hits []Hit, s string) int {
	return slices.IndexFunc(hits, func(h Hit) bool { return strings.Contains(h.Chunk.Text, s) })
}
