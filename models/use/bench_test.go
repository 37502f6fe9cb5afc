package use

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"testing"
)

func TestFLOPs(t *testing.T) {
	// 4,653,056 weight multiply-adds a token, attention 4·seq·768, tanh once.
	want := 128*(2*4653056+4*128*768) + 2*512*512.0
	if got := FLOPs(128); math.Abs(got-want) > 1 {
		t.Errorf("FLOPs(128) = %v, want %v", got, want)
	}
}

func TestBenchEmbed(t *testing.T) {
	e := newRealEmbedder(t, Options{})
	if _, err := BenchEmbed(context.Background(), e, 129, 1, 1); err == nil {
		t.Error("tokens past MaxLen accepted")
	}
	r, err := BenchEmbed(context.Background(), e, 32, 4, 8)
	if err != nil {
		t.Fatal(err)
	}
	if r.Tokens != 32 || r.Batch != 4 || r.Chunks != 8 || r.Seconds <= 0 || r.ChunksPerSec <= 0 || r.GFLOPPerSec <= 0 || r.MaxLen != DefaultMaxLen {
		t.Errorf("implausible result %+v", r)
	}
}

// TestBenchReport measures the throughput the task reports: chunks of
// 128 and 256 pieces, batches of 1 and 16. Set QUIRE_USE_BENCH=1 to run
// it (about a minute on 2 cores); it logs one JSON line per setting.
func TestBenchReport(t *testing.T) {
	if os.Getenv("QUIRE_USE_BENCH") == "" {
		t.Skip("skipping: set QUIRE_USE_BENCH=1 to measure throughput")
	}
	e := newRealEmbedder(t, Options{MaxLen: 256})
	for _, tokens := range []int{128, 256} {
		for _, batch := range []int{1, 16} {
			r, err := BenchEmbed(context.Background(), e, tokens, batch, 128)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(r)
			t.Logf("%s", b)
		}
	}
}

func benchmarkEmbed(b *testing.B, tokens, batch int) {
	e := newRealEmbedder(b, Options{MaxLen: max(tokens, DefaultMaxLen)})
	b.ResetTimer()
	var rate float64
	for range b.N {
		r, err := BenchEmbed(context.Background(), e, tokens, batch, 32)
		if err != nil {
			b.Fatal(err)
		}
		rate = r.ChunksPerSec
	}
	b.ReportMetric(rate, "chunks/s")
}

func BenchmarkEmbed128x1(b *testing.B)  { benchmarkEmbed(b, 128, 1) }
func BenchmarkEmbed128x16(b *testing.B) { benchmarkEmbed(b, 128, 16) }
func BenchmarkEmbed256x1(b *testing.B)  { benchmarkEmbed(b, 256, 1) }
func BenchmarkEmbed256x16(b *testing.B) { benchmarkEmbed(b, 256, 16) }
