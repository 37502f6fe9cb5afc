package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
	Embed  []EmbedRow          `json:"embed"`
	Rerank []RerankRow         `json:"rerank"`
	// EmbedRatio and RerankRatio are the best achieved GFLOP/s of each
	// float32 model over the MatMul rate: how close the model runs to
	// the limit.
	EmbedRatio  float64 `json:"embed_ratio_to_matmul"`
	RerankRatio float64 `json:"rerank_ratio_to_matmul"`
	// UseLite is the built-in embedder's throughput (real weights), when
	// it is installed in the models folder.
	UseLite []use.EmbedBench `json:"use_lite,omitempty"`
	// Load is the machine's load average (1, 5, 15 minutes) at the end:
	// the cores are shared, so read rates by it, and compare float32
	// with int8 by the rows measured side by side.
	Load string `json:"load_average"`
}

// BenchUseLite measures the built-in embedder in modelsDir, when it is
// installed: chunks/s at 128 and 256 tokens, batch 1, 16 and 32, float32
// and int8 side by side (each setting runs both, one after the other),
// and at 128 tokens batch 16 on one thread.
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
	dir := filepath.Join(modelsDir, m.Name)
	var out []use.EmbedBench
	for _, tokens := range []int{128, 256} {
		rows, err := benchUse(ctx, dir, use.Options{MaxLen: tokens}, tokens, []int{1, 16, 32})
		out = append(out, rows...)
		if err != nil {
			return out, err
		}
	}
	rows, err := benchUse(ctx, dir, use.Options{Threads: 1}, 128, []int{16})
	return append(out, rows...), err
}

// benchUse opens the float32 and the int8 embedder with opts and times
// each batch size on both in turn.
func benchUse(ctx context.Context, dir string, opts use.Options, tokens int, batches []int) ([]use.EmbedBench, error) {
	var es []*use.Embedder
	defer func() {
		for _, e := range es {
			e.Close()
		}
	}()
	for _, int8 := range []bool{false, true} {
		opts.Int8 = int8
		e, err := use.New(dir, opts)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	var out []use.EmbedBench
	for _, batch := range batches {
		for _, e := range es {
			b, err := use.BenchEmbed(ctx, e, tokens, batch, 128)
			if err != nil {
				return out, err
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// EmbedRow is one embedder timing, of the float32 or int8 graph.
type EmbedRow struct {
	Int8 bool `json:"int8"`
	bert.EmbedBench
}

// RerankRow is one cross-encoder timing, of the float32 or int8 graph.
type RerankRow struct {
	Int8 bool `json:"int8"`
	bert.RerankBench
}

// BenchModels measures (`quire bench neural`) the MiniLM-L6-shaped
// generated embedder (chunks/s of 256-token chunks at batch 1, 8, 16 and
// 32, float32 and int8 side by side) and cross-encoder (latency of 20
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
	var sets []*models.Set
	defer func() {
		for _, s := range sets {
			s.Close()
		}
	}()
	for _, int8 := range []bool{false, true} {
		set, err := generated.Load(dir, false, models.Options{Int8: int8})
		if err != nil {
			return rep, err
		}
		sets = append(sets, set)
	}
	if err := benchGeneratedEmbed(ctx, &rep, sets); err != nil {
		return rep, err
	}
	for i, set := range sets {
		if err := benchGeneratedRerank(ctx, &rep, set.Models.Reranker.(*bert.Reranker), i == 1, runs); err != nil {
			return rep, err
		}
	}
	rep.Load = loadAverage()
	return rep, nil
}

// benchGeneratedEmbed times the float32 and int8 embedders of sets in
// turn at each batch size.
func benchGeneratedEmbed(ctx context.Context, rep *NeuralReport, sets []*models.Set) error {
	for _, batch := range []int{1, 8, 16, 32} {
		for i, set := range sets {
			b, err := bert.BenchEmbed(ctx, set.Models.Embedder.(*bert.Embedder), 256, batch, 64)
			if err != nil {
				return fmt.Errorf("bench embed: %w", err)
			}
			rep.Embed = append(rep.Embed, EmbedRow{Int8: i == 1, EmbedBench: b})
			if i == 0 {
				rep.EmbedRatio = max(rep.EmbedRatio, b.GFLOPPerSec/rep.MatMul.BestGFLOPS)
			}
		}
	}
	return nil
}

func benchGeneratedRerank(ctx context.Context, rep *NeuralReport, rr *bert.Reranker, int8 bool, runs int) error {
	for _, cands := range []int{20, 50} {
		for _, tokens := range []int{128, 256, 512} {
			b, err := bert.BenchRerank(ctx, rr, cands, tokens, runs)
			if err != nil {
				return fmt.Errorf("bench rerank: %w", err)
			}
			rep.Rerank = append(rep.Rerank, RerankRow{Int8: int8, RerankBench: b})
			if !int8 {
				rep.RerankRatio = max(rep.RerankRatio, b.GFLOPPerSec/rep.MatMul.BestGFLOPS)
			}
		}
	}
	return nil
}

// loadAverage is /proc/loadavg's first three fields (Linux; else "").
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:min(3, len(f))], " ")
}
