package app

// Library rows in a real window (GLFW under Xvfb), over a real library:
// a PDF with no pages says so (it was called damaged), and watched
// folders take one short line each, the full path shown on hover.
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealLibraryRows -v
//
// saves /tmp/quire-rows.png and -rows-hover.png (a folder's full path).

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/store"
)

// zeroPagePDF is a well-formed PDF whose page tree has no page.
func zeroPagePDF(t *testing.T, path string) {
	t.Helper()
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRealLibraryRows(t *testing.T) {
	pdf := evalPDF(t)
	shot, ok := windowTest(t, "QUIRE_ROWS_WINDOW", "-rows")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	root := t.TempDir()
	zero := filepath.Join(root, "empty-scan.pdf")
	zeroPagePDF(t, zero)
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{zero, pdf}, nil); err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, name := range []string{"Papers", "Invoices 2025", "Board minutes and the annual reports of every subsidiary", "Scans"} {
		d := filepath.Join(root, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := lib.Watch(d); err != nil {
			t.Fatal(err)
		}
		folders = append(folders, d)
	}
	u := showRealWindow(t, lib, func(u *ui) { u.win.Resize(fyne.NewSize(1200, 800)) })
	within(t, 10*time.Second, "the documents listed", func() bool { return len(u.library.docs) == 2 })
	fyne.DoAndWait(u.reloadWatched)

	var status string
	var height float32
	var rows int
	fyne.DoAndWait(func() {
		for _, d := range u.library.docs {
			if d.Name == "empty-scan.pdf" {
				status = docStatusLine(d, ocrState{installed: true, enabled: true})
				if d.Status != store.StatusError {
					status += " (not an error row)"
				}
			}
		}
		height, rows = u.watchList.Size().Height, len(u.watchList.Objects)
	})
	t.Logf("empty-scan.pdf: %q; %d watched folders take %.0f px", status, rows, height)
	if status != "has no pages" {
		t.Errorf("a PDF with no pages reads %q", status)
	}
	if rows != 4 || height > 4*30 {
		t.Errorf("%d watched folders take %.0f px, want at most 30 each", rows, height)
	}
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+".png")

	var tip, long string
	fyne.DoAndWait(func() {
		for _, o := range u.watchList.Objects {
			if r := o.(*watchRow); strings.HasPrefix(filepath.Base(r.dir), "Board") {
				long = r.text.Text
				r.MouseIn(nil)
				tip = r.tip.Content.(*widget.Label).Text
			}
		}
	})
	t.Logf("long folder row %q, hover shows %q", long, tip)
	if tip != folders[2] || !strings.HasSuffix(long, "…") {
		t.Errorf("long folder row %q, hover shows %q", long, tip)
	}
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-hover.png")
}
