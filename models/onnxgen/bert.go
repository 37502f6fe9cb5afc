// Package onnxgen writes ONNX models with the architecture and input/output
// contract of the BERT models Quire runs (all-MiniLM-L6-v2 as an encoder,
// ms-marco-MiniLM-L-6-v2 and -L-12-v2 as cross-encoders) but seeded random
// weights.
// They exercise the real runtime path — loading, tokens in, tensors out,
// masking, batching, int8 kernels — and its speed; they say nothing about
// quality. Pure Go, no Python: the protobuf is encoded by hand (proto.go).
package onnxgen

import (
	"fmt"
	"math"

	"quire/models/onnx"
)

// Config is the shape of a BERT model and the seed of its weights. The same
// Config always yields byte-identical files.
type Config struct {
	Layers       int    `json:"layers"`
	Hidden       int    `json:"hidden"`
	Heads        int    `json:"heads"`
	FFN          int    `json:"ffn"`
	Vocab        int    `json:"vocab"`
	MaxPositions int    `json:"max_positions"`
	TypeVocab    int    `json:"type_vocab"`
	Seed         uint64 `json:"seed"`
	// InitStd is the std of the weight matrices; 0 means 1/√fan-in, which
	// keeps activations at unit scale through every layer, so that outputs
	// depend on context about as much as a trained model's do.
	InitStd float64 `json:"init_std"`
}

// MiniLML6 is the shape of all-MiniLM-L6-v2 and ms-marco-MiniLM-L-6-v2:
// about 22.7M parameters, 90 MB as float32.
func MiniLML6(seed uint64) Config {
	return Config{Layers: 6, Hidden: 384, Heads: 12, FFN: 1536, Vocab: 30522, MaxPositions: 512, TypeVocab: 2, Seed: seed}
}

// MiniLML12 is the shape of ms-marco-MiniLM-L-12-v2 (and of
// bge-small-en-v1.5): MiniLML6 at twelve layers, about 33.4M parameters,
// 134 MB as float32 and 34 MB with int8 weight matrices.
func MiniLML12(seed uint64) Config {
	c := MiniLML6(seed)
	c.Layers = 12
	return c
}

// Tiny is a two-layer, 32-wide model with the full BERT vocabulary (so real
// tokeniser ids fit) for fast tests: about 1M parameters.
func Tiny(seed uint64) Config {
	return Config{Layers: 2, Hidden: 32, Heads: 4, FFN: 64, Vocab: 30522, MaxPositions: 512, TypeVocab: 2, Seed: seed}
}

func (c Config) validate() error {
	switch {
	case c.Layers <= 0, c.Hidden <= 0, c.Heads <= 0, c.FFN <= 0, c.Vocab <= 0, c.MaxPositions <= 0, c.TypeVocab <= 0:
		return fmt.Errorf("onnxgen: every size must be positive: %+v", c)
	case c.Hidden%c.Heads != 0:
		return fmt.Errorf("onnxgen: hidden %d is not a multiple of heads %d", c.Hidden, c.Heads)
	}
	return nil
}

func (c Config) std(fanIn int64) float64 {
	if c.InitStd > 0 {
		return c.InitStd
	}
	return 1 / math.Sqrt(float64(fanIn))
}

// Encoder returns the sentence-embedding graph: inputs input_ids,
// attention_mask, token_type_ids (int64 [batch, sequence]); output
// last_hidden_state (float32 [batch, sequence, hidden]). quantized is as
// for CrossEncoder.
func Encoder(c Config, quantized bool) (*onnx.Graph, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	b := newBuilder("bert_encoder", c.Seed)
	x := bertBody(b, c, quantized)
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: "Identity", Name: "output", Inputs: []string{x}, Outputs: []string{"last_hidden_state"}})
	b.g.Outputs = []onnx.ValueInfo{{Name: "last_hidden_state", ElemType: onnx.Float, Dims: []int64{-1, -1, int64(c.Hidden)}, Params: []string{"batch_size", "sequence_length", ""}}}
	return &b.g, nil
}

