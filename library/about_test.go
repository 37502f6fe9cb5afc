package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What does the employee handbook say about remote work?" quoted the
// handbook's workplace safety, which says "work" and never "remote". The
// handbook says nothing of remote work, and Quire says so; what it says
// about workplace safety it still quotes. A government report that says
// "remote" 124 times makes the word known to the library, as a library
// of a few hundred files does.
func TestSaysAboutTopic(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a 1.6 MB report")
	}
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "employee_handbook.pdf"), filepath.Join(shared(t, "pdfcorpus/files"), "opf-govdocs1-027613.pdf"))
	if ans, _ := asked(t, lib, "What does the employee handbook say about remote work?"); !ans.Abstained {
		t.Errorf("the handbook says nothing of remote work; got:\n%s", ans.Text)
	}
	ans, first := asked(t, lib, "What does the employee handbook say about workplace safety?")
	if ans.Abstained || !strings.Contains(strings.ToLower(first), "workplace safety") {
		t.Errorf("want a line on workplace safety first; got:\n%s", ans.Text)
	}
}
