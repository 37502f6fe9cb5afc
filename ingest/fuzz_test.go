package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzExtract feeds damaged PDFs through the whole isolated wrapper:
// whatever the bytes, Extract returns in time with text or with one of
// the sentinel errors, in words, and never takes the caller down.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>endobj\n4 0 obj<</Length 30>>stream\nBT /F1 12 Tf (Hello world) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	for _, name := range []string{"pypdf-pdflatex-4-pages.pdf", "synthetic-bad-startxref.pdf", "opf-cabinet-encryption_nocopy.pdf"} {
		if data, err := os.ReadFile(filepath.Join("..", "..", "shared", "pdfcorpus", "files", name)); err == nil && len(data) < 1<<20 {
			f.Add(data)
		}
	}
	sentinels := []error{ErrNotPDF, ErrPassword, ErrDamaged, ErrTimeout, ErrTooLarge, ErrEmpty, ErrUnsupported}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Extract(context.Background(), path, Options{Timeout: 20})
		if err != nil {
			known := false
			for _, s := range sentinels {
				known = known || errors.Is(err, s)
			}
			if !known || Reason(err) == "" {
				t.Fatalf("unclassified error %v (reason %q)", err, Reason(err))
			}
			return
		}
		for _, p := range res.Pages {
			if p.Number < 1 || p.Number > res.NumPages {
				t.Fatalf("page %d of %d", p.Number, res.NumPages)
			}
		}
	})
}
