package onnxgen

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"quire/internal/stats"
	"quire/models/onnx"
)

// MatMulOptions size the MatMulGFLOPS probe. Zero values mean the
// defaults: 2048×2048×2048 (17 GFLOP a run), 10 runs, one thread per
// core.
type MatMulOptions struct {
	M, K, N int
	Runs    int
	Threads int
	Runtime onnx.RuntimeOptions
}

// MatMulBench is the float32 GEMM rate onnxruntime reaches here: the
// ceiling for the models' GFLOPPerSec.
type MatMulBench struct {
	M            int     `json:"m"`
	K            int     `json:"k"`
	N            int     `json:"n"`
	Runs         int     `json:"runs"`
	BestGFLOPS   float64 `json:"best_gflops"`
	MedianGFLOPS float64 `json:"median_gflops"`
	Threads      int     `json:"threads"`
}

// MatMulGFLOPS runs a generated single-MatMul ONNX graph (a [M,K] input
// times a constant [K,N]) through onnxruntime, after one warm-up run.
func MatMulGFLOPS(ctx context.Context, o MatMulOptions) (MatMulBench, error) {
	if o.M <= 0 || o.K <= 0 || o.N <= 0 {
		o.M, o.K, o.N = 2048, 2048, 2048
	}
	if o.Runs <= 0 {
		o.Runs = 10
	}
	if _, err := onnx.InitRuntime(o.Runtime); err != nil {
		return MatMulBench{}, err
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return MatMulBench{}, fmt.Errorf("onnxgen: matmul: %w", err)
	}
	defer opts.Destroy()
	if err := opts.SetIntraOpNumThreads(threads(o.Threads)); err != nil {
		return MatMulBench{}, fmt.Errorf("onnxgen: matmul: %w", err)
	}
	model := MatMul(o.M, o.K, o.N, 1).Marshal()
	s, err := ort.NewDynamicAdvancedSessionWithONNXData(model, []string{"a"}, []string{"y"}, opts)
	if err != nil {
		return MatMulBench{}, fmt.Errorf("onnxgen: matmul: %w", err)
	}
	defer s.Destroy()
	a := make([]float32, o.M*o.K)
	for i := range a {
		a[i] = float32(i%17) / 17
	}
	in, err := ort.NewTensor(ort.NewShape(int64(o.M), int64(o.K)), a)
	if err != nil {
		return MatMulBench{}, fmt.Errorf("onnxgen: matmul: %w", err)
	}
	defer in.Destroy()
	out, err := ort.NewEmptyTensor[float32](ort.NewShape(int64(o.M), int64(o.N)))
	if err != nil {
		return MatMulBench{}, fmt.Errorf("onnxgen: matmul: %w", err)
	}
	defer out.Destroy()
	flop := 2 * float64(o.M) * float64(o.K) * float64(o.N)
	rates := make([]float64, 0, o.Runs)
	for i := -1; i < o.Runs; i++ {
		if err := ctx.Err(); err != nil {
			return MatMulBench{}, err
		}
		start := time.Now()
		if err := s.Run([]ort.Value{in}, []ort.Value{out}); err != nil {
			return MatMulBench{}, fmt.Errorf("onnxgen: matmul: %w", err)
		}
		if i >= 0 {
			rates = append(rates, flop/time.Since(start).Seconds()/1e9)
		}
	}
	slices.Sort(rates)
	return MatMulBench{M: o.M, K: o.K, N: o.N, Runs: o.Runs,
		BestGFLOPS: rates[len(rates)-1], MedianGFLOPS: stats.Percentile(rates, 0.5), Threads: threads(o.Threads)}, nil
}

// Efficiency is achieved/limit: a model's GFLOPPerSec over the MatMul
// probe's best rate. Above 1 is possible for int8 models (their
// equivalent FLOPs run on integer kernels) and for small shapes that fit
// in cache.
func Efficiency(achievedGFLOPS float64, limit MatMulBench) float64 {
	if limit.BestGFLOPS <= 0 {
		return 0
	}
	return achievedGFLOPS / limit.BestGFLOPS
}

func threads(n int) int {
	if n <= 0 {
		return runtime.NumCPU()
	}
	return n
}
