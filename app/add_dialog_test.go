package app

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// pdfFolder makes a folder of three PDFs (one with an upper-case
// extension), a text file, a hidden file and a subfolder with one PDF.
func pdfFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"b.pdf", "A.PDF", "c.pdf", "notes.txt", ".hidden.pdf", "sub/d.pdf"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("%PDF-1.4\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func names(d *addDialog) []string {
	var out []string
	for _, e := range d.entries {
		out = append(out, e.name)
	}
	return out
}

// Several PDFs are added in one trip: the dialog lists a folder's
// subfolders and PDFs, ticks are kept while moving between folders, and
// Add ingests them all at once.
func TestAddDialogMultiSelect(t *testing.T) {
	dir := pdfFolder(t)
	fc := &fakeCore{}
	u := newTestUI(t, fc)
	u.app.Preferences().SetString(prefAddDir, dir)
	u.showAddFiles()
	d := u.addDlg
	if got := names(d); !reflect.DeepEqual(got, []string{"sub", "A.PDF", "b.pdf", "c.pdf"}) {
		t.Fatalf("listed %q", got)
	}
	if !d.addBtn.Disabled() {
		t.Error("Add enabled with nothing chosen")
	}
	d.list.Select(1) // A.PDF
	d.list.Select(3) // c.pdf
	d.list.Select(0) // into sub/
	if d.dir != filepath.Join(dir, "sub") || len(d.entries) != 1 {
		t.Fatalf("in %s: %q", d.dir, names(d))
	}
	d.tickAll()
	if d.addBtn.Text != "Add 3" || d.note.Text != "3 PDFs ticked." {
		t.Errorf("button %q, note %q", d.addBtn.Text, d.note.Text)
	}
	test.Tap(d.addBtn)
	want := []string{filepath.Join(dir, "A.PDF"), filepath.Join(dir, "c.pdf"), filepath.Join(dir, "sub", "d.pdf")}
	if len(fc.ingests) != 1 || !reflect.DeepEqual(fc.ingests[0], want) {
		t.Fatalf("ingested %q, want %q in one run", fc.ingests, want)
	}
	if len(u.library.docs) != 3 {
		t.Errorf("library lists %d documents", len(u.library.docs))
	}
	if got := u.app.Preferences().String(prefAddDir); got != dir {
		t.Errorf("remembered folder %q, want %q", got, dir)
	}
}

// A path can be typed or pasted: Enter on a folder opens it, a missing
// path is named and nothing is added, pasted lines (quoted, file://, ~)
// are added together.
func TestAddDialogTypedPaths(t *testing.T) {
	dir := pdfFolder(t)
	fc := &fakeCore{}
	u := newTestUI(t, fc)
	u.showAddFiles()
	d := u.addDlg
	if u.win.Canvas().Focused() != d.paths {
		t.Error("the paths box does not have the focus")
	}
	test.Type(d.paths, filepath.Join(dir, "sub"))
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d.dir != filepath.Join(dir, "sub") || d.paths.Text != "" {
		t.Fatalf("Enter on a folder: in %s, box %q", d.dir, d.paths.Text)
	}

	d.paths.SetText(filepath.Join(dir, "nope.pdf"))
	test.Tap(d.addBtn)
	if len(fc.ingests) != 0 || d.note.Text != "Not found: "+filepath.Join(dir, "nope.pdf")+". Correct the path, or remove it from the box." {
		t.Fatalf("missing path: ingests %q, note %q", fc.ingests, d.note.Text)
	}

	d.paths.SetText("\"" + filepath.Join(dir, "b.pdf") + "\"\nfile://" + filepath.Join(dir, "sub") + "\n")
	if d.addBtn.Text != "Add 2" {
		t.Errorf("button %q", d.addBtn.Text)
	}
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	want := []string{filepath.Join(dir, "b.pdf"), filepath.Join(dir, "sub")}
	if len(fc.ingests) != 1 || !reflect.DeepEqual(fc.ingests[0], want) {
		t.Fatalf("ingested %q, want %q", fc.ingests, want)
	}
}

func TestTypedPaths(t *testing.T) {
	home, _ := os.UserHomeDir()
	got := typedPaths(" ~/a.pdf \n\n'/x/y z.pdf'\nfile:///d/e/\n")
	want := []string{filepath.Join(home, "a.pdf"), "/x/y z.pdf", "/d/e"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("typedPaths = %q, want %q", got, want)
	}
}
