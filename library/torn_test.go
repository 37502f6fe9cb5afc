package library

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// "How do I file a claim?" was answered first with "to file a claim
// within the set time frame in order to ensure that your claim is
// processed …": the chunk begins inside that sentence, and only the chunk
// before holds its start. It is quoted whole now.
func TestTornFirstSentenceIsWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a plan")
	}
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Health_Plus_Benefits_Details.pdf"))
	ans, _ := asked(t, lib, "How do I file a claim?")
	if ans.Abstained || !strings.Contains(ans.Text, "it is important to file a claim within the set time frame") {
		t.Fatalf("want the sentence on the time frame, whole; got:\n%s", ans.Text)
	}
	for _, line := range strings.Split(ans.Text, "\n") {
		if r := []rune(line); len(r) > 0 && unicode.IsLower(r[0]) {
			t.Errorf("a line begins inside its sentence: %q", line)
		}
	}
}
