package app

// The window while its document list is still being read, in a real
// window (GLFW under Xvfb) over a real library of 300 documents whose
// reading is held back:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealStartupNeverEmpty -v
//
// saves /tmp/quire-startup-opening.png (the list not read yet: "Opening
// your library…", no drop hint) and -startup-listed.png (the list).

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"quire/library"
	"quire/store"
)

// heldCore holds back Documents until release is closed, as a slow disk
// or a busy machine does at start-up.
type heldCore struct {
	core
	release chan struct{}
}

func (h *heldCore) Documents() ([]store.Document, error) {
	<-h.release
	return h.core.Documents()
}

// notEmptyYet fails t if the window claims the library is empty.
func notEmptyYet(t *testing.T, u *ui) {
	t.Helper()
	if u.chat.empty.Visible() {
		t.Error("the drop hint for an empty library is shown before the list was read")
	}
	if got := u.library.empty.Text; u.library.empty.Visible() && got != textOpening {
		t.Errorf("library pane says %q before the list was read", got)
	}
	if got := u.chat.header.Text; got != textOpening {
		t.Errorf("chat header says %q before the list was read", got)
	}
}

// TestStartupNeverEmpty: while the document list is being read the
// window says the library is opening; once read, an empty library gets
// the drop hint and a full one its list.
func TestStartupNeverEmpty(t *testing.T) {
	for _, docs := range [][]store.Document{nil, {{ID: 1, Name: "a.pdf", Pages: 2, TextPages: 2, Status: store.StatusIndexed}}} {
		h := &heldCore{core: &fakeCore{docs: docs}, release: make(chan struct{})}
		u := newUI(test.NewTempApp(t), h) // work in the background, as in Run
		u.reloadDocs()
		notEmptyYet(t, u)
		u.library.filter.SetText("x") // filtering before the list is read
		u.library.filter.SetText("")
		notEmptyYet(t, u)
		close(h.release)
		u.work.Wait()
		if got := u.chat.empty.Visible(); got != (len(docs) == 0) {
			t.Errorf("%d documents: drop hint shown %v", len(docs), got)
		}
		if len(docs) == 0 && u.library.empty.Text != textNoDocuments {
			t.Errorf("empty library: the pane says %q", u.library.empty.Text)
		}
		if len(docs) == 1 && (u.library.empty.Visible() || u.chat.header.Text != "Searching 1 of 1 document") {
			t.Errorf("one document: pane note %v %q, header %q", u.library.empty.Visible(), u.library.empty.Text, u.chat.header.Text)
		}
		u.shutdown()
	}
}

func TestRealStartupNeverEmpty(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_STARTUP_WINDOW", "-startup")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	texts := make([]library.TextDocument, 300)
	for i := range texts {
		texts[i] = library.TextDocument{Name: fmt.Sprintf("report-%03d.pdf", i), Path: fmt.Sprintf("/docs/report-%03d.pdf", i),
			Pages: []string{fmt.Sprintf("Report %d on unit %d.", i, i%7)}}
	}
	if err := lib.AddTexts(context.Background(), texts); err != nil {
		t.Fatal(err)
	}
	h := &heldCore{core: lib, release: make(chan struct{})}
	u := showRealWindow(t, h, func(*ui) {})
	time.Sleep(700 * time.Millisecond)
	within(t, time.Second, "the window drawn", func() bool { notEmptyYet(t, u); return true })
	screenshot(t, u, shot+"-opening.png")

	close(h.release)
	within(t, 10*time.Second, "the documents listed", func() bool { return len(u.library.docs) == 300 })
	within(t, time.Second, "the list shown", func() bool {
		return !u.library.empty.Visible() && !u.chat.empty.Visible() && u.chat.header.Text == "Searching 300 of 300 documents"
	})
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-listed.png")
}
