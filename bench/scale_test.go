package bench

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quire/ingest"
)

func TestMain(m *testing.M) {
	ingest.RunWorkerIfRequested() // extraction re-runs this binary
	os.Exit(m.Run())
}

// A generated PDF reads back, through Quire's extraction, as the text
// it was written from.
func TestWritePDFReadsBack(t *testing.T) {
	pool := &TextPool{Sentences: []string{
		"The quarterly revenue rose by 12 percent (adjusted).",
		"Employees in Tallinn receive a handbook on their first day.",
		"Section 4 describes the warranty for parts and labour.",
	}}
	pages := pool.Document(7)
	if !slices.Equal(pages, pool.Document(7)) || slices.Equal(pages, pool.Document(8)) {
		t.Fatal("documents are not a function of their number")
	}
	path := filepath.Join(t.TempDir(), "gen.pdf")
	if err := WritePDF(path, pages[:2]); err != nil {
		t.Fatal(err)
	}
	res, err := ingest.Extract(context.Background(), path, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.NumPages != 2 || len(res.Pages) != 2 {
		t.Fatalf("%d pages, %d with text", res.NumPages, len(res.Pages))
	}
	got := strings.Join(strings.Fields(res.Pages[0].Text), " ")
	want := strings.Join(strings.Fields(pages[0]), " ")
	if !strings.HasPrefix(want, got[:min(len(got), 200)]) {
		t.Errorf("page 1 reads %q…, written %q…", got[:min(len(got), 120)], want[:120])
	}
}
