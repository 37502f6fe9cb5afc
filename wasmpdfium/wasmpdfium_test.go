package wasmpdfium

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/klippa-app/go-pdfium/requests"
)

// TestWazeroVersion: the cache directory is named after the wazero
// version in go.mod.
func TestWazeroVersion(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Skip(err)
	}
	m := regexp.MustCompile(`github.com/tetratelabs/wazero (v\S+)`).FindSubmatch(mod)
	if m == nil || string(m[1]) != wazeroVersion {
		t.Errorf("go.mod has wazero %q, wazeroVersion is %q", m, wazeroVersion)
	}
}

// TestStart starts PDFium with a fresh cache (a compile), then again from
// it, and reads a real file's page count each time.
func TestStart(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "pdfcorpus", "files", "pypdf-pdflatex-4-pages.pdf"))
	if err != nil {
		t.Skipf("skipping: the shared corpus is not beside the checkout: %v", err)
	}
	dir := t.TempDir()
	for range 2 {
		pool, inst, err := Start(t.Context(), Config{CacheDir: dir, MaxMemory: 256 << 20})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
		if err != nil {
			t.Fatal(err)
		}
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
		if err != nil || n.PageCount != 4 {
			t.Errorf("page count %v, %v; want 4", n, err)
		}
		pool.Close()
	}
	if entries, _ := os.ReadDir(dir); len(entries) == 0 {
		t.Error("no compiled code cached")
	}
}
