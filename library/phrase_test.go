package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What is the dress code?" asked of a library with a VA coding handbook
// quoted "… dressing changes is to be coded as 99211": both words' stems,
// not the thing. A question that asks only what a phrase is must be
// answered by text that says the phrase's words together.
func TestPhraseIsSaidTogether(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Standard_Benefits_Details.pdf"),
		filepath.Join(shared(t, "pdfcorpus/files"), "opf-govdocs1-316267.pdf"))
	if ans, _ := asked(t, lib, "What is the dress code?"); !ans.Abstained {
		t.Errorf("want no answer; got:\n%s", ans.Text)
	}
	ans, first := asked(t, lib, "What is the out-of-pocket maximum?")
	if ans.Abstained || !strings.Contains(first, "out-of-pocket maximum") {
		t.Errorf("want the plan's maximum; got:\n%s", ans.Text)
	}
}
