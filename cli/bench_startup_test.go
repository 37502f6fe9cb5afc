package cli

import (
	"context"
	"fmt"
	"testing"

	"quire/library"
)

// The scale section's window_show_ms comes from the window's own
// start-up path over the library it built.
func TestWindowShow(t *testing.T) {
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]library.TextDocument, 50)
	for i := range docs {
		docs[i] = library.TextDocument{Name: fmt.Sprintf("r%02d.pdf", i), Path: fmt.Sprintf("/b/r%02d.pdf", i), Pages: []string{"Unit figures."}}
	}
	if err := lib.AddTexts(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	d, err := windowShow(context.Background(), dir)
	if err != nil || d <= 0 {
		t.Fatalf("windowShow = %v, %v", d, err)
	}
}
