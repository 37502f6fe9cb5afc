package store

import (
	"slices"
	"strings"
	"testing"
)

func TestAnalyzerJoinsCompoundsAndFiscalYears(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		text string
		want []string
	}{
		{"out-of-network care", []string{"network", "outofnetwork", "care"}},
		{"pre-authorization", []string{"pre", "author", "preauthor"}},
		{"FY2022 revenue", []string{"2022", "revenu"}},
		{"FY 19 and FY'21", []string{"2019", "2021"}},
		{"2023Q2 results", []string{"2023", "q2", "result"}},
	} {
		if got := s.Analyze(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Analyze(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestHyphenatedAndJoinedFormsMeet(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addDoc(t, s, "plan.pdf", "h1", "Services need preauthorization from the plan.", "Dental cleanings twice a year.")
	if got := searchIDs(t, s, "Which services need pre-authorization?"); len(got) == 0 || got[0] != ChunkID(1, 0) {
		t.Fatalf("pre-authorization found %v, want the preauthorization chunk first", got)
	}
}

// TestLongChunkKeepsItsTermFrequency checks the average field length
// Bleve is given: with Bleve's own (distinct terms per chunk, about 3
// here) every chunk looked many times longer than average, and a long
// chunk that says "deductible" four times lost to a short one that says
// it once.
func TestLongChunkKeepsItsTermFrequency(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	filler := strings.Repeat("members receive care from providers in the network each year ", 6)
	long := "The deductible is $1,500. The deductible resets yearly. Family deductible $3,000; the deductible applies to hospital stays."
	short := "A deductible may apply."
	var texts []string
	for i := range 30 {
		texts = append(texts, filler+" note "+string(rune('a'+i%26)))
	}
	texts = append(texts, long, short)
	addDoc(t, s, "plan.pdf", "h1", texts...)
	got := searchIDs(t, s, "deductible")
	if len(got) < 2 || got[0] != ChunkID(1, 30) {
		t.Fatalf("deductible ranked %v, want the chunk that explains it (%s) first", got, ChunkID(1, 30))
	}
	avg, _, err := s.fieldLengths(32)
	if err != nil {
		t.Fatal(err)
	}
	if avg < 30 {
		t.Errorf("average text length %.1f terms; the chunks hold about 50", avg)
	}
}
