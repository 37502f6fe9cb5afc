package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Analyze runs the character filters itself, only where they may match;
// its terms must be exactly those of the index analyzer with every
// filter, on real text and on the forms the filters are for.
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
		// Edges of the word-by-word hyphen rules: letters outside ASCII
		// (where \\b is not a letter's edge), five parts, other spaces,
		// and a rule before them that a hyphen rule could have fed.
		"bar-café café-bar naïve-ly a-b-c-d-e x-fy 22 pre-\tauth pre-auth\u00a0x (out-of-network)/in-network —dash— -lead trail- 2023-Q2",
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
		if filteredText(text) == text {
			skipped++
		}
	}
	if skipped == 0 || skipped == len(texts) {
		t.Errorf("%d of %d texts unchanged by the filters", skipped, len(texts))
	}
	t.Logf("%d texts, %d unchanged by the filters", len(texts), skipped)
}
