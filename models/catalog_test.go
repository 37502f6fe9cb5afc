package models

import (
	"quire/models/use"

	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"quire/models/fetch"
)

// testModel makes a two-file model whose files the test server serves.
func testModel(t *testing.T, sizes ...int) (Model, map[string][]byte) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	m := Model{Name: "tiny", Role: "reranker", Repo: "org/tiny", Revision: "abc123"}
	body := map[string][]byte{}
	for i, n := range sizes {
		data := make([]byte, n)
		rng.Read(data)
		sum := sha256.Sum256(data)
		path := fmt.Sprintf("onnx/file%d.bin", i)
		m.Files = append(m.Files, File{Path: path, Bytes: int64(n), SHA256: hex.EncodeToString(sum[:])})
		body["/org/tiny/resolve/abc123/"+path] = data
	}
	return m, body
}

// server serves body with Range support; cut, if set, closes a response
// after that many bytes, once per file.
type server struct {
	mu     sync.Mutex
	body   map[string][]byte
	cut    int
	cutOff map[string]bool
	ranges []string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	data, ok := s.body[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	s.ranges = append(s.ranges, r.Header.Get("Range"))
	cut := s.cut > 0 && !s.cutOff[r.URL.Path]
	if cut {
		s.cutOff[r.URL.Path] = true
	}
	s.mu.Unlock()
	start := 0
	if rg := r.Header.Get("Range"); rg != "" {
		start, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(data)-1, len(data)))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)-start))
		w.WriteHeader(http.StatusPartialContent)
	} else {
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	}
	rest := data[start:]
	if cut {
		w.Write(rest[:s.cut])
		// Abort the connection mid-body, as a dropped network does.
		panic(http.ErrAbortHandler)
	}
	w.Write(rest)
}

func TestPullVerifiesAndResumes(t *testing.T) {
	m, body := testModel(t, 3<<20, 1000)
	srv := &server{body: body, cut: 1 << 20, cutOff: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	p := Puller{Dir: dir, BaseURL: ts.URL}

	err := p.Pull(context.Background(), m, nil)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("first pull over a dropped connection: %v", err)
	}
	part := filepath.Join(dir, "tiny", "onnx", "file0.bin.part")
	if info, err := os.Stat(part); err != nil || info.Size() != 1<<20 {
		t.Fatalf("partial file kept for resuming: %v %v", info, err)
	}
	var last int64
	if err := p.Pull(context.Background(), m, func(_, _ string, done, _ int64) { last = done }); err != nil {
		t.Fatalf("resumed pull: %v", err)
	}
	if srv.ranges[1] != "bytes=1048576-" {
		t.Fatalf("second request did not resume: Range %q", srv.ranges[1])
	}
	if last == 0 {
		t.Fatal("no progress reported")
	}
	man := Manifest{Models: []Model{m}}
	sts, err := Installed(dir, man)
	if err != nil || !sts[0].Installed {
		t.Fatalf("installed: %+v %v", sts, err)
	}
	// A third pull finds everything in place and asks for nothing.
	n := len(srv.ranges)
	if err := p.Pull(context.Background(), m, nil); err != nil || len(srv.ranges) != n {
		t.Fatalf("pull of an installed model: %v, %d new requests", err, len(srv.ranges)-n)
	}
}

func TestPullRejectsWrongChecksum(t *testing.T) {
	m, body := testModel(t, 5000)
	m.Files[0].SHA256 = strings.Repeat("0", 64)
	ts := httptest.NewServer(&server{body: body, cutOff: map[string]bool{}})
	defer ts.Close()
	dir := t.TempDir()
	err := Puller{Dir: dir, BaseURL: ts.URL}.Pull(context.Background(), m, nil)
	if !errors.Is(err, fetch.ErrChecksum) {
		t.Fatalf("wrong checksum: %v", err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "tiny", "onnx", "*"))
	if len(matches) != 0 {
		t.Fatalf("a file that failed its checksum was kept: %v", matches)
	}
}

