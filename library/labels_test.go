package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"quire/store"
)

// Files are named for what is wrong with them: a valid PDF whose name is
// not UTF-8 is read, one with no pages says so (not "needs OCR").
func TestFileLabels(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(shared(t, "pdfcorpus/files"), "pypdf-pdflatex-4-pages.pdf"), filepath.Join(dir, "caf\xe9.pdf"))
	empty := "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
	os.WriteFile(filepath.Join(dir, "nopages.pdf"), []byte(empty), 0o644)
	// The same with its cross-reference table, so both engines read it
	// whole: a PDF with no pages, not a damaged one.
	whole := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" +
		"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n"
	os.WriteFile(filepath.Join(dir, "nopages-whole.pdf"), []byte(whole), 0o644)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	got := map[string]store.Document{}
	_, err = lib.Ingest(context.Background(), []string{dir}, func(e Event) {
		if e.Kind == FileDone {
			got[filepath.Base(e.Path)] = e.Doc
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := got["caf\xe9.pdf"]; d.Status != store.StatusIndexed {
		t.Errorf("a PDF named in Latin-1: %s %q", d.Status, d.Error)
	}
	if d := got["nopages.pdf"]; d.Status != store.StatusError || (d.Error != "has no pages" && d.Error != "is damaged and could not be read") {
		t.Errorf("a PDF with no pages: %s %q", d.Status, d.Error)
	}
	if d := got["nopages-whole.pdf"]; d.Status != store.StatusError || d.Error != "has no pages" {
		t.Errorf("a well-formed PDF with no pages: %s %q", d.Status, d.Error)
	}
}

// A symlink to a folder given as the path is followed, as are symlinked
// PDFs inside folders; a missing path is reported and the rest goes on.
func TestIngestLinksAndMissingPaths(t *testing.T) {
	src := filepath.Join(shared(t, "pdfcorpus/files"), "pypdf-pdflatex-4-pages.pdf")
	real, dir := t.TempDir(), t.TempDir()
	copyFile(t, src, filepath.Join(real, "a.pdf"))
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	os.Symlink(filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), filepath.Join(other, "z.pdf"))
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	missing := filepath.Join(dir, "no-such-folder")
	sum, err := lib.Ingest(context.Background(), []string{missing, link, other}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 2 {
		t.Errorf("%d indexed through links, want 2: %+v", sum.Indexed, sum)
	}
	if len(sum.Skips) != 1 || sum.Skips[0].Path != missing || sum.Skips[0].Reason != "does not exist" {
		t.Errorf("skips %+v; want the missing path, named", sum.Skips)
	}
}
