package use

import (
	"fmt"

	"quire/models/onnx"
)

// graphBuilder appends ONNX nodes and initialisers to an onnx.Graph,
// naming intermediate values uniquely (prefix_n). onnxgen's own builder
// is unexported and draws random weights; this one only wires real ones.
type graphBuilder struct {
	g onnx.Graph
	n int
}

// op appends a node with one output and returns the output's name.
func (b *graphBuilder) op(op string, inputs []string, attrs ...onnx.Attr) string {
	return b.opN(op, 1, inputs, attrs...)[0]
}

// opN appends a node with n outputs and returns their names.
func (b *graphBuilder) opN(op string, n int, inputs []string, attrs ...onnx.Attr) []string {
	b.n++
	outs := make([]string, n)
	for i := range outs {
		outs[i] = fmt.Sprintf("%s_%d_%d", op, b.n, i)
	}
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: op, Name: fmt.Sprintf("%s_%d", op, b.n), Inputs: inputs, Outputs: outs, Attrs: attrs})
	return outs
}

// named appends a node whose single output has a chosen name (a graph
// output).
func (b *graphBuilder) named(out, op string, inputs []string, attrs ...onnx.Attr) string {
	b.g.Nodes = append(b.g.Nodes, onnx.Node{Op: op, Name: out, Inputs: inputs, Outputs: []string{out}, Attrs: attrs})
	return out
}

// f32 adds a float32 initialiser and returns its name.
func (b *graphBuilder) f32(name string, dims []int64, data []float32) string {
	b.g.Initializers = append(b.g.Initializers, onnx.FloatTensor(name, dims, data))
	return name
}

// scalarF adds a float32 scalar initialiser.
func (b *graphBuilder) scalarF(name string, v float32) string {
	return b.f32(name, nil, []float32{v})
}

// ints adds a 1-D int64 initialiser (shapes, axes, split sizes).
func (b *graphBuilder) ints(name string, v ...int64) string {
	b.g.Initializers = append(b.g.Initializers, onnx.Int64Tensor(name, []int64{int64(len(v))}, v))
	return name
}

// scalarI adds an int64 scalar initialiser.
func (b *graphBuilder) scalarI(name string, v int64) string {
	b.g.Initializers = append(b.g.Initializers, onnx.Int64Tensor(name, nil, []int64{v}))
	return name
}

// linear is x·w + bias for w of shape [in, out].
func (b *graphBuilder) linear(x, w, bias string) string {
	return b.op("Add", []string{b.op("MatMul", []string{x, w}), bias})
}
