package library

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"quire/search"
)

// A question about the Northwind plans finds its page in a library where
// Northwind is a few documents among hundreds, as in Northwind's own:
// there "Northwind" is in every chunk and weighs nothing, among the
// corpus's files it is rare and, weighed over the whole library, ranked
// the chunks that repeat it first (issue #11). Each question is searched
// within the Northwind documents, which its words or the file it names
// are the subject of.
func TestSubjectQuestionsRankAsInTheirOwnLibrary(t *testing.T) {
	questions := []struct {
		q, file string
		pages   []int
	}{
		{"What are some services exempt from prior authorization according to the Northwind Health Plus Benefits Details?",
			"Northwind_Health_Plus_Benefits_Details.pdf", []int{65, 102}},
		{"How does the prior authorization process detailed in the Northwind_Health_Plus_Benefits_Details.pdf impact the out-of-pocket costs for services and medications, and what are the copayment expectations for in-network services as outlined in the same document?",
			"Northwind_Health_Plus_Benefits_Details.pdf", []int{10, 63}},
		{"Does Northwind Helth cover full costs?", "Northwind_Standard_Benefits_Details.pdf", []int{34}},
	}
	for _, folders := range [][]string{
		{"evaldata/northwind"},
		{"evaldata/northwind", "evaldata/zentara", "pdfcorpus/files"},
	} {
		var paths []string
		for _, f := range folders {
			paths = append(paths, shared(t, f))
		}
		lib := ingested(t, paths...)
		for _, c := range questions {
			res, err := lib.Search(context.Background(), c.q, AskOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Scope) < 1 || len(res.Scope) > 3 {
				t.Errorf("%v: %q searched %d documents, want the Northwind plans'", folders, c.q, len(res.Scope))
			}
			if rank := pageRank(res.Hits, c.file, c.pages); rank == 0 || rank > 5 {
				t.Errorf("%v: %q: %s p.%v at rank %d, want in the top 5", folders, c.q, c.file, c.pages, rank)
			}
		}
	}
}

// pageRank is the 1-based rank of the first hit of file that spans one
// of pages, 0 if none does.
func pageRank(hits []search.Hit, file string, pages []int) int {
	for i, h := range hits {
		if h.Doc.Name != file {
			continue
		}
		for _, p := range pages {
			if p >= h.Chunk.PageStart && p <= max(h.Chunk.PageEnd, h.Chunk.PageStart) {
				return i + 1
			}
		}
	}
	return 0
}

// An answer kept to a subject's documents says which word kept it there,
// the name a user would recognise, whatever else the documents say
// throughout ("cover", "Plus" of one booklet); one kept to the documents
// a question names says they were named.
func TestScopedAnswerSaysWhatScopedIt(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/northwind"), shared(t, "evaldata/zentara"))
	for _, q := range []string{"Does Northwind Standard cover eye exams?", "Does Northwind Health Plus cover routine eye exams?"} {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Scoped || !slices.Equal(ans.About, []string{"Northwind"}) || slices.Contains(ans.Searched, "zentara_robotics_handbook.pdf") {
			t.Errorf("%q: scoped %v about %q searched %q, want the Northwind documents, about Northwind", q, ans.Scoped, ans.About, ans.Searched)
		}
	}
	// A question that says no name is not kept to the booklets that
	// say its words throughout.
	ans, err := lib.Ask(context.Background(), "Which services are covered by the plan?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Scoped {
		t.Errorf("scoped to %q about %q, want every document searched", ans.Searched, ans.About)
	}
	ans, err = lib.Ask(context.Background(), "What does PerksPlus.pdf reimburse?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Scoped || ans.About != nil || !slices.Equal(ans.Searched, []string{"PerksPlus.pdf"}) {
		t.Errorf("scoped %v about %q searched %q, want PerksPlus.pdf, named", ans.Scoped, ans.About, ans.Searched)
	}
}

// A question that names a company by an abbreviation ("MGM" for MGM
// Resorts, "JnJ" for Johnson & Johnson) is kept to that company's filings
// of the year it asks about, among other companies' filings, as when it
// writes the whole name; "PDF" names none of the files whose names begin
// with it.
func TestAbbreviatedCompanyScopesTheSearch(t *testing.T) {
	var paths []string
	for _, f := range []string{"MGMRESORTS_2022Q4_EARNINGS.pdf", "MGMRESORTS_2023Q2_10Q.pdf",
		"JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf", "JOHNSON_JOHNSON_2023Q2_EARNINGS.pdf", "AMCOR_2023Q4_EARNINGS.pdf"} {
		paths = append(paths, filepath.Join(shared(t, "evaldata/financebench"), f))
	}
	for _, f := range []string{"pdfjs-annotation-highlight.pdf", "pdfjs-textfields.pdf", "pdfminer-simple1.pdf"} {
		paths = append(paths, filepath.Join(shared(t, "pdfcorpus/files"), f))
	}
	lib := ingested(t, paths...)
	for _, c := range []struct {
		q, file string
		page    int // the evidence page, 0 for the scope alone
	}{
		{"What was MGM's interest coverage ratio using FY2022 Adjusted EBIT as the numerator and annual Interest Expense as the denominator?", "MGMRESORTS_2022Q4_EARNINGS.pdf", 14},
		{"Which type of debt received the largest investment among the short term investments for MGM in H1 FY2023?", "MGMRESORTS_2023Q2_10Q.pdf", 11},
		{"How did JnJ's US sales growth compare to international sales growth in FY2022?", "JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf", 0},
	} {
		ans, err := lib.Ask(context.Background(), c.q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Scoped || !slices.Equal(ans.Searched, []string{c.file}) {
			t.Errorf("%q: scoped %v searched %q, want %s", c.q, ans.Scoped, ans.Searched, c.file)
		}
		res, err := lib.Search(context.Background(), c.q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rank := pageRank(res.Hits, c.file, []int{c.page}); c.page > 0 && (rank == 0 || rank > 5) {
			t.Errorf("%q: %s p.%d at rank %d, want in the top 5", c.q, c.file, c.page, rank)
		}
	}
	ans, err := lib.Ask(context.Background(), "How do I highlight text in a PDF?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Scoped {
		t.Errorf("'PDF' scoped the search to %q", ans.Searched)
	}
}
