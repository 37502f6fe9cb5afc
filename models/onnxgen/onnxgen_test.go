package onnxgen

import (
	"bytes"
	"testing"

	"quire/models/onnx"
)

func TestDeterministic(t *testing.T) {
	c := Tiny(3)
	for _, build := range []func(Config) (*onnx.Graph, error){
		func(c Config) (*onnx.Graph, error) { return Encoder(c, false) },
		func(c Config) (*onnx.Graph, error) { return Encoder(c, true) },
		func(c Config) (*onnx.Graph, error) { return CrossEncoder(c, false) },
		func(c Config) (*onnx.Graph, error) { return CrossEncoder(c, true) },
	} {
		a, err := build(c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := build(c)
		if !bytes.Equal(a.Marshal(), b.Marshal()) {
			t.Error("same config, different bytes")
		}
		c2 := c
		c2.Seed++
		d, _ := build(c2)
		if bytes.Equal(a.Marshal(), d.Marshal()) {
			t.Error("different seeds, same bytes")
		}
	}
}

// TestQuantizedSharesWeights: the int8 graph quantises the float graph's
// weights (same draws), so the two rank alike.
func TestQuantizedSharesWeights(t *testing.T) {
	fp, _ := CrossEncoder(Tiny(5), false)
	q8, _ := CrossEncoder(Tiny(5), true)
	float := map[string]onnx.Tensor{}
	for _, in := range fp.Initializers {
		float[in.Name] = in
	}
	n := 0
	for _, in := range q8.Initializers {
		if f, ok := float[in.Name]; ok {
			if !bytes.Equal(f.Raw, in.Raw) {
				t.Errorf("%s differs between the float and int8 graphs", in.Name)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no shared initialisers")
	}
}

func TestValidate(t *testing.T) {
	c := Tiny(1)
	c.Heads = 5
	if _, err := Encoder(c, false); err == nil {
		t.Error("hidden 32 with 5 heads accepted")
	}
	c = Tiny(1)
	c.Layers = 0
	if _, err := CrossEncoder(c, false); err == nil {
		t.Error("0 layers accepted")
	}
}

// The L-12 shape's float graph is about the size of the real
// bge-small-en-v1.5 onnx/model.onnx (133,093,490 bytes), a BERT of the same
// layers, widths and vocabulary as ms-marco-MiniLM-L-12-v2. (The int8
// graphs are not compared: the real ones quantise the word embeddings too,
// the generated ones keep them float.)
func TestMiniLML12Size(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 33M-parameter graph")
	}
	c := MiniLML12(1)
	if c.Layers != 12 || c.Hidden != 384 || c.Heads != 12 || c.FFN != 1536 || c.Vocab != 30522 {
		t.Fatalf("shape %+v", c)
	}
	g, err := CrossEncoder(c, false)
	if err != nil {
		t.Fatal(err)
	}
	const real = 133093490
	if n := len(g.Marshal()); n < real*97/100 || n > real*103/100 {
		t.Fatalf("float L-12 graph is %d bytes, a real one %d", n, real)
	}
}
