package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// "What is the copay for a specialist under Northwind Standard?"
// abstained: the Plus plan's copay pages filled three of the five hits,
// and the Standard pages ahead of the one that states the amount talk
// about copays without one. The page that states the asked copay comes
// first.
func TestCopayOfTheNamedPlan(t *testing.T) {
	lib := bothPlans(t)
	q := "What is the copay for a specialist under Northwind Standard?"
	res, err := lib.Search(context.Background(), q, AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if h := res.Hits[0]; !strings.Contains(h.Doc.Name, "Standard") || h.Chunk.PageStart != 3 {
		t.Errorf("first hit %s p.%d, want Northwind_Standard_Benefits_Details.pdf p.3", h.Doc.Name, h.Chunk.PageStart)
	}
	ans, first := asked(t, lib, q)
	if ans.Abstained || !strings.Contains(first, "$50 for specialist visits") {
		t.Errorf("%q answered:\n%s\nwant the Standard plan's $50 specialist copay first", q, ans.Text)
	}
}

// A candidate that states an amount goes first only if it is as much on
// the question's topic as the first hits: Amcor's "favorable price/mix
// of 1%" is no price of the Magpie-7, and put first it made the answer
// abstain.
func TestChargeOfAnotherTopicStaysBehind(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), filepath.Join(shared(t, "evaldata/financebench"), "AMCOR_2023Q2_10Q.pdf"))
	q := "What is the price of the Magpie-7?"
	if ans, first := asked(t, lib, q); ans.Abstained || !strings.Contains(first, "68,400") {
		t.Errorf("%q answered:\n%s\nwant the list price, €68,400, first", q, ans.Text)
	}
}
