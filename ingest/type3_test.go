package ingest

import "testing"

// Type 3 fonts have no fixed units per em: taking FontMatrix as thousandths
// made glyphs look ten times too big in these files, so the gaps between
// words were too small to count and words were glued. Our reader alone,
// without the PDFium fallback, must read them.
func TestType3WordGaps(t *testing.T) {
	for _, name := range []string{"pdfminer-contrib-2b.pdf", "pdfjs-issue918.pdf"} {
		res, err := Extract(t.Context(), corpusFile(t, name), Options{mode: modePrimary})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r, p := refRecall(t, name, res); r < 0.85 || p < 0.85 {
			t.Errorf("%s: word recall %.2f, precision %.2f against poppler (was 0.58/0.82 and 0.04/0.20)", name, r, p)
		}
	}
}
