package library

import (
	"strings"
	"testing"
)

// A plan asked by a short name is the plan its documents name in full:
// "What is the Northwind Plus deductible?" abstained, as if Northwind
// Health Plus were another plan, while a plan the documents do not have
// still abstains.
func TestShortNameOfAPlan(t *testing.T) {
	lib := bothPlans(t)
	for _, q := range []string{"What is the Northwind Plus deductible?", "What is the out-of-pocket maximum for Northwind Plus?"} {
		if ans, first := asked(t, lib, q); ans.Abstained || !strings.Contains(first, "Northwind Health Plus") {
			t.Errorf("%q answered:\n%s\nwant a line on Northwind Health Plus first", q, ans.Text)
		}
	}
	if ans, _ := asked(t, lib, "What is the Northwind Select deductible?"); !ans.Abstained {
		t.Errorf("the Northwind Select deductible answered:\n%s\nwant an abstention: no such plan", ans.Text)
	}
}
