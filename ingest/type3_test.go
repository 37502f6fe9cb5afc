package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// Type 3 fonts have no fixed units per em: taking FontMatrix as thousandths
// made glyphs look ten times too big in these files, so the gaps between
// words were too small to count and words were glued. Our reader alone,
// without the PDFium fallback, must read them.
func TestType3WordGaps(t *testing.T) {
	corpus := filepath.Join(sharedDir(t), "pdfcorpus")
	for _, name := range []string{"pdfminer-contrib-2b.pdf", "pdfjs-issue918.pdf"} {
		ref, err := os.ReadFile(filepath.Join(corpus, "reference-text", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Extract(t.Context(), filepath.Join(corpus, "files", name), Options{mode: modePrimary})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got string
		for _, p := range res.Pages {
			got += p.Text + "\n"
		}
		if r, p := bagScores(wordsOf(got), wordsOf(string(ref))); r < 0.85 || p < 0.85 {
			t.Errorf("%s: word recall %.2f, precision %.2f against poppler (was 0.58/0.82 and 0.04/0.20)", name, r, p)
		}
	}
}
