package bert

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestReferenceMSMarco checks the real ms-marco-MiniLM-L-6-v2 cross-encoder
// against its model card: logits [8.607138, -4.3200774]. It runs only when
// QUIRE_REAL_MODELS names a directory holding the model, as
// <dir>/ms-marco-MiniLM-L-6-v2/onnx/model.onnx, <dir>/onnx/model.onnx or
// <dir>/model.onnx (model_quantized.onnx beside it is checked too, looser);
// vocab.txt is taken from beside the model or its parent, else the
// bert-base-uncased vocabulary in the module cache (the same file).
func TestReferenceMSMarco(t *testing.T) {
	dir := os.Getenv("QUIRE_REAL_MODELS")
	if dir == "" {
		t.Skip("skipping: set QUIRE_REAL_MODELS to a directory with ms-marco-MiniLM-L-6-v2 to check real logits")
	}
	var model string
	for _, p := range []string{
		filepath.Join(dir, "ms-marco-MiniLM-L-6-v2", "onnx", "model.onnx"),
		filepath.Join(dir, "onnx", "model.onnx"),
		filepath.Join(dir, "model.onnx"),
	} {
		if _, err := os.Stat(p); err == nil {
			model = p
			break
		}
	}
	if model == "" {
		t.Skipf("skipping: no ms-marco-MiniLM-L-6-v2 model.onnx under %s", dir)
	}
	needRuntime(t)
	vocab := vocabPath(t)
	for _, p := range []string{filepath.Join(filepath.Dir(model), "vocab.txt"), filepath.Join(filepath.Dir(model), "..", "vocab.txt")} {
		if _, err := os.Stat(p); err == nil {
			vocab = p
			break
		}
	}
	query := "How many people live in Berlin?"
	passages := []string{
		"Berlin had a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers.",
		"Berlin is well known for its museums.",
	}
	want := []float64{8.607138, -4.3200774}
	check := func(path string, tol float64) {
		r, err := NewReranker(RerankerConfig{ModelPath: path, VocabPath: vocab})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got, err := r.Rerank(context.Background(), query, passages)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %v", path, got)
		for i := range want {
			if math.Abs(float64(got[i])-want[i]) > tol {
				t.Errorf("%s: logit %d = %v, want %v ± %v", path, i, got[i], want[i], tol)
			}
		}
		if !(got[0] > 0 && got[1] < 0) {
			t.Errorf("%s: wrong order or sign: %v", path, got)
		}
	}
	check(model, 1e-3)
	if q := filepath.Join(filepath.Dir(model), "model_quantized.onnx"); fileExists(q) {
		check(q, 0.2)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
