package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"quire/models"
	"quire/models/bert"
	"quire/models/generated"
	"quire/models/onnxgen"
	"quire/models/use"
)

// NeuralReport is the models' throughput on this machine, next to the
// machine's own MatMul rate through the same runtime.
type NeuralReport struct {
	Models string              `json:"models"`
	MatMul onnxgen.MatMulBench `json:"matmul"`
	Embed  []bert.EmbedBench   `json:"embed"`
	Rerank []RerankRow         `json:"rerank"`
	// EmbedRatio and RerankRatio are the best achieved GFLOP/s of each
	// model over the MatMul rate: how close the model runs to the limit.
	EmbedRatio  float64 `json:"embed_ratio_to_matmul"`
	RerankRatio float64 `json:"rerank_ratio_to_matmul"`
	// UseLite is the built-in embedder's throughput (real weights), when
	// it is installed in the models folder.
	UseLite []use.EmbedBench `json:"use_lite,omitempty"`
}

// BenchUseLite measures the built-in embedder in modelsDir, when it is
// installed: chunks/s at 128 and 256 tokens, batch 1 and 16.
func BenchUseLite(ctx context.Context, modelsDir string) ([]use.EmbedBench, error) {
	man, err := models.Builtin()
	if err != nil {
		return nil, err
	}
	m, err := man.Find(models.UseName)
	if err != nil {
		return nil, err
	}
	if sts, err := models.Present(modelsDir, models.Manifest{Models: []models.Model{m}}); err != nil || !sts[0].Installed {
		return nil, err
	}
	var out []use.EmbedBench
	for _, tokens := range []int{128, 256} {
		e, err := use.New(filepath.Join(modelsDir, m.Name), use.Options{MaxLen: tokens})
		if err != nil {
			return out, err
		}
		for _, batch := range []int{1, 16} {
			b, err := use.BenchEmbed(ctx, e, tokens, batch, 64)
			if err != nil {
				e.Close()
				return out, err
			}
			out = append(out, b)
		}
		e.Close()
	}
	return out, nil
}

// RerankRow is one cross-encoder timing, of the float32 or int8 graph.
type RerankRow struct {
	Int8 bool `json:"int8"`
	bert.RerankBench
}

// BenchModels measures (`quire bench neural`) the MiniLM-L6-shaped generated embedder (chunks/s of
// 256-token chunks at batch 1, 8, 32) and cross-encoder (latency of 20
// and 50 candidates at 128, 256 and 512 tokens, float32 and int8), and
// the MatMul limit.
func BenchModels(ctx context.Context, runs int) (NeuralReport, error) {
	rep := NeuralReport{Models: generated.Name + " (random weights, real shapes)"}
	dir, err := os.MkdirTemp("", "quire-bench-models-")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	if rep.MatMul, err = onnxgen.MatMulGFLOPS(ctx, onnxgen.MatMulOptions{}); err != nil {
		return rep, err
	}
	for _, int8 := range []bool{false, true} {
		set, err := generated.Load(dir, false, models.Options{Int8: int8})
		if err != nil {
			return rep, err
		}
		if !int8 {
			emb := set.Models.Embedder.(*bert.Embedder)
			for _, batch := range []int{1, 8, 32} {
				b, err := bert.BenchEmbed(ctx, emb, 256, batch, 64)
				if err != nil {
					set.Close()
					return rep, fmt.Errorf("bench embed: %w", err)
				}
				rep.Embed = append(rep.Embed, b)
				rep.EmbedRatio = max(rep.EmbedRatio, b.GFLOPPerSec/rep.MatMul.BestGFLOPS)
			}
		}
		rr := set.Models.Reranker.(*bert.Reranker)
		for _, cands := range []int{20, 50} {
			for _, tokens := range []int{128, 256, 512} {
				b, err := bert.BenchRerank(ctx, rr, cands, tokens, runs)
				if err != nil {
					set.Close()
					return rep, fmt.Errorf("bench rerank: %w", err)
				}
				rep.Rerank = append(rep.Rerank, RerankRow{Int8: int8, RerankBench: b})
				if !int8 {
					rep.RerankRatio = max(rep.RerankRatio, b.GFLOPPerSec/rep.MatMul.BestGFLOPS)
				}
			}
		}
		set.Close()
	}
	return rep, nil
}
