package llm

import (
	"slices"
	"testing"
)

func TestAskedSuperlative(t *testing.T) {
	for _, c := range []struct {
		q       string
		ok      bool
		largest bool
		groups  []string
	}{
		{"What was the largest liability in American Express's Balance Sheet in 2022?", true, true, []string{"liability"}},
		{"Which type of debt received the largest investment among the short-term investments for MGM in H1 FY2023?", true, true, []string{"short term investment", "investment"}},
		{"What is the lowest expense line of the income statement in 2021?", true, false, []string{"expense"}},
		{"Was revenue the largest source of cash?", false, false, nil},
		{"What is the total revenue in 2022?", false, false, nil},
	} {
		s, ok := askedSuperlative(c.q)
		if ok != c.ok || ok && (s.largest != c.largest || !slices.Equal(s.groups, c.groups)) {
			t.Errorf("%q: %+v %v, want %v %v %q", c.q, s, ok, c.ok, c.largest, c.groups)
		}
	}
}

func TestSectionRows(t *testing.T) {
	row := func(section, label string, v float64) stmtRow {
		return stmtRow{section: section, labels: []string{label}, loc: label + " 1", values: series{2022: {value: v}}}
	}
	rows := []stmtRow{
		row("assets", "cash", 9),
		row("current liabilities", "accounts payable", 7),
		row("current liabilities", "total current liabilities", 7),
		row("liabilities", "customer deposits", 110),
		row("liabilities", "accounts payable", 12),
		row("liabilities", "total liabilities", 122),
		row("shareholders' equity", "retained earnings", 16),
	}
	got, ok := sectionRows(rows, "liability", 2022)
	if !ok || len(got) != 2 || got[0].labels[0] != "customer deposits" || got[1].labels[0] != "accounts payable" {
		t.Fatalf("liabilities: %v %+v", ok, got)
	}
	if i := pick(got, 2022, true); i != 0 {
		t.Errorf("largest is row %d", i)
	}
	if i := pick(got, 2022, false); i != 1 {
		t.Errorf("smallest is row %d", i)
	}
	// "Current liabilities" is a part of the liabilities, not all of them.
	if got, ok := sectionRows(rows[:3], "liability", 2022); ok {
		t.Errorf("current liabilities taken for liabilities: %+v", got)
	}
	// A row read as a heading ends the section early: no answer rather
	// than the largest of the rows before it.
	broken := []stmtRow{rows[3], rows[4], row("marketing 5,458 5,291 3,696", "salaries", 7), rows[5]}
	if got, ok := sectionRows(broken, "liability", 2022); ok {
		t.Errorf("compared a section cut by a misread row: %+v", got)
	}
	// A row without the year asked leaves nothing to compare.
	if _, ok := sectionRows(rows, "liability", 2021); ok {
		t.Error("compared in a year no row states")
	}
}

// A section's name is written with a capital, its first letter whole.
func TestSectionTitle(t *testing.T) {
	for in, want := range map[string]string{"liabilities": "Liabilities", "éléments": "Éléments", "": ""} {
		if got := sectionTitle(&stmtRow{section: in}); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
