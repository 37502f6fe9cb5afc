package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"quire/library"
)

// A scanned PDF dropped on the window is listed at once, read by OCR in
// the background, and then answers a question: the citation says OCR,
// and SOURCE draws the scanned page with the quoted words highlighted
// from Tesseract's word boxes.
func TestRealWindowOCR(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("DISPLAY unset: run under xvfb-run")
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract is not installed (scripts/deps.sh --test installs it)")
	}
	if !inOwnProcess(t, "QUIRE_OCR_WINDOW") {
		return
	}
	scan := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "..", "pdfcorpus", "files", "synthetic-scanned-image-only.pdf")
	if _, err := os.Stat(scan); err != nil {
		t.Skipf("no scanned sample: %v", err)
	}
	dir := t.TempDir()
	data, err := os.ReadFile(scan)
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "scanned-letter.pdf")
	if err := os.WriteFile(pdf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	shot := screenshotPath(t, "-ocr")
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()

	u := showRealWindow(t, lib, func(u *ui) { u.banner.SetText("Keyword search is on.") })
	fyne.Do(func() { u.dropped(fyne.NewPos(600, 400), []fyne.URI{storage.NewFileURI(pdf)}) })
	var status string
	within(t, 5*time.Minute, "OCR to read both pages", func() bool {
		if len(u.library.docs) != 1 {
			return false
		}
		status = docStatusLine(u.library.docs[0], u.ocrNow())
		return u.ocr.stop == nil && len(u.library.docs[0].OCRRead) == 2
	})
	var bar string
	fyne.DoAndWait(func() { bar = u.ocr.label.Text })
	t.Logf("row: %q; OCR strip: %q", status, bar)
	if status != "2 pp · indexed · OCR pp. 1–2" {
		t.Errorf("library row %q", status)
	}

	const question = "What does a blind text give you information about?"
	fyne.DoAndWait(func() {
		u.win.Canvas().Focus(u.chat.entry)
		for _, r := range question {
			u.chat.entry.TypedRune(r)
		}
		u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	within(t, time.Minute, "the answer", func() bool {
		return len(u.chat.turns) == 1 && u.chat.turns[0].answered && u.askCancel == nil
	})
	var label, answer string
	fyne.DoAndWait(func() {
		turn := u.chat.turns[0]
		answer = turn.answer.Text
		if len(turn.citations) > 0 {
			label = turn.citations[0].Text
			turn.citations[0].Tapped(&fyne.PointEvent{})
		}
	})
	t.Logf("answer %q; first citation %q", answer, label)
	if !strings.HasPrefix(label, "[1] scanned-letter.pdf p.") || !strings.HasSuffix(label, "(OCR)") {
		t.Fatalf("first citation %q, want the scan marked (OCR)", label)
	}
	within(t, time.Minute, "the cited page to be drawn", func() bool {
		return u.source.cancel == nil && u.source.status.Text != textDrawingPage
	})
	var boxes int
	var found bool
	var page string
	fyne.DoAndWait(func() {
		boxes, found, page = len(u.source.drawn.Boxes), u.source.drawn.Found, u.source.page.Text
	})
	t.Logf("SOURCE %q: %d boxes, found %v", page, boxes, found)
	if boxes == 0 || !found {
		t.Errorf("the quoted passage is not highlighted on the scan (%d boxes, found %v)", boxes, found)
	}
	if !strings.Contains(page, "read by OCR") {
		t.Errorf("SOURCE page line %q does not say OCR", page)
	}
	time.Sleep(500 * time.Millisecond)
	screenshot(t, u, shot)
}
