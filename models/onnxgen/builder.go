package onnxgen

import (
	"fmt"
	"math"
	"math/rand/v2"

	"quire/models/onnx"
)

// builder appends nodes and initialisers to a Graph, naming intermediate
// values uniquely, and draws weights from one seeded generator so that the
// same seed always yields byte-identical models.
type builder struct {
	g   onnx.Graph
	rng *rand.Rand
	n   int
}

func newBuilder(name string, seed uint64) *builder {
	return &builder{g: onnx.Graph{Name: name}, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

// tmp returns a fresh value name.
func (b *builder) tmp(hint string) string {
	b.n++
	return fmt.Sprintf("%s_%d", hint, b.n)
}

// op appends a node with one output and returns the output's name.
func (b *builder) op(op string, inputs []string, attrs ...onnx.Attr) string {
	out := b.tmp(op)
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: op, Name: out, Inputs: inputs, Outputs: []string{out}, Attrs: attrs})
	return out
}

// opN appends a node with n outputs.
func (b *builder) opN(op string, n int, inputs []string, attrs ...onnx.Attr) []string {
	outs := make([]string, n)
	for i := range outs {
		outs[i] = b.tmp(op)
	}
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: op, Name: outs[0], Inputs: inputs, Outputs: outs, Attrs: attrs})
	return outs
}

func (b *builder) init(t onnx.Tensor) string {
	b.g.Initializers = append(b.g.Initializers, t)
	return t.Name
}

// normal adds a float initialiser of the given shape with N(0, std²) entries.
func (b *builder) normal(name string, std float64, dims ...int64) string {
	data := make([]float32, numel(dims))
	for i := range data {
		data[i] = float32(b.rng.NormFloat64() * std)
	}
	return b.init(onnx.FloatTensor(name, dims, data))
}

// fill adds a float initialiser with every entry v.
func (b *builder) fill(name string, v float32, dims ...int64) string {
	data := make([]float32, numel(dims))
	for i := range data {
		data[i] = v
	}
	return b.init(onnx.FloatTensor(name, dims, data))
}

func (b *builder) scalarF(name string, v float32) string {
	return b.init(onnx.FloatTensor(name, nil, []float32{v}))
}

func (b *builder) ints(name string, v ...int64) string {
	return b.init(onnx.Int64Tensor(name, []int64{int64(len(v))}, v))
}

func (b *builder) scalarI(name string, v int64) string {
	return b.init(onnx.Int64Tensor(name, nil, []int64{v}))
}

// quantized adds w (dims [k, n], N(0, std²)) as a symmetric per-tensor int8
// initialiser with its float scale, the way onnxruntime's dynamic
// quantisation stores MatMul weights. It returns the names of the int8
// weights, their zero point and their scale.
func (b *builder) quantized(name string, std float64, k, n int64) (w, zp, scale string) {
	data := make([]float32, k*n)
	var maxAbs float64
	for i := range data {
		data[i] = float32(b.rng.NormFloat64() * std)
		maxAbs = math.Max(maxAbs, math.Abs(float64(data[i])))
	}
	s := maxAbs / 127
	if s == 0 {
		s = 1
	}
	q := make([]int8, len(data))
	for i, v := range data {
		q[i] = int8(math.Max(-127, math.Min(127, math.Round(float64(v)/s))))
	}
	w = b.init(onnx.Int8Tensor(name+"_quantized", []int64{k, n}, q))
	zp = b.init(onnx.Int8Tensor(name+"_zero_point", nil, []int8{0}))
	scale = b.scalarF(name+"_scale", float32(s))
	return w, zp, scale
}

func numel(dims []int64) int64 {
	n := int64(1)
	for _, d := range dims {
		n *= d
	}
	return n
}
