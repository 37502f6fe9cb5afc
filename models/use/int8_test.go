package use

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"quire/models/fetch"
)

// int8Sample is every 25th chunk Quire's chunker makes of the pdfcorpus
// reference texts: a few hundred real chunks of many kinds of text.
func int8Sample(t *testing.T) []string {
	var out []string
	for i, c := range corpusChunks(t) {
		if i%25 == 0 {
			out = append(out, c)
		}
	}
	return out
}

// The int8 graph gives the float32 graph's vectors, near enough that
// retrieval does not change: every chunk's vector within cosine 0.99,
// their mean within 0.998, and each chunk's nearest other chunk the same
// for 9 in 10 (measured: 291 of 306; where they differ, the two nearest
// were all but tied).
func TestInt8CloseToFloat32(t *testing.T) {
	ctx := context.Background()
	texts := int8Sample(t)
	vf, err := newRealEmbedder(t, Options{}).Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	vq, err := newRealEmbedder(t, Options{Int8: true}).Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	low, sum := 1.0, 0.0
	for i := range vf {
		c := dot(vf[i], vq[i])
		low, sum = min(low, c), sum+c
	}
	mean := sum / float64(len(vf))
	same := 0
	for i := range vf {
		if nearest(vf, i) == nearest(vq, i) {
			same++
		}
	}
	t.Logf("%d chunks: cosine int8 to float32 min %.5f, mean %.5f; nearest neighbour the same for %d", len(vf), low, mean, same)
	if low < 0.99 || mean < 0.998 {
		t.Errorf("int8 vectors too far from float32: cosine min %.5f, mean %.5f", low, mean)
	}
	if same < len(vf)*9/10 {
		t.Errorf("nearest neighbour the same for only %d of %d chunks", same, len(vf))
	}
}

// nearest is the index of the vector closest to vs[i], other than i.
func nearest(vs [][]float32, i int) int {
	best, at := -2.0, -1
	for j := range vs {
		if j != i {
			if c := dot(vs[i], vs[j]); c > best {
				best, at = c, j
			}
		}
	}
	return at
}

// int8 quantises each product's input with one scale for the whole
// batch (DynamicQuantizeLinear), so a text's vector depends a little on
// its batch: alone or in a batch it stays within cosine 0.998 of itself
// (measured: 0.99905), as near as it is to the float32 vector. (The
// float32 graph's are equal within 1e-5: TestEmbed.)
func TestInt8BatchesAgree(t *testing.T) {
	ctx := context.Background()
	texts := int8Sample(t)[:64]
	slices.Reverse(texts[:32]) // batch neighbours differ from one run to the other
	e := newRealEmbedder(t, Options{Int8: true, BatchSize: 16})
	batched, err := e.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	low := 1.0
	for i, s := range texts {
		alone, err := e.EmbedQuery(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		low = min(low, dot(alone, batched[i]))
	}
	t.Logf("int8, alone vs batched: cosine min %.6f", low)
	if low < 0.998 {
		t.Errorf("int8 vector alone and in a batch: cosine %.6f", low)
	}
}

// The int8 graph is built from the TF.js files at each New; a changed
// weight shard fails Int8SHA256 rather than giving other vectors.
func TestInt8GraphChecksSources(t *testing.T) {
	src := realModelDir(t)
	if _, err := Int8Graph(src); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range sourceFiles(t) {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "group1-shard1of7" {
			data[len(data)/8*4+3] ^= 0x40 // an exponent bit of a float32 weight
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Int8Graph(dir); !errors.Is(err, fetch.ErrChecksum) {
		t.Errorf("Int8Graph of a changed shard: %v, want ErrChecksum", err)
	}
}

// New keeps the int8 graph in Int8File; a damaged copy is built again,
// not loaded.
func TestInt8FileKept(t *testing.T) {
	src := realModelDir(t)
	needRuntime(t)
	dir := t.TempDir()
	for _, f := range append(sourceFiles(t), ONNXFile, ONNXFile+".sha256") {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cached := filepath.Join(dir, Int8File)
	for _, damage := range []bool{false, true} {
		if damage {
			if err := os.WriteFile(cached, []byte("not a model"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		e, err := New(dir, Options{Int8: true})
		if err != nil {
			t.Fatal(err)
		}
		v, err := e.EmbedQuery(context.Background(), "How many people live in Berlin?")
		e.Close()
		if err != nil || len(v) != Dim {
			t.Fatalf("embed: %v, %d values", err, len(v))
		}
		data, err := os.ReadFile(cached)
		if err != nil {
			t.Fatal(err)
		}
		if sha256Hex(data) != Int8SHA256 {
			t.Errorf("damaged %v: %s is not the int8 graph", damage, Int8File)
		}
	}
}
