package library

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quire/ocr"
	"quire/store"
)

// A scanned PDF is indexed at once with no text, then read by OCR in the
// background: cancelled after its first page it keeps that page and
// resumes with the rest; its chunks say they came from OCR, its words
// are kept for highlighting, and the text is found by a question.
func TestOCRScannedDocument(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract is not installed (scripts/deps.sh --test installs it)")
	}
	dir := t.TempDir()
	copyFile(t, shared(t, "pdfcorpus/files/synthetic-scanned-image-only.pdf"), filepath.Join(dir, "scan.pdf"))
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	docs, _ := lib.Documents()
	if len(docs) != 1 || docs[0].Status != store.StatusNoText || !slices.Equal(docs[0].OCRPending(), []int{1, 2}) {
		t.Fatalf("after ingest: %+v", docs)
	}
	if s := OCRStatus(docs[0], true, true); s != "pp. 1–2 wait for OCR" {
		t.Errorf("status %q", s)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var seen []OCRProgress
	_, err = lib.OCR(ctx, func(p OCRProgress) {
		seen = append(seen, p)
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled OCR: %v", err)
	}
	if len(seen) != 1 || seen[0].Total != 2 || !strings.HasPrefix(seen[0].String(), "OCR p. 1 of 2, ") {
		t.Fatalf("progress %+v", seen)
	}
	docs, _ = lib.Documents()
	if !slices.Equal(docs[0].OCRRead, []int{1}) || docs[0].Status != store.StatusIndexed {
		t.Fatalf("after cancelling: read %v, status %s", docs[0].OCRRead, docs[0].Status)
	}

	sum, err := lib.OCR(context.Background(), nil)
	if err != nil || sum.Pages != 1 || sum.Left != 0 {
		t.Fatalf("resumed OCR: %+v, %v", sum, err)
	}
	docs, _ = lib.Documents()
	d := docs[0]
	if !slices.Equal(d.OCRRead, []int{1, 2}) || len(d.OCRPending()) != 0 {
		t.Fatalf("after resuming: %+v", d)
	}
	if s := OCRStatus(d, true, true); s != "OCR pp. 1–2" {
		t.Errorf("status %q", s)
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
	ans, err := lib.Ask(context.Background(), "What does a blind text give you information about?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Citations) == 0 || ans.Citations[0].OCR == 0 || ans.Citations[0].DocID != d.ID {
		t.Fatalf("answer %q cites %+v", ans.Text, ans.Citations)
	}
	w, err := lib.OCRWords(d.ID, ans.Citations[0].Page)
	if err != nil || len(w.Words) < 50 {
		t.Fatalf("words of the cited page: %d, %v", len(w.Words), err)
	}
}

// Without Tesseract the pages wait, and the library row says what to do.
func TestOCRWithoutTesseract(t *testing.T) {
	t.Setenv("QUIRE_TESSERACT", "/nonexistent/tesseract")
	dir := t.TempDir()
	copyFile(t, shared(t, "pdfcorpus/files/synthetic-scanned-image-only.pdf"), filepath.Join(dir, "scan.pdf"))
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.OCR(context.Background(), nil); !errors.Is(err, ocr.ErrNoTesseract) {
		t.Fatalf("OCR without Tesseract: %v", err)
	}
	docs, _ := lib.Documents()
	installed, enabled := lib.OCRState()
	if s := OCRStatus(docs[0], installed, enabled); s != "install Tesseract to read pp. 1–2" {
		t.Errorf("status %q", s)
	}
	if err := lib.SetOCRSettings(OCRSettings{Enabled: false}); err != nil {
		t.Fatal(err)
	}
	if sum, err := lib.OCR(context.Background(), nil); err != nil || sum.Left != 0 {
		t.Errorf("OCR switched off: %+v, %v", sum, err)
	}
}
