package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/store"
)

// A file that needs a password says so in the library; picking it asks
// for the password, and the right one indexes it.
func TestPasswordDialogOpensTheFile(t *testing.T) {
	src, _ := filepath.Abs("../../shared/pdfcorpus/files/pdfminer-encryption-rc4-128.pdf")
	if _, err := os.Stat(src); err != nil {
		t.Skip("shared corpus not found")
	}
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	u := newTestUI(t, lib)
	u.add([]string{src})
	u.work.Wait()
	u.reloadDocs()
	u.work.Wait()
	if len(u.library.docs) != 1 || !needsPassword(u.library.docs[0]) {
		t.Fatalf("library: %+v", u.library.docs)
	}
	if got := docStatusLine(u.library.docs[0], ocrState{true, true}); got != "needs a password — click to enter it" {
		t.Errorf("status line %q", got)
	}

	// Esc closes the dialog (issue 16).
	u.library.list.Select(0) // the user picks the row
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no password dialog")
	}
	u.win.Canvas().(test.WindowlessCanvas).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := u.win.Canvas().Overlays().Top(); top != nil && top.Visible() {
		t.Fatal("Esc left the password dialog open")
	}

	u.library.list.Select(0)
	entry := find[*keyEntry](u.win.Canvas().Overlays().Top())
	if entry == nil || !entry.Password {
		t.Fatal("no password entry shown")
	}
	test.Type(entry, "baz")
	var open *widget.Button
	for _, b := range findAll[*widget.Button](u.win.Canvas().Overlays().Top()) {
		if b.Text == "Open" {
			open = b
		}
	}
	if open == nil {
		t.Fatal("no Open button")
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter submits, as Open does
	u.work.Wait()
	docs, _ := lib.Documents()
	if len(docs) != 1 || docs[0].Status == store.StatusError {
		t.Fatalf("after the password: %+v", docs)
	}
	if !strings.Contains(u.progress.summary.Text, "Added 1 file") {
		t.Errorf("summary %q", u.progress.summary.Text)
	}
}

// find returns the first object of type T in o's tree.
func find[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var zero T
	if all := findAll[T](o); len(all) > 0 {
		return all[0]
	}
	return zero
}

// findAll returns every object of type T in o's tree, widgets' insides
// included.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil {
			return
		}
		if t, ok := o.(T); ok {
			out = append(out, t)
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, x := range c.Objects {
				walk(x)
			}
		case fyne.Widget:
			for _, x := range test.WidgetRenderer(c).Objects() {
				walk(x)
			}
		}
	}
	walk(o)
	return out
}
