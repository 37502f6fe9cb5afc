package bench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"quire/models"
	"quire/models/generated"
	"quire/models/onnx"
	"quire/search"
)

func TestSummarise(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	l := Summarise(ds)
	if l.N != 100 || l.P50 != 50 || l.P95 != 95 || l.Max != 100 {
		t.Fatalf("Summarise = %+v", l)
	}
	if (Summarise(nil) != Latency{}) {
		t.Fatal("empty input gave figures")
	}
}

// The search section end to end at a small size: every mode is timed,
// and the dense scan is compared with the brute-force reference.
func TestSearchSection(t *testing.T) {
	if _, err := onnx.InitRuntime(onnx.RuntimeOptions{}); errors.Is(err, onnx.ErrRuntimeMissing) {
		t.Skipf("skipping: %v", err)
	}
	scifact, _ := filepath.Abs(filepath.Join("..", "..", "shared", "evaldata", "scifact"))
	if _, err := os.Stat(scifact); err != nil {
		t.Skip("shared data not found")
	}
	set, err := generated.Load(t.TempDir(), true, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	dim := len(mustEmbed(t, set))
	rep, err := Search(context.Background(), scifact, []int{300}, search.Models{Embedder: set.Models.Embedder, EmbedderName: set.Models.EmbedderName, Reranker: set.Models.Reranker}, dim, 3)
	if err != nil {
		t.Fatal(err)
	}
	sz := rep.Sizes[0]
	for _, m := range []string{"bm25", "dense", "hybrid", "guaranteed"} {
		if l := sz.Modes[m]; l.N != 3 || l.P50 <= 0 {
			t.Errorf("mode %s: %+v", m, l)
		}
	}
	if sz.Chunks != 300 || sz.BruteForceP50 <= 0 || sz.BruteForceGBps <= 0 || sz.DenseScanP50 <= 0 {
		t.Fatalf("size figures: %+v", sz)
	}
}

func mustEmbed(t *testing.T, set *models.Set) []float32 {
	t.Helper()
	v, err := set.Models.Embedder.Embed(context.Background(), []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	return v[0]
}
