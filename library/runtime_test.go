package library

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"quire/models"
	"quire/models/fetch"
)

// Where no onnxruntime library is found, the first download fetches the
// one the manifest pins for this platform into the models folder's lib/
// (from its npm package, through the one downloader), the offer counts
// its bytes, and progress covers both; once it is there, nothing more.
func TestDownloadFetchesTheRuntime(t *testing.T) {
	for _, k := range []string{"QUIRE_ORT_LIB", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"} {
		t.Setenv(k, "")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	lib := []byte(strings.Repeat("not really a shared library ", 40))
	tgz := tarball(t, map[string][]byte{"package/bin/the/lib.so": lib, "package/README.md": []byte("hi")})
	rt := models.Runtime{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Version: "9.9", Licence: "MIT",
		NPM:  fetch.Package{Name: "fake-ort", Version: "9.9.0", Bytes: int64(len(tgz)), SHA256: sha(tgz)},
		Path: "package/bin/the/lib.so", File: "libonnxruntime.so.1", Bytes: int64(len(lib)), SHA256: sha(lib)}
	if runtime.GOOS == "darwin" {
		rt.File = "libonnxruntime.dylib"
	} else if runtime.GOOS == "windows" {
		rt.File = "onnxruntime.dll"
	}
	model := []byte("model bytes")
	m := models.Model{Name: "m", Role: "reranker", Default: true, Repo: "r/m", Revision: "x", Licence: "MIT",
		Files: []models.File{{Path: "model.onnx", Bytes: int64(len(model)), SHA256: sha(model), Role: "model"}}}
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		switch r.URL.Path {
		case "/fake-ort/-/fake-ort-9.9.0.tgz":
			w.Write(tgz)
		case "/r/m/resolve/x/model.onnx":
			w.Write(model)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	shelf := &Shelf{Dir: t.TempDir(), Manifest: &models.Manifest{Models: []models.Model{m}, Runtimes: []models.Runtime{rt}},
		BaseURL: srv.URL, Registry: srv.URL, NPM: "-"}

	offer, err := shelf.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	if want := m.Size() + rt.NPM.Bytes; offer.Bytes != want || len(offer.Titles) != 2 || !strings.Contains(offer.Titles[1], "onnxruntime 9.9") {
		t.Fatalf("offer %+v, want %d bytes with the runtime named", offer, want)
	}
	var last [2]int64
	if err := shelf.Download(context.Background(), "m", func(done, total int64) { last = [2]int64{done, total} }); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(shelf.Dir, "lib", rt.File)); err != nil || !bytes.Equal(got, lib) {
		t.Fatalf("runtime in lib/: %v", err)
	}
	if total := m.Size() + rt.NPM.Bytes; last != [2]int64{total, total} {
		t.Errorf("progress ended at %v, want %d of %d", last, total, total)
	}
	if ents, _ := os.ReadDir(filepath.Join(shelf.Dir, "lib")); len(ents) != 1 {
		t.Errorf("lib/ holds %d files, want the library alone (the tarball removed)", len(ents))
	}
	if !models.RuntimeFound(shelf.Dir) {
		t.Error("the fetched library is not where onnxruntime is looked for")
	}

	// Now found: offered no more, and not fetched again.
	if offer, _ := shelf.Defaults(); offer.Bytes != m.Size() {
		t.Errorf("offer after the runtime arrived: %+v", offer)
	}
	paths = nil
	if err := os.Remove(models.Path(shelf.Dir, m, m.Files[0])); err != nil {
		t.Fatal(err)
	}
	if err := shelf.Download(context.Background(), "m", nil); err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || paths[0] != "/r/m/resolve/x/model.onnx" {
		t.Errorf("second download asked for %v, want the model alone", paths)
	}
}

// The real manifest pins the library for Linux x86-64 (onnxruntime-node's
// build): what scripts/onnxruntime.sh installs.
func TestManifestPinsTheRuntime(t *testing.T) {
	man, err := models.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rt, ok := man.RuntimeFor("linux", "amd64")
	if !ok || rt.Version != "1.24.3" || rt.NPM.Name != "onnxruntime-node" || len(rt.NPM.SHA256) != 64 || rt.NPM.Integrity == "" ||
		rt.SHA256 != "92ba8e44d31b80a34f5e805076a044122c3be1fffe0d88ed790de7267b0b2682" || rt.File != "libonnxruntime.so.1" {
		t.Fatalf("linux/amd64 runtime %+v", rt)
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// tarball is a gzipped tar of files.
func tarball(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, data := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