// CrossEncoder returns the reranking graph: the encoder, then the BERT
// pooler (dense + tanh on the [CLS] token) and a one-logit classifier;
// output logits (float32 [batch, 1]). With quantized, every weight MatMul
// runs as DynamicQuantizeLinear → MatMulInteger on int8 weights, as in
// onnxruntime's dynamic quantisation; its float weights before
// quantisation equal those of the float graph with the same Config.
func CrossEncoder(c Config, quantized bool) (*onnx.Graph, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	b := newBuilder("bert_cross_encoder", c.Seed)
	x := bertBody(b, c, quantized)
	h := int64(c.Hidden)
	cls := b.op("Gather", []string{x, b.scalarI("cls_index", 0)}, onnx.AttrInt("axis", 1)) // [b, H]
	pooled := b.op("Tanh", []string{linear(b, cls, "pooler.dense", h, h, c.std(h), quantized)})
	logits := linear(b, pooled, "classifier", h, 1, c.std(h), quantized)
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: "Identity", Name: "output", Inputs: []string{logits}, Outputs: []string{"logits"}})
	b.g.Outputs = []onnx.ValueInfo{{Name: "logits", ElemType: onnx.Float, Dims: []int64{-1, 1}, Params: []string{"batch_size", ""}}}
	return &b.g, nil
}

// bertBody declares the three inputs and builds embeddings and the
// transformer layers; it returns the name of the [b, seq, H] output.
func bertBody(b *builder, c Config, quantized bool) string {
	dyn := []string{"batch_size", "sequence_length"}
	for _, name := range []string{"input_ids", "attention_mask", "token_type_ids"} {
		b.g.Inputs = append(b.g.Inputs, onnx.ValueInfo{Name: name, ElemType: onnx.Int64, Dims: []int64{-1, -1}, Params: dyn})
	}
	h := int64(c.Hidden)
	std, stdFFN := c.std(h), c.std(int64(c.FFN))

	// Embeddings: word + position + token type, then LayerNorm.
	word := b.op("Gather", []string{b.normal("embeddings.word_embeddings.weight", 1, int64(c.Vocab), h), "input_ids"})
	shape := b.op("Shape", []string{"input_ids"})
	seqLen := b.op("Gather", []string{shape, b.scalarI("one_index", 1)})
	positions := b.op("Range", []string{b.scalarI("range_start", 0), seqLen, b.scalarI("range_delta", 1)})
	pos := b.op("Gather", []string{b.normal("embeddings.position_embeddings.weight", 1, int64(c.MaxPositions), h), positions})
	typ := b.op("Gather", []string{b.normal("embeddings.token_type_embeddings.weight", 1, int64(c.TypeVocab), h), "token_type_ids"})
	x := b.op("Add", []string{b.op("Add", []string{word, typ}), pos})
	x = layerNorm(b, x, "embeddings.LayerNorm", h)

	// Additive attention mask [b, 1, 1, seq]: 0 where attended, -10000
	// where padded, so a padded key gets weight exp(-10000) = 0.
	mask := b.op("Cast", []string{"attention_mask"}, onnx.AttrInt("to", onnx.Float))
	mask = b.op("Unsqueeze", []string{mask, b.ints("mask_axes", 1, 2)})
	mask = b.op("Sub", []string{b.scalarF("one", 1), mask})
	mask = b.op("Mul", []string{mask, b.scalarF("mask_fill", -10000)})

	heads, dh := int64(c.Heads), h/int64(c.Heads)
	splitHeads := b.ints("split_heads_shape", 0, 0, heads, dh)
	mergeHeads := b.ints("merge_heads_shape", 0, 0, h)
	invSqrt := b.scalarF("attention_scale", float32(1/math.Sqrt(float64(dh))))
	sqrt2 := b.scalarF("sqrt2", float32(math.Sqrt2))
	half := b.scalarF("half", 0.5)
	one := "one"

	for l := range c.Layers {
		p := fmt.Sprintf("encoder.layer.%d.", l)
		q := linear(b, x, p+"attention.self.query", h, h, std, quantized)
		k := linear(b, x, p+"attention.self.key", h, h, std, quantized)
		v := linear(b, x, p+"attention.self.value", h, h, std, quantized)
		q = b.op("Transpose", []string{b.op("Reshape", []string{q, splitHeads})}, onnx.AttrInts("perm", 0, 2, 1, 3)) // [b, nh, s, dh]
		k = b.op("Transpose", []string{b.op("Reshape", []string{k, splitHeads})}, onnx.AttrInts("perm", 0, 2, 3, 1)) // [b, nh, dh, s]
		v = b.op("Transpose", []string{b.op("Reshape", []string{v, splitHeads})}, onnx.AttrInts("perm", 0, 2, 1, 3)) // [b, nh, s, dh]
		scores := b.op("Mul", []string{b.op("MatMul", []string{q, k}), invSqrt})
		probs := b.op("Softmax", []string{b.op("Add", []string{scores, mask})}, onnx.AttrInt("axis", -1))
		ctx := b.op("MatMul", []string{probs, v})
		ctx = b.op("Reshape", []string{b.op("Transpose", []string{ctx}, onnx.AttrInts("perm", 0, 2, 1, 3)), mergeHeads})
		attn := linear(b, ctx, p+"attention.output.dense", h, h, std, quantized)
		x = layerNorm(b, b.op("Add", []string{x, attn}), p+"attention.output.LayerNorm", h)

		// FFN with exact GELU, (x·(1 + erf(x/√2)))·½, node for node as
		// PyTorch exports it, so that onnxruntime fuses it into one Gelu
		// kernel as it does in the real models.
		inter := linear(b, x, p+"intermediate.dense", h, int64(c.FFN), std, quantized)
		erf := b.op("Erf", []string{b.op("Div", []string{inter, sqrt2})})
		gelu := b.op("Mul", []string{b.op("Mul", []string{inter, b.op("Add", []string{erf, one})}), half})
		out := linear(b, gelu, p+"output.dense", int64(c.FFN), h, stdFFN, quantized)
		x = layerNorm(b, b.op("Add", []string{x, out}), p+"output.LayerNorm", h)
	}
	return x
}