func TestPullReportsServerErrors(t *testing.T) {
	m, _ := testModel(t, 10)
	ts := httptest.NewServer(&server{body: map[string][]byte{}, cutOff: map[string]bool{}})
	defer ts.Close()
	err := Puller{Dir: t.TempDir(), BaseURL: ts.URL}.Pull(context.Background(), m, nil)
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestImport(t *testing.T) {
	m, body := testModel(t, 2000, 300)
	man := Manifest{Models: []Model{m}}
	src := t.TempDir()
	for p, data := range body {
		// A folder of one model's files, laid out as in its repository.
		dst := filepath.Join(src, strings.TrimPrefix(p, "/org/tiny/resolve/abc123/"))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		os.WriteFile(dst, data, 0o644)
	}
	dir := t.TempDir()
	done, err := Import(src, dir, man)
	if err != nil || len(done) != 1 || done[0] != "tiny" {
		t.Fatalf("import: %v %v", done, err)
	}
	// A damaged copy is refused and reported.
	os.WriteFile(filepath.Join(src, "onnx", "file1.bin"), []byte("garbage"), 0o644)
	os.RemoveAll(filepath.Join(dir, "tiny", "onnx", "file1.bin"))
	done, err = Import(src, dir, man)
	if !errors.Is(err, fetch.ErrChecksum) || len(done) != 0 {
		t.Fatalf("damaged import: %v %v", done, err)
	}
}

func TestBuiltinManifest(t *testing.T) {
	man, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]int{}
	for _, m := range man.Defaults() {
		if !m.Fallback {
			roles[m.Role]++
		}
	}
	if roles["embedder"] != 1 || roles["reranker"] != 1 {
		t.Fatalf("defaults per role (fallbacks aside): %v", roles)
	}
	for _, m := range man.Models {
		// A branch revision is allowed only with a note saying why; the
		// files are pinned by sha256 either way. An npm package is
		// pinned by version and its tarball's hashes.
		pinned := m.PinnedRevision() || m.Note != ""
		if m.NPM != nil {
			pinned = m.Repo == "" && m.NPM.Version != "" && len(m.NPM.SHA256) == 64 && m.NPM.Bytes > 0
		}
		if !pinned || m.Licence == "" || len(m.Files) == 0 {
			t.Errorf("%s: not pinned: %+v", m.Name, m)
		}
		for _, f := range m.Files {
			if len(f.SHA256) != 64 || f.Bytes <= 0 {
				t.Errorf("%s/%s: no size or sha256", m.Name, f.Path)
			}
		}
	}
}

// Present judges by size, for start-up; Installed by sha256, when asked.
func TestPresentAndInstalled(t *testing.T) {
	m, body := testModel(t, 100)
	man := Manifest{Models: []Model{m}}
	dir := t.TempDir()
	path := Path(dir, m, m.Files[0])
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, body["/org/tiny/resolve/abc123/"+m.Files[0].Path][:50], 0o644)
	p, _ := Present(dir, man)
	if p[0].Installed {
		t.Fatal("a truncated file counted as present")
	}
	os.WriteFile(path, make([]byte, 100), 0o644)
	p, _ = Present(dir, man)
	i, _ := Installed(dir, man)
	if !p[0].Installed || i[0].Installed {
		t.Fatalf("same size, other bytes: present %v, installed %v", p[0].Installed, i[0].Installed)
	}
}

