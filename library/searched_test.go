package library

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"quire/store"
)

// The answer's list of documents searched follows the library as it
// changes: a document added or removed between two questions is in the
// second answer's list, or is not.
func TestSearchedFollowsTheLibrary(t *testing.T) {
	dir := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(dir, "PerksPlus.pdf"))
	ask := func() []string {
		t.Helper()
		ans, err := lib.Ask(context.Background(), "What is the yearly reimbursement for fitness programs?", AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return ans.Searched
	}
	if got := ask(); !slices.Equal(got, []string{"PerksPlus.pdf"}) {
		t.Fatalf("searched %q", got)
	}
	if _, err := lib.Ingest(context.Background(), []string{filepath.Join(dir, "Benefit_Options.pdf")}, nil); err != nil {
		t.Fatal(err)
	}
	if got := ask(); !slices.Equal(got, []string{"Benefit_Options.pdf", "PerksPlus.pdf"}) {
		t.Fatalf("after adding a document, searched %q", got)
	}
	docs, err := lib.Documents()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(docs, func(d store.Document) bool { return d.Name == "Benefit_Options.pdf" })
	if err := lib.Remove(docs[i].ID); err != nil {
		t.Fatal(err)
	}
	if got := ask(); !slices.Equal(got, []string{"PerksPlus.pdf"}) {
		t.Fatalf("after removing a document, searched %q", got)
	}
}
