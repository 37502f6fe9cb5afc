package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealBothPartsAnswer: a question that asks two things is answered
// in the window on both: the plan's clinical review first, then what a
// claim needs, each line with its source, the sources numbered as
// quoted.
func TestRealBothPartsAnswer(t *testing.T) {
	plan := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "northwind", "Northwind_Standard_Benefits_Details.pdf")
	shot, ok := windowTest(t, "QUIRE_BOTH_PARTS_WINDOW", "-both-parts")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 1, plan)
	turn := askInWindow(t, u, "How does the clinical review process ensure timely and cost-effective care, and what are the documentation requirements for filing a claim?", 1)
	first, _, _ := strings.Cut(turn.answer.Text, "\n")
	if !strings.Contains(first, "clinical review process") || !strings.Contains(turn.answer.Text, "itemized bills, a completed claim form") {
		t.Fatalf("answer:\n%s", turn.answer.Text)
	}
	for i, c := range turn.cited {
		if c.N != i+1 {
			t.Errorf("source %d numbered %d", i+1, c.N)
		}
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}
