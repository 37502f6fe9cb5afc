package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// The handbook's FAQ answers "Can the Magpie-7 work outdoors?" with
// "No. The IP54 rating …". Asked "Can I return a Magpie-7?" and "How fast
// can the Magpie-7 go?", Quire answered "No." first: "can" was taken for
// a word of what is asked, which the FAQ's question says. A modal verb
// asks nothing, and a bare reply is quoted after its question.
func TestFAQReplyKeepsItsQuestion(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"))
	for _, q := range []string{"Can I return a Magpie-7?", "How fast can the Magpie-7 go?"} {
		ans, _ := asked(t, lib, q)
		for _, line := range strings.Split(ans.Text, "\n") {
			if strings.HasPrefix(line, "No.") {
				t.Errorf("%q: a bare reply is quoted:\n%s", q, ans.Text)
			}
		}
	}
	ans, first := asked(t, lib, "Does the Magpie-7 work outdoors?")
	if ans.Abstained || !strings.HasPrefix(first, "Can the Magpie-7 work outdoors? No.") {
		t.Errorf("want the FAQ's question and its reply first; got:\n%s", ans.Text)
	}
}

// "What is the warranty on the Magpie-7?" quoted "Outdoor deployment
// voids the warranty." and then, for want of a figure in it, the FAQ's
// next answer: "As of firmware 3.4, the voice interface supports
// English, …". A line after a FAQ's next question answers that question.
func TestFigureIsNotTakenPastTheNextQuestion(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"))
	ans, first := asked(t, lib, "What is the warranty on the Magpie-7?")
	if ans.Abstained || !strings.Contains(first, "24 months") {
		t.Fatalf("want the warranty row first; got:\n%s", ans.Text)
	}
	if strings.Contains(ans.Text, "voice interface") {
		t.Errorf("the next FAQ answer is quoted:\n%s", ans.Text)
	}
}

// With the Northwind plans beside the handbook, "What is the list price
// of the Magpie-7?" quoted its row and then a line that only names the
// robot ("The Magpie-7 firmware is built on ROS 2 Humble …"), and the
// warranty's row came with "The Magpie-7 is rated for collaborative
// operation …": a line quoted beside the answer holds what is asked, as
// the answer's first line must.
func TestAsideHoldsWhatIsAsked(t *testing.T) {
	nw := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"),
		filepath.Join(nw, "Northwind_Standard_Benefits_Details.pdf"), filepath.Join(nw, "Northwind_Health_Plus_Benefits_Details.pdf"))
	for q, noise := range map[string]string{
		"What is the list price of the Magpie-7?": "ROS 2",
		"What is the warranty on the Magpie-7?":   "collaborative operation",
	} {
		ans, first := asked(t, lib, q)
		if ans.Abstained || strings.Contains(first, noise) {
			t.Fatalf("%q: want the row first; got:\n%s", q, ans.Text)
		}
		if strings.Contains(ans.Text, noise) {
			t.Errorf("%q: a line that only names the Magpie-7 is quoted:\n%s", q, ans.Text)
		}
	}
}
