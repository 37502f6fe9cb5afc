package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Analyze leaves out the character filters that cannot match a text; its
// terms must be exactly those of the analyzer with every filter, on real
// text and on the forms the filters are for.
func TestAnalyzeSkipsOnlyFiltersThatCannotMatch(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	full := s.index.Mapping().AnalyzerNamed(analyzerName)
	texts := []string{
		"FY2022 revenue rose; fy 21 and Fy'19 fell", "2023Q2 and 2022 H1 results, q4",
		"out-of-network pre-authorization bone-anchored state-of-the-art", "no filter applies here",
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "pdfcorpus", "reference-text", "*.txt"))
	if len(files) == 0 {
		t.Log("no shared reference texts: the built-in examples only")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n\n")...)
	}
	skipped := 0
	for _, text := range texts {
		var want []string
		for _, tok := range full.Analyze([]byte(text)) {
			want = append(want, string(tok.Term))
		}
		got := s.Analyze(text)
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("Analyze(%.80q) = %v, want %v", text, got, want)
		}
		if len(filtersFor(full.(*analysis.DefaultAnalyzer), text).CharFilters) < len(charRules) {
			skipped++
		}
	}
	if skipped == 0 {
		t.Error("no text skipped a filter")
	}
	t.Logf("%d texts, %d skipped some filter", len(texts), skipped)
}
