package use

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"quire/internal/cputime"
)

// EmbedBench is the throughput of embedding chunks of Tokens pieces in
// batches of Batch; the same shape as bert.EmbedBench so reports can
// put the models side by side.
type EmbedBench struct {
	Tokens       int     `json:"tokens"`
	Batch        int     `json:"batch"`
	Chunks       int     `json:"chunks"`
	Seconds      float64 `json:"seconds"`
	ChunksPerSec float64 `json:"chunks_per_sec"`
	GFLOPPerSec  float64 `json:"gflop_per_sec"` // achieved, by FLOPs
	Threads      int     `json:"threads"`
	MaxLen       int     `json:"max_len"`
	Int8         bool    `json:"int8"`
	// CPUMsPerChunk is the process's CPU time (user and system) over
	// the chunks: unlike the rate, it hardly moves when other programs
	// share the cores. 0 where the OS does not tell.
	CPUMsPerChunk float64 `json:"cpu_ms_per_chunk"`
}

// FLOPs estimates one forward pass over seq pieces: the per-token weight
// MatMuls (layer 0: qkv 256×768, output 256×512, residual 256×512, FFN
// 2×512×1536; layer 1: qkv 512×1536, output 512×512, FFN 2×512×1536 —
// 4.65M multiply-adds a token), attention scores and mixing (4·seq·width
// a token a layer) and the 512×512 tanh layer once. Embedding lookup,
// layer norms and softmax are left out. At 128 pieces: 1.24 GFLOP.
func FLOPs(seq int) float64 {
	const macsPerToken = 256*768 + 256*512 + 256*512 + 2*512*1536 + 512*1536 + 512*512 + 2*512*1536
	s := float64(seq)
	return s*(2*macsPerToken+4*s*(256+512)) + 2*Dim*Dim
}

// BenchEmbed embeds n synthetic chunks of exactly tokens pieces (at most
// the embedder's MaxLen) batch at a time, after one untimed warm-up batch,
// and reports the throughput, tokenising included. It does real work for
// seconds; it is meant for `quire bench`-style reports, not tests.
func BenchEmbed(ctx context.Context, e *Embedder, tokens, batch, n int) (EmbedBench, error) {
	if tokens < 1 || tokens > e.opts.MaxLen || batch < 1 || n < 1 {
		return EmbedBench{}, fmt.Errorf("use: bench embed: tokens %d (1..%d), batch %d, n %d", tokens, e.opts.MaxLen, batch, n)
	}
	words := singlePieceWords(e.tok)
	if len(words) < 10 {
		return EmbedBench{}, fmt.Errorf("use: bench embed: only %d single-piece words in the vocabulary", len(words))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for j := range tokens {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		texts[i] = b.String()
		if got := len(e.tok.Encode(texts[i])); got != tokens {
			return EmbedBench{}, fmt.Errorf("use: bench embed: synthetic text has %d pieces, want %d", got, tokens)
		}
	}
	if _, err := e.embed(ctx, texts[:min(batch, n)], batch); err != nil {
		return EmbedBench{}, err
	}
	start, cpu := time.Now(), cputime.Process()
	if _, err := e.embed(ctx, texts, batch); err != nil {
		return EmbedBench{}, err
	}
	secs := time.Since(start).Seconds()
	cpu = cputime.Process() - cpu
	return EmbedBench{
		Tokens: tokens, Batch: batch, Chunks: n, Seconds: secs,
		ChunksPerSec:  float64(n) / secs,
		GFLOPPerSec:   float64(n) * FLOPs(tokens) / secs / 1e9,
		Threads:       e.opts.Threads,
		MaxLen:        e.opts.MaxLen,
		Int8:          e.opts.Int8,
		CPUMsPerChunk: 1000 * cpu.Seconds() / float64(n),
	}, nil
}

// singlePieceWords are common English words that t encodes as exactly
// one piece each ("▁word"), so that a text of k of them, space-separated,
// is k pieces.
func singlePieceWords(t *Tokenizer) []string {
	var out []string
	for _, w := range strings.Fields(`the report shows that annual revenue grew in most regions while costs
		fell after the company moved its main office and changed how staff were paid for
		work on new products during the second half of the year which made results better
		than expected by analysts who had said growth would slow because demand was weak
		across several markets including europe asia and north america`) {
		if len(t.Encode(w)) == 1 {
			out = append(out, w)
		}
	}
	return out
}
