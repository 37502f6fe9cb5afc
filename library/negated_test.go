package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What's not covered by Northwind Standard?" was answered with what the
// plan covers (blood cells, plasma): "not" is a stop word. The answer
// says what the plan does not cover now, and only that.
func TestNotCoveredSaysWhatIsNot(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a plan")
	}
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Standard_Benefits_Details.pdf"))
	ans, first := asked(t, lib, "What's not covered by Northwind Standard?")
	if ans.Abstained || !strings.Contains(first, "not cover") {
		t.Fatalf("want a line on what the plan does not cover first; got:\n%s", ans.Text)
	}
	for _, line := range strings.Split(ans.Text, "\n") {
		if strings.Contains(line, " covers ") && !strings.Contains(line, "not") {
			t.Errorf("a line says what is covered: %q", line)
		}
	}
}
