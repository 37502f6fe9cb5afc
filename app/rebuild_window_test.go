package app

// A damaged library in the window (GLFW under Xvfb): instead of a trace
// or an empty library, a window says what happened and rebuilds.
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealRebuild -v
//
// saves /tmp/quire-rebuild-offer.png (the explanation and the button)
// and -rebuild-done.png (the main window over the rebuilt library, the
// summary under the list).

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/test"

	"quire/library"
)

// damagedLibrary is a library of two real PDFs in a watched folder whose
// library.db was then cut short.
func damagedLibrary(t *testing.T) (dir string, openErr error) {
	t.Helper()
	pdf := evalPDF(t)
	docs := t.TempDir()
	for _, name := range []string{"a.pdf", "b.pdf"} {
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		if name == "b.pdf" {
			data = append(data, "\n% another copy\n"...) // a different file to the library
		}
		if err := os.WriteFile(filepath.Join(docs, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir = t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Watch(docs); err != nil {
		t.Fatal(err)
	}
	if sum, err := lib.Sync(context.Background(), nil); err != nil || sum.Indexed != 2 {
		t.Fatalf("sync: %+v, %v", sum, err)
	}
	lib.Close()
	db := filepath.Join(dir, "library.db")
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(db, min(info.Size()/2, 16<<10)); err != nil { // past the meta pages, short of the data
		t.Fatal(err)
	}
	_, openErr = library.Open(dir, library.Options{})
	if !errors.Is(openErr, library.ErrDamaged) {
		t.Fatalf("open of a cut library.db: %v", openErr)
	}
	return dir, openErr
}

// The explanation names the damage and where the files went, and says
// what rebuilding does; on the test driver the rebuild runs and hands
// over the rebuilt library.
func TestRebuildWindow(t *testing.T) {
	dir, openErr := damagedLibrary(t)
	r := newRebuildWindow(test.NewTempApp(t), dir, openErr)
	text := r.explain.Text
	if !strings.Contains(text, "damaged") || !strings.Contains(text, "damaged-") || !strings.Contains(text, "reads again the PDFs") {
		t.Errorf("explanation: %q", text)
	}
	done := make(chan library.Summary, 1)
	r.onDone = func(lib *library.Library, sum library.Summary, err error) {
		if err != nil {
			t.Errorf("rebuild: %v", err)
		}
		docs, _ := lib.Documents()
		if len(docs) != 2 {
			t.Errorf("rebuilt library lists %d documents", len(docs))
		}
		lib.Close()
		done <- sum
	}
	test.Tap(r.start)
	select {
	case sum := <-done:
		if sum.Indexed != 2 {
			t.Errorf("rebuild summary %+v", sum)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("rebuild did not finish")
	}
	if left := r.stop(); left != nil {
		t.Error("a library left behind after the hand-over")
	}
}

func TestRealRebuild(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_REBUILD_WINDOW", "-rebuild")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	dir, openErr := damagedLibrary(t)

	shown := make(chan *rebuildWindow, 1)
	opened := make(chan *ui, 1)
	exited := make(chan struct{})
	mainThread <- func() { // as Run does with a damaged library
		defer close(exited)
		a := fyneapp.NewWithID(AppID + ".test")
		r := newRebuildWindow(a, dir, openErr)
		var u *ui
		r.onDone = func(l *library.Library, sum library.Summary, err error) {
			u = openRebuilt(a, l, dir, sum, err)
			r.win.Close()
			opened <- u
		}
		a.Lifecycle().SetOnStarted(func() { shown <- r })
		r.win.ShowAndRun()
		if l := r.stop(); l != nil {
			l.Close()
		}
		if u != nil {
			u.shutdown()
			u.core.(*library.Library).Close()
		}
	}
	var r *rebuildWindow
	select {
	case r = <-shown:
	case <-time.After(30 * time.Second):
		t.Fatal("the rebuild window did not open")
	}
	time.Sleep(700 * time.Millisecond)
	screenshotWindow(t, "Quire — the library is damaged", shot+"-offer.png")
	fyne.DoAndWait(func() { r.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	var u *ui
	select {
	case u = <-opened:
	case <-time.After(2 * time.Minute):
		t.Fatal("the rebuild did not end")
	}
	quitOnCleanup(t, u.app, exited)
	within(t, 10*time.Second, "the rebuilt documents listed", func() bool { return len(u.library.docs) == 2 })
	var summary string
	fyne.DoAndWait(func() { summary = u.progress.summary.Text })
	t.Logf("after the rebuild: %s", summary)
	if !strings.HasPrefix(summary, textRebuilt+" Added 2 files") {
		t.Errorf("summary %q", summary)
	}
	time.Sleep(500 * time.Millisecond)
	screenshot(t, u, shot+"-done.png")
}

func TestDamageReason(t *testing.T) {
	for in, want := range map[string]string{
		"it could not be opened: panic: runtime error: invalid memory address": "it could not be opened: its structure is broken",
		"library.db is cut short (16384 of its 65536 bytes)":                   "library.db is cut short (16384 of its 65536 bytes)",
	} {
		if got := damageReason(in); got != want {
			t.Errorf("damageReason(%q) = %q, want %q", in, got, want)
		}
	}
}
