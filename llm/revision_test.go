package llm

import (
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

func TestRevisions(t *testing.T) {
	s := "Given our strong start to the year, we now expect our full-year 2023 organic revenue to increase 8 percent (previously 6 percent) and core constant currency EPS to increase 9 percent (previously 8 percent)."
	ps := revisions(s)
	if len(ps) != 2 || ps[0].now.value != 8 || ps[0].before.value != 6 || ps[1].now.value != 9 || ps[1].before.value != 8 {
		t.Fatalf("revisions %+v", ps)
	}
	if !strings.Contains(ps[0].context, "organic revenue") || strings.Contains(ps[0].context, "EPS") || !strings.Contains(ps[1].context, "core constant currency EPS") {
		t.Errorf("contexts %q, %q", ps[0].context, ps[1].context)
	}
	// The measure's words between the figure and what it replaces.
	ps = revisions("the Company now expects to deliver 8 percent organic revenue growth (previously 6 percent), and 9 percent core constant currency EPS growth (previously 8 percent).")
	if len(ps) != 2 || !strings.Contains(ps[1].context, "core constant currency EPS growth") || strings.Contains(ps[0].context, "EPS") {
		t.Fatalf("revisions %+v", ps)
	}
	if got := revisionLine(ps[1]); got != "raised by 1 percentage point: 9 percent, previously 8 percent" {
		t.Errorf("line %q", got)
	}
	if got := revisionLine(revisions("core EPS of $7.27 (previously $7.20)")[0]); got != "raised by 0.07: $7.27, previously $7.20" {
		t.Errorf("line %q", got)
	}
}

func TestComputeRevision(t *testing.T) {
	e := Extractive{Analyze: newSearcher(t, "x").Analyze} // the library's analyzer: stems, no stop words
	units := []unit{{text: "Given our strong start to the year, we now expect our full-year 2023 organic revenue to increase 8 percent (previously 6 percent) and core constant currency EPS to increase 9 percent (previously 8 percent)."}}
	for q, want := range map[string]string{
		"As of FY2023Q1, by how many percentage points did Pepsico raise full year guidance in respect of core constant currency EPS growth?": "Computed: raised by 1 percentage point",
		"By how many points did PepsiCo raise its outlook for organic revenue growth in 2023?":                                                "Computed: raised by 2 percentage points",
		"By how many points did PepsiCo raise its outlook for free cash flow in 2023?":                                                        "",
		"What was PepsiCo's organic revenue growth in 2023?":                                                                                  "",
	} {
		res := search.Result{Hits: []search.Hit{{Doc: store.Document{Name: "PEPSICO_2023Q1_EARNINGS.pdf"}}}}
		c, ok := e.computeRevision(q, units, res)
		if ok != (want != "") || ok && !strings.HasPrefix(c.line, want) {
			t.Errorf("%q: %v %q, want %q", q, ok, c.line, want)
		}
	}
	// Two figures that say the measure alike, moved by 2 and by 1
	// points: which one is asked is not known.
	both := []unit{{text: "We expect sales in Europe to grow 8 percent (previously 6 percent) and sales in Asia to grow 9 percent (previously 8 percent)."}}
	res := search.Result{Hits: []search.Hit{{Doc: store.Document{Name: "PEPSICO_2023Q1_EARNINGS.pdf"}}}}
	if c, ok := e.computeRevision("By how many points did PepsiCo raise its outlook for sales?", both, res); ok {
		t.Errorf("answered %q from two figures alike", c.line)
	}
}
