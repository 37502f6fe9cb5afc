package library

import (
	"context"
	"path/filepath"
	"testing"

	"quire/store"
)

// A file that needs a password is listed as such; the password the user
// gives opens it, a wrong one says so, and neither adds a second document.
func TestUnlock(t *testing.T) {
	for _, c := range []struct{ file, password string }{
		{"pdfminer-encryption-rc4-128.pdf", "baz"},
		{"pdfminer-encryption-aes-256-r6.pdf", "usersecret"},
		{"qpdf-enc-r3-v2-u-view-o-view.pdf", "view"},
	} {
		t.Run(c.file, func(t *testing.T) {
			src := filepath.Join(shared(t, "pdfcorpus/files"), c.file)
			lib, err := Open(t.TempDir(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer lib.Close()
			ctx := context.Background()
			only := func() store.Document {
				t.Helper()
				docs, _ := lib.Documents()
				if len(docs) != 1 {
					t.Fatalf("%d documents, want 1", len(docs))
				}
				return docs[0]
			}
			lib.Ingest(ctx, []string{src}, nil)
			if d := only(); d.Status != store.StatusError || d.Error != "needs a password" {
				t.Fatalf("without a password: %+v", d)
			}
			lib.Unlock(ctx, src, "wrong", nil)
			if d := only(); d.Error != "could not be opened with that password" {
				t.Fatalf("wrong password: %q", d.Error)
			}
			sum, err := lib.Unlock(ctx, src, c.password, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := only(); d.Status == store.StatusError {
				t.Fatalf("right password: %+v (%+v)", d, sum)
			}
			if err := lib.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
