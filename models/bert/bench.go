package bert

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"time"

	"quire/internal/cputime"
	"quire/internal/stats"
)

// This file holds the measurements `quire bench` reports: throughput and
// latency of the real models on this machine, and the machine's MatMul
// limit through the same runtime, so that achieved/limit says how close
// to the hardware the models run. Each function does real work for
// seconds; none is meant for tests.

// Arch is a BERT encoder's shape, for FLOP estimates.
type Arch struct {
	Layers int `json:"layers"`
	Hidden int `json:"hidden"`
	FFN    int `json:"ffn"`
}

// MiniLML6Arch is all-MiniLM-L6-v2's and ms-marco-MiniLM-L-6-v2's shape.
// (bge-small-en-v1.5 is the same at 12 layers.)
func MiniLML6Arch() Arch { return Arch{Layers: 6, Hidden: 384, FFN: 1536} }

func (a Arch) orDefault() Arch {
	if a == (Arch{}) {
		return MiniLML6Arch()
	}
	return a
}

// FLOPs estimates one forward pass over a sequence of seq tokens: the
// weight MatMuls, 2·(4H² + 2H·FFN) per token per layer, and attention
// scores and mixing, 4·seq·H per token per layer. Embeddings, LayerNorm,
// softmax and heads are left out (about 1%). MiniLM-L6 at 256 tokens:
// 6.0 GFLOP.
func (a Arch) FLOPs(seq int) float64 {
	h, f, s := float64(a.Hidden), float64(a.FFN), float64(seq)
	return float64(a.Layers) * s * (8*h*h + 4*h*f + 4*s*h)
}

// EmbedBench is the throughput of embedding chunks of Tokens tokens in
// batches of Batch.
type EmbedBench struct {
	Tokens       int     `json:"tokens"`
	Batch        int     `json:"batch"`
	Chunks       int     `json:"chunks"`
	Seconds      float64 `json:"seconds"`
	ChunksPerSec float64 `json:"chunks_per_sec"`
	GFLOPPerSec  float64 `json:"gflop_per_sec"` // achieved, by Arch.FLOPs
	Threads      int     `json:"threads"`
	// CPUMsPerChunk is the process's CPU time (user and system) over
	// the chunks: unlike the rate, it hardly moves when other programs
	// share the cores. 0 where the OS does not tell.
	CPUMsPerChunk float64 `json:"cpu_ms_per_chunk"`
}

// BenchEmbed embeds n synthetic chunks of exactly tokens tokens (special
// tokens included; at most the embedder's MaxLen) batch at a time, after
// one untimed warm-up batch, and reports the throughput, tokenising
// included.
func BenchEmbed(ctx context.Context, e *Embedder, tokens, batch, n int) (EmbedBench, error) {
	if tokens < 3 || tokens > e.tok.MaxLen() || batch < 1 || n < 1 {
		return EmbedBench{}, fmt.Errorf("bert: bench embed: tokens %d (3..%d), batch %d, n %d", tokens, e.tok.MaxLen(), batch, n)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	texts := make([]string, n)
	for i := range texts {
		texts[i] = syntheticText(rng, tokens-2-countTokens(e.tok, e.cfg.PassagePrefix))
	}
	cfg := e.cfg
	cfg.BatchSize = batch
	run := &Embedder{cfg: cfg, tok: e.tok, se: e.se}
	if _, err := run.Embed(ctx, texts[:min(batch, n)]); err != nil {
		return EmbedBench{}, err
	}
	start, cpu := time.Now(), cputime.Process()
	if _, err := run.Embed(ctx, texts); err != nil {
		return EmbedBench{}, err
	}
	secs := time.Since(start).Seconds()
	cpu = cputime.Process() - cpu
	return EmbedBench{
		Tokens: tokens, Batch: batch, Chunks: n, Seconds: secs,
		ChunksPerSec:  float64(n) / secs,
		GFLOPPerSec:   float64(n) * e.cfg.Arch.orDefault().FLOPs(tokens) / secs / 1e9,
		Threads:       threads(e.cfg.Threads),
		CPUMsPerChunk: 1000 * cpu.Seconds() / float64(n),
	}, nil
}

// RerankBench is the latency of one Rerank call over Candidates passages,
// each pair Tokens tokens long.
type RerankBench struct {
	Candidates  int     `json:"candidates"`
	Tokens      int     `json:"tokens"`
	Runs        int     `json:"runs"`
	P50ms       float64 `json:"p50_ms"`
	P95ms       float64 `json:"p95_ms"`
	MeanMs      float64 `json:"mean_ms"`
	PairsPerSec float64 `json:"pairs_per_sec"`
	GFLOPPerSec float64 `json:"gflop_per_sec"` // achieved, by Arch.FLOPs
	Threads     int     `json:"threads"`
}

// BenchRerank times runs Rerank calls of candidates passages whose pairs
// with a fixed query are exactly tokens tokens long (at most the
// reranker's MaxLen), after one untimed warm-up call. p95 of few runs is
// the nearest-rank value, so with under 20 runs it is the slowest.
func BenchRerank(ctx context.Context, r *Reranker, candidates, tokens, runs int) (RerankBench, error) {
	const query = "how many people live in the city of berlin"
	q := countTokens(r.tok, query)
	if tokens < q+4 || tokens > r.tok.MaxLen() || candidates < 1 || runs < 1 {
		return RerankBench{}, fmt.Errorf("bert: bench rerank: tokens %d (%d..%d), candidates %d, runs %d", tokens, q+4, r.tok.MaxLen(), candidates, runs)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	passages := make([]string, candidates)
	for i := range passages {
		passages[i] = syntheticText(rng, tokens-3-q)
	}
	if _, err := r.Rerank(ctx, query, passages); err != nil {
		return RerankBench{}, err
	}
	lat := make([]float64, runs)
	var total float64
	for i := range lat {
		start := time.Now()
		if _, err := r.Rerank(ctx, query, passages); err != nil {
			return RerankBench{}, err
		}
		lat[i] = time.Since(start).Seconds()
		total += lat[i]
	}
	slices.Sort(lat)
	return RerankBench{
		Candidates: candidates, Tokens: tokens, Runs: runs,
		P50ms:       1000 * stats.Percentile(lat, 0.50),
		P95ms:       1000 * stats.Percentile(lat, 0.95),
		MeanMs:      1000 * total / float64(runs),
		PairsPerSec: float64(candidates*runs) / total,
		GFLOPPerSec: float64(candidates*runs) * r.cfg.Arch.orDefault().FLOPs(tokens) / total / 1e9,
		Threads:     threads(r.cfg.Threads),
	}, nil
}

func threads(n int) int {
	if n <= 0 {
		return runtime.NumCPU()
	}
	return n
}

// benchWords are common English words that are each one WordPiece token
// in the bert-base-uncased vocabulary, so that a text of n of them is n
// tokens (a test checks this).
func benchWords() []string {
	return strings.Fields(`the report shows that annual revenue grew in most regions while costs
		fell after the company moved its main office and changed how staff were paid for
		work on new products during the second half of the year which made results better
		than expected by analysts who had said growth would slow because demand was weak
		across several markets including europe asia and north america`)
}

// syntheticText returns n single-token words drawn from benchWords.
func syntheticText(rng *rand.Rand, n int) string {
	words := benchWords()
	var b strings.Builder
	for i := range max(n, 0) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	return b.String()
}

func countTokens(t *Tokenizer, s string) int { return len(t.Tokenize(s)) }
