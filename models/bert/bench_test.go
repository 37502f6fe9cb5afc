package bert

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"quire/models/onnxgen"
)

// TestBenchFunctions runs each benchmark function briefly on the tiny
// models: they work and report sane numbers.
func TestBenchFunctions(t *testing.T) {
	ctx := context.Background()
	e := tinyEmbedder(t, EmbedderConfig{MaxLen: 128})
	eb, err := BenchEmbed(ctx, e, 64, 8, 16)
	if err != nil {
		t.Fatal(err)
	}
	if eb.ChunksPerSec <= 0 || eb.Chunks != 16 || eb.GFLOPPerSec <= 0 {
		t.Errorf("embed bench %+v", eb)
	}
	if _, err := BenchEmbed(ctx, e, 129, 8, 16); err == nil {
		t.Error("tokens past MaxLen accepted")
	}
	r := tinyReranker(t, false, RerankerConfig{})
	rb, err := BenchRerank(ctx, r, 5, 64, 3)
	if err != nil {
		t.Fatal(err)
	}
	if rb.P50ms <= 0 || rb.P95ms < rb.P50ms || rb.Runs != 3 {
		t.Errorf("rerank bench %+v", rb)
	}
	mb, err := onnxgen.MatMulGFLOPS(ctx, onnxgen.MatMulOptions{M: 64, K: 64, N: 64, Runs: 3})
	if err != nil {
		t.Fatal(err)
	}
	if mb.BestGFLOPS <= 0 || mb.BestGFLOPS < mb.MedianGFLOPS {
		t.Errorf("matmul bench %+v", mb)
	}
}

// TestSyntheticTokenCounts: the bench texts are exactly as long as asked.
func TestSyntheticTokenCounts(t *testing.T) {
	tok := newTestTokenizer(t, 512)
	for _, n := range []int{1, 126, 254, 510} {
		b := tok.Encode([]string{syntheticText(testRand(), n-0)})
		if b.Lengths[0] != n+2 {
			t.Errorf("%d words gave %d tokens with specials, want %d", n, b.Lengths[0], n+2)
		}
	}
	if got := MiniLML6Arch().FLOPs(256); got < 5.9e9 || got > 6.1e9 {
		t.Errorf("MiniLM-L6 at 256 tokens: %.3g FLOPs, want about 6.0e9", got)
	}
}

// TestBenchReport measures the MiniLM-L6-shaped generated models on this
// machine and prints JSON; it runs only with QUIRE_BENCH_REPORT=1 (a few
// minutes on 2 cores).
func TestBenchReport(t *testing.T) {
	if os.Getenv("QUIRE_BENCH_REPORT") == "" {
		t.Skip("skipping: set QUIRE_BENCH_REPORT=1 to measure the MiniLM-L6-shaped models")
	}
	needRuntime(t)
	ctx := context.Background()
	enc, ce, ce8 := models(t, true)
	report := map[string]any{}
	mm, err := onnxgen.MatMulGFLOPS(ctx, onnxgen.MatMulOptions{})
	if err != nil {
		t.Fatal(err)
	}
	report["matmul"] = mm

	e, err := NewEmbedder(EmbedderConfig{ModelPath: enc, VocabPath: vocabPath(t), MaxLen: 256})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var embeds []EmbedBench
	for _, batch := range []int{1, 8, 32} {
		b, err := BenchEmbed(ctx, e, 256, batch, 64)
		if err != nil {
			t.Fatal(err)
		}
		embeds = append(embeds, b)
	}
	report["embed"] = embeds

	for name, path := range map[string]string{"rerank_fp32": ce, "rerank_int8": ce8} {
		r, err := NewReranker(RerankerConfig{ModelPath: path, VocabPath: vocabPath(t)})
		if err != nil {
			t.Fatal(err)
		}
		var rs []RerankBench
		for _, cands := range []int{20, 50} {
			for _, tokens := range []int{128, 256, 512} {
				b, err := BenchRerank(ctx, r, cands, tokens, 5)
				if err != nil {
					t.Fatal(err)
				}
				rs = append(rs, b)
			}
		}
		r.Close()
		report[name] = rs
	}
	out, _ := json.MarshalIndent(report, "", "  ")
	t.Logf("%s", out)
	if p := os.Getenv("QUIRE_BENCH_REPORT_OUT"); p != "" {
		os.WriteFile(p, out, 0o644)
	}
}

// BenchmarkEmbed256 is the MiniLM-L6-shaped encoder on 256-token chunks,
// 32 a batch; ns/op is per chunk.
func BenchmarkEmbed256(b *testing.B) {
	needRuntime(b)
	enc, _, _ := models(b, true)
	e, err := NewEmbedder(EmbedderConfig{ModelPath: enc, VocabPath: vocabPath(b), MaxLen: 256})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	texts := make([]string, 32)
	for i := range texts {
		texts[i] = syntheticText(testRand(), 254)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += len(texts) {
		if _, err := e.Embed(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRerank20x256 is one Rerank call of 20 passages at 256 tokens on
// the MiniLM-L6-shaped cross-encoder.
func BenchmarkRerank20x256(b *testing.B) {
	needRuntime(b)
	_, ce, _ := models(b, true)
	r, err := NewReranker(RerankerConfig{ModelPath: ce, VocabPath: vocabPath(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	passages := make([]string, 20)
	for i := range passages {
		passages[i] = syntheticText(testRand(), 240)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := r.Rerank(context.Background(), "how many people live in berlin", passages); err != nil {
			b.Fatal(err)
		}
	}
}
