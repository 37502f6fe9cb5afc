package app

// Add PDFs… in a real window (GLFW under Xvfb):
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealAddDialog -v
//
// saves /tmp/quire-add-dialog.png: a folder's PDFs, two ticked, a typed
// path, and "Add 3".

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestRealAddDialog(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_ADD_WINDOW", "-add")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	dir := pdfFolder(t)
	fc := &fakeCore{}
	u := showRealWindow(t, fc, func(u *ui) { u.win.Resize(fyne.NewSize(1200, 800)) })
	within(t, 10*time.Second, "the list read", func() bool { return u.docsLoaded })
	fyne.DoAndWait(func() {
		u.app.Preferences().SetString(prefAddDir, dir)
		u.runShortcut(ctrl(fyne.KeyO)) // Ctrl+O
	})
	var d *addDialog
	within(t, 5*time.Second, "the dialog", func() bool { d = u.addDlg; return d != nil })
	typed := filepath.Join(dir, "sub", "d.pdf")
	fyne.DoAndWait(func() {
		d.list.Select(1)
		d.list.Select(2)
		for _, r := range typed {
			d.paths.TypedRune(r)
		}
	})
	var label string
	fyne.DoAndWait(func() { label = d.addBtn.Text })
	if label != "Add 3" {
		t.Errorf("button %q, want Add 3", label)
	}
	time.Sleep(500 * time.Millisecond)
	screenshot(t, u, shot+"-dialog.png")
	fyne.DoAndWait(func() { d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	within(t, 10*time.Second, "the three added", func() bool { return len(u.library.docs) == 3 && u.ingestCancel == nil })
	want := []string{filepath.Join(dir, "A.PDF"), filepath.Join(dir, "b.pdf"), typed}
	fc.mu.Lock()
	got := fc.ingests
	fc.mu.Unlock()
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("ingested %q, want %q", got, want)
	}
}
