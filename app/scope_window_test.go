package app

// A question about Northwind in a real window (GLFW under Xvfb) over a
// real library of the Northwind documents and the Zentara handbook:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a go test ./app/ -run TestRealSubjectScope -v
//
// saves /tmp/quire-scope.png: the answer over "Searched only the
// documents about Northwind: …" with its [Search all documents] button.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"quire/library"
)

func TestRealSubjectScope(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("DISPLAY unset: run under xvfb-run")
	}
	zentara := evalPDF(t)
	northwind := filepath.Join(filepath.Dir(filepath.Dir(zentara)), "northwind")
	if !inOwnProcess(t, "QUIRE_SCOPE_WINDOW") {
		return
	}
	shot := screenshotPath(t, "-scope")
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{northwind, zentara}, nil); err != nil {
		t.Fatal(err)
	}
	u := showRealWindow(t, lib, func(*ui) {})
	within(t, 10*time.Second, "the library listed", func() bool { return len(u.library.docs) == 7 })

	const q = "Does Northwind Health Plus cover routine eye exams?"
	fyne.DoAndWait(func() {
		u.win.Canvas().Focus(u.chat.entry)
		for _, r := range q {
			u.chat.entry.TypedRune(r)
		}
		u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	within(t, time.Minute, "the answer", func() bool {
		return len(u.chat.turns) == 1 && u.chat.turns[0].answered && u.askCancel == nil
	})
	note, _ := scopeRow(t, u.chat.turns[0])
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
