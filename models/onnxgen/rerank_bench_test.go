package onnxgen_test

// Rerank latency of the L-12 shape against L-6, on real onnxruntime
// sessions over generated weights. It writes about 400 MB of models and
// runs for a minute, so it runs only when asked:
//
//	QUIRE_BENCH_L12=1 go test ./models/onnxgen -run TestRerankLatency -v

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"quire/models/bert"
	"quire/models/onnx"
	"quire/models/onnxgen"
)

func TestRerankLatency(t *testing.T) {
	if os.Getenv("QUIRE_BENCH_L12") == "" {
		t.Skip("set QUIRE_BENCH_L12=1 to measure")
	}
	if _, err := onnx.InitRuntime(onnx.RuntimeOptions{}); errors.Is(err, onnx.ErrRuntimeMissing) {
		t.Skipf("skipping: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	vocab, err := filepath.Abs(filepath.Join("..", "bert-base-uncased-vocab.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, shape := range []struct {
		name string
		cfg  onnxgen.Config
	}{{"L-6", onnxgen.MiniLML6(1)}, {"L-12", onnxgen.MiniLML12(1)}} {
		for _, int8 := range []bool{false, true} {
			g, err := onnxgen.CrossEncoder(shape.cfg, int8)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "ce.onnx")
			if err := onnx.WriteFile(path, g); err != nil {
				t.Fatal(err)
			}
			r, err := bert.NewReranker(bert.RerankerConfig{ModelPath: path, VocabPath: vocab,
				Arch: bert.Arch{Layers: shape.cfg.Layers, Hidden: shape.cfg.Hidden, FFN: shape.cfg.FFN}})
			if err != nil {
				t.Fatal(err)
			}
			b, err := bert.BenchRerank(context.Background(), r, 20, 256, 5)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			kind := "fp32"
			if int8 {
				kind = "int8"
			}
			t.Logf("%s %s: rerank 20×256 p50 %.0f ms, p95 %.0f ms, %.0f pairs/s, %.1f GFLOP/s, %d threads",
				shape.name, kind, b.P50ms, b.P95ms, b.PairsPerSec, b.GFLOPPerSec, b.Threads)
		}
	}
}
