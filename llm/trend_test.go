package llm

import (
	"slices"
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

func TestTrendFormula(t *testing.T) {
	for _, c := range []struct {
		q     string
		name  string
		years []int
	}{
		{"Does Boeing have an improving gross margin profile as of FY2022? If gross margin is not a useful metric for a company like this, then state that and explain why.", "gross margin", []int{2022, 2021}},
		{"Has AMCOR's quick ratio improved or declined between FY2023 and FY2022?", "quick ratio", []int{2023, 2022}},
		{"Does Corning have positive working capital based on FY2022 data?", "working capital", []int{2022, 2021}},
		{"Is 3M a capital-intensive business based on FY2022 data?", "capital-intensive", []int{2022, 2021}},
	} {
		f, ok := readFormula(c.q)
		if !ok || !f.trend || f.root.name != c.name || !slices.Equal(f.years, c.years) {
			t.Errorf("%q: %v %+v, want the trend of %s over %v", c.q, ok, f, c.name, c.years)
		}
	}
	for _, q := range []string{
		"Is 3M a high growth business based on FY2022 data?", // no standard formula
		"Does Adobe have an improving adjusted operating margin profile as of FY2022?",
		"Does Adobe have an improving operating margin profile?", // no year
		"Is the operating margin of Adobe improving between FY2019, FY2020 and FY2022?",
	} {
		if f, ok := readFormula(q); ok {
			t.Errorf("%q: read %q, want no formula", q, f.title())
		}
	}
}

func TestTrendOnStatements(t *testing.T) {
	doc, chunk := generalMillsDoc()
	first, _ := chunk(store.ChunkID(doc.ID, 0))
	res := search.Result{Hits: []search.Hit{{Doc: doc, Chunk: first}}}
	e := Extractive{Chunk: chunk}
	c, ok := e.computeAny("Does General Mills have positive working capital based on FY2019 data?", nil, nil, res)
	// General Mills' current liabilities exceed its current assets: no.
	if !ok || !strings.HasPrefix(c.line, "No. Computed: working capital -") || !strings.Contains(c.line, " for 2019, ") || !strings.Contains(c.line, " for 2018 (") {
		t.Fatalf("computed %v %q", ok, c.line)
	}
	// Another company's statements answer nothing about this one.
	if c, ok := e.computeAny("Does Kellogg have positive working capital based on FY2019 data?", nil, nil, res); ok {
		t.Errorf("General Mills' statements answered a question about Kellogg: %q", c.line)
	}
	if c, ok := e.computeAny("Does AMEX have an improving operating margin profile as of FY2019?", nil, nil, res); ok {
		t.Errorf("General Mills' statements answered a question about AMEX: %q", c.line)
	}
}

// The change is that of the figures as written: equal figures are
// unchanged, and a change of 2.12 points between 34.6% and 36.8% reads
// as the 2.2 a reader works out.
func TestTrendDirectionAsShown(t *testing.T) {
	pct := askedFormula{root: &node{percent: true}, round: -1}
	if got := pct.direction(pct.shown(34.636, nil, nil)-pct.shown(36.756, nil, nil), nil, nil); got != "down 2.2 points" {
		t.Errorf("34.6%% after 36.8%%: %q", got)
	}
	ratio := askedFormula{root: &node{op: '/'}, round: -1}
	if got := ratio.direction(ratio.shown(0.7069, nil, nil)-ratio.shown(0.7140, nil, nil), nil, nil); got != "unchanged" {
		t.Errorf("0.71 after 0.71: %q", got)
	}
}