func layerNorm(b *builder, x, name string, h int64) string {
	return b.op("LayerNormalization", []string{x, b.fill(name+".weight", 1, h), b.fill(name+".bias", 0, h)},
		onnx.AttrInt("axis", -1), onnx.AttrFloat("epsilon", 1e-12))
}

// linear is x·W + bias with W [k, n] drawn N(0, std²) and bias N(0,
// 0.02²). Quantised, x is quantised per call to uint8
// (DynamicQuantizeLinear), multiplied with int8 W by MatMulInteger and
// rescaled by x_scale·w_scale. Both forms draw the same random numbers in
// the same order.
func linear(b *builder, x, name string, k, n int64, std float64, quantized bool) string {
	var y string
	if !quantized {
		y = b.op("MatMul", []string{x, b.normal(name+".weight", std, k, n)})
	} else {
		w, wzp, wscale := b.quantized(name+".weight", std, k, n)
		xq := b.opN("DynamicQuantizeLinear", 3, []string{x})
		acc := b.op("MatMulInteger", []string{xq[0], w, xq[2], wzp})
		scale := b.op("Mul", []string{xq[1], wscale})
		y = b.op("Mul", []string{b.op("Cast", []string{acc}, onnx.AttrInt("to", onnx.Float)), scale})
	}
	return b.op("Add", []string{y, b.normal(name+".bias", 0.02, n)})
}

// MatMul returns a graph of one float32 MatMul, input a [m, k] times a
// constant b [k, n], output y [m, n]: the machine's GEMM limit through the
// same runtime (2·m·k·n FLOPs a run).
func MatMul(m, k, n int, seed uint64) *onnx.Graph {
	b := newBuilder("matmul", seed)
	y := b.op("MatMul", []string{"a", b.normal("b", 1, int64(k), int64(n))})
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: "Identity", Name: "output", Inputs: []string{y}, Outputs: []string{"y"}})
	b.g.Inputs = []onnx.ValueInfo{{Name: "a", ElemType: onnx.Float, Dims: []int64{int64(m), int64(k)}}}
	b.g.Outputs = []onnx.ValueInfo{{Name: "y", ElemType: onnx.Float, Dims: []int64{int64(m), int64(n)}}}
	return &b.g
}