// The stronger reranker: MiniLM-L-12, int8, with the same vocabulary,
// inputs and output as L-6, so the same tokenizer and reranker code run it.
func TestL12Reranker(t *testing.T) {
	man, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m, err := man.Find("ms-marco-minilm-l12-v2-int8")
	if err != nil {
		t.Fatal(err)
	}
	l6, err := man.Find("ms-marco-minilm-l6-v2-int8")
	if err != nil {
		t.Fatal(err)
	}
	if m.Role != "reranker" || m.Default || m.Repo != "Xenova/ms-marco-MiniLM-L-12-v2" || m.Licence != "Apache-2.0" || m.MaxLength != 512 {
		t.Fatalf("entry %+v", m)
	}
	if m.PinnedRevision() || !strings.Contains(m.Note, "sha256") {
		t.Fatalf("revision %q without a note on its pinning: %q", m.Revision, m.Note)
	}
	if strings.Join(m.Inputs, ",") != strings.Join(l6.Inputs, ",") || m.Output != l6.Output || m.Output != "logits" {
		t.Fatalf("inputs %v → %s, L-6 has %v → %s", m.Inputs, m.Output, l6.Inputs, l6.Output)
	}
	want := map[string]File{
		"model":     {Path: "onnx/model_quantized.onnx", Bytes: 34201341, SHA256: "c5551b3e446396364913c5ad79e9c8411a76d26523b7d87232052ae6c0d0c7fd", Role: "model"},
		"tokenizer": l6.Files[1],
	}
	if len(m.Files) != 2 || m.Files[0] != want["model"] || m.Files[1] != want["tokenizer"] || l6.Files[1].Role != "tokenizer" {
		t.Fatalf("files %+v, want %+v", m.Files, want)
	}
	if m.Size() != 34201341+711396 {
		t.Fatalf("size %d", m.Size())
	}
	notes := strings.Join(man.Notes, " ")
	if !strings.Contains(notes, "bge-reranker-base") || !strings.Contains(notes, "SentencePiece") {
		t.Fatalf("the manifest does not say why bge-reranker-base is not listed: %q", notes)
	}
}

// A file changed on the hub under a branch revision is refused, and the
// error says so.
func TestPullBranchRevisionChanged(t *testing.T) {
	m, body := testModel(t, 5000)
	m.Revision = "main"
	body["/org/tiny/resolve/main/"+m.Files[0].Path] = append([]byte("changed"), body["/org/tiny/resolve/abc123/"+m.Files[0].Path]...)
	m.Files[0].Bytes += int64(len("changed"))
	ts := httptest.NewServer(&server{body: body, cutOff: map[string]bool{}})
	defer ts.Close()
	err := Puller{Dir: t.TempDir(), BaseURL: ts.URL}.Pull(context.Background(), m, nil)
	if !errors.Is(err, fetch.ErrChecksum) || !strings.Contains(err.Error(), "org/tiny@main is no longer the one") {
		t.Fatalf("changed file: %v", err)
	}
}

func TestDownloaded(t *testing.T) {
	m, body := testModel(t, 3<<20, 1000)
	srv := &server{body: body, cut: 1 << 20, cutOff: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	if n := Downloaded(dir, m); n != 0 {
		t.Fatalf("nothing downloaded yet, got %d", n)
	}
	p := Puller{Dir: dir, BaseURL: ts.URL}
	_ = p.Pull(context.Background(), m, nil)
	if n := Downloaded(dir, m); n != 1<<20 {
		t.Fatalf("after an interrupted pull: %d bytes, want %d", n, 1<<20)
	}
	if err := p.Pull(context.Background(), m, nil); err != nil {
		t.Fatal(err)
	}
	if n := Downloaded(dir, m); n != m.Size() {
		t.Fatalf("after the pull: %d of %d", n, m.Size())
	}
}

// use-lite is an entry of the manifest like any other: its model.onnx is
// pinned to what the converter writes from the pinned package.
func TestUseLiteEntry(t *testing.T) {
	man, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m, err := man.Find(UseName)
	if err != nil {
		t.Fatal(err)
	}
	var model []File
	for _, f := range m.Files {
		if f.Role == "model" {
			model = append(model, f)
		}
	}
	if !m.Builtin() || !m.Default || !m.Fallback || m.Format != "use" || m.Dim != use.Dim || m.MaxLength != use.DefaultMaxLen ||
		len(model) != 1 || !model[0].Derived || model[0].SHA256 != use.ConvertedSHA256 || model[0].Path != use.ONNXFile {
		t.Fatalf("use-lite entry %+v", m)
	}
}
