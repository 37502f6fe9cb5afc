package library

import (
	"strings"
	"testing"
)

// The Plus plan's p.73 wraps a sentence inside the program's name ("…
// we offer a Chronic Condition" / "Management Program (CCMP) as part of
// our Northwind Health Plus plan."). Read as two lines, neither half
// held the whole name, and the answer quoted "disease management
// programs" from another passage.
func TestProgramNamedAcrossALineBreak(t *testing.T) {
	lib := bothPlans(t)
	q := "What are the benefits of the Chronic Condition Management Program offered by the Northwind Health Plus plan?"
	ans, first := asked(t, lib, q)
	if ans.Abstained || !strings.Contains(first, "Chronic Condition Management Program (CCMP)") {
		t.Errorf("%q answered:\n%s\nwant the program's own sentence first", q, ans.Text)
	}
}
