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

// "For instance, some services, such as laboratory tests, … may not be
// available via virtual care" was the answer's first line: an instance
// of a sentence the answer left out. The sentence it goes on from comes
// before it.
func TestInstanceAfterWhatItIsAnInstanceOf(t *testing.T) {
	lib := bothPlans(t)
	q := "Considering the Northwind Health Plus Benefits Details, how does the coverage of virtual care services relate to the limitations on services like laboratory tests and mental health services?"
	ans, first := asked(t, lib, q)
	lines := strings.Split(ans.Text, "\n")
	if ans.Abstained || !strings.Contains(first, "there may be some limitations") || len(lines) < 2 || !strings.HasPrefix(lines[1], "For instance,") {
		t.Errorf("%q answered:\n%s\nwant the limitations sentence, then its instance", q, ans.Text)
	}
}

// "…, especially when using in-network providers?" weighed "especially"
// and "effectively" among the rarest words of the question: the answer
// began with "If you are able to use a car or another form of
// transportation, this will usually be the most cost-effective option",
// on a question about coordinating benefits.
func TestHedgeWordsAskNothing(t *testing.T) {
	lib := bothPlans(t)
	q := "Considering the information provided in the Northwind Health Plus Benefits Details, how can a policyholder effectively manage out-of-pocket costs while coordinating benefits with another employer plan, especially when using in-network providers?"
	ans, first := asked(t, lib, q)
	if ans.Abstained || !strings.Contains(first, "coordinate benefits") {
		t.Errorf("%q answered:\n%s\nwant a sentence on coordinating benefits first", q, ans.Text)
	}
}
