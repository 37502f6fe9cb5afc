package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// What a chunk defines is found by its short form in any case, counted
// by the chunks that define it, kept through a rebuilt index, and leaves
// with its document.
func TestLongForms(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := addDoc(t, s, "plan.pdf", "a",
		"IMPORTANT PLAN INFORMATION Copayments (Copays) IMPORTANT",
		"Copayment: A copayment, also known as a copay, is the fixed amount that an employee pays.")
	b := addDoc(t, s, "10k.pdf", "b",
		"If Participant is the chief executive officer (“CEO”) of the Company,",
		"our Chief Executive Officer (CEO) and Chief Financial Officer (CFO) concluded")
	addDoc(t, s, "proxy.pdf", "c", "the Chief Executive Officer (CEO) of the Company")

	want := []LongForm{{"chief executive officer", 3}}
	check := func(short string, want []LongForm) {
		t.Helper()
		got, err := s.LongForms(short)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("LongForms(%q) = %v, want %v", short, got, want)
		}
	}
	check("CEO", want)
	check("ceo", want)
	check("copay", []LongForm{{"copayment", 1}})
	check("Copays", []LongForm{{"copayments", 1}})
	check("ce", nil) // a prefix of a short form is not one
	check("officer", nil)

	s.Close()
	if err := os.RemoveAll(filepath.Join(dir, "bleve")); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("cfo", []LongForm{{"chief financial officer", 1}})
	if err := s.RemoveDocument(b.ID); err != nil {
		t.Fatal(err)
	}
	check("CEO", []LongForm{{"chief executive officer", 1}})
	check("cfo", nil)
	if err := s.RemoveDocument(a.ID); err != nil {
		t.Fatal(err)
	}
	check("copay", nil)
}

// A long form searched beside a question finds the chunk that says only
// it, and the chunk that says the question's word still.
func TestSearchTextAlso(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := addDoc(t, s, "people.pdf", "a",
		"The CEO signs the annual report.",
		"Jane Smith is our Chief Executive Officer.",
		"The board meets every quarter.")
	ctx := context.Background()
	hits, err := s.SearchText(ctx, "CEO", 10, nil)
	if err != nil || len(hits) != 1 {
		t.Fatalf("SearchText: %v, %v", hits, err)
	}
	hits, err = s.SearchTextAlso(ctx, "CEO", []string{"chief executive officer"}, 10, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, h := range hits {
		got[h.ChunkID] = true
	}
	if len(hits) != 2 || !got[ChunkID(d.ID, 0)] || !got[ChunkID(d.ID, 1)] {
		t.Errorf("SearchTextAlso: %+v", hits)
	}
}
