package app

// A question about Northwind in a real window (GLFW under Xvfb) over a
// real library of the Northwind documents and the Zentara handbook:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a go test ./app/ -run TestRealSubjectScope -v
//
// saves /tmp/quire-scope.png: the answer over "Searched only the
// documents about Northwind: …" with its [Search all documents] button.

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestRealSubjectScope(t *testing.T) {
	zentara := evalPDF(t)
	northwind := filepath.Join(filepath.Dir(filepath.Dir(zentara)), "northwind")
	shot, ok := windowTest(t, "QUIRE_SCOPE_WINDOW", "-scope")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 7, northwind, zentara)

	turn := askInWindow(t, u, "Does Northwind Health Plus cover routine eye exams?", 1)
	note, _ := scopeRow(t, turn)
	// The words that scoped it may be more than "Northwind" ("Plus").
	rest, ok := strings.CutPrefix(note, "Searched only the documents about ")
	about, _, _ := strings.Cut(rest, ":")
	if !ok || !strings.Contains(about, "Northwind") || strings.Contains(note, "zentara") || strings.Contains(note, "named in the question") {
		t.Errorf("scope note %q", note)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}

// labelWithPrefix is the text of the first label under o that starts
// with prefix, "" if none does.
func labelWithPrefix(o fyne.CanvasObject, prefix string) string {
	if l := labelObject(o, prefix); l != nil {
		return l.Text
	}
	return ""
}
