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
	// int8 stores weight matrices (matrix) as int8 and runs their
	// products (linear) as MatMulInteger; quant maps such a matrix's
	// name to its int8 form.
	int8  bool
	quant map[string]qmatrix
}

// qmatrix names an int8 weight matrix's initialisers: the values, the
// zero points (all 0) and the float scales, one per output column.
type qmatrix struct{ w, zp, scale string }

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

// matrix adds a weight matrix [in, out] that linear multiplies by:
// float32, or with int8 set, symmetric int8 with one scale per output
// column (quantize).
func (b *graphBuilder) matrix(name string, dims []int64, data []float32) string {
	if !b.int8 {
		return b.f32(name, dims, data)
	}
	q, scales := quantize(data, int(dims[0]), int(dims[1]))
	b.g.Initializers = append(b.g.Initializers, onnx.Int8Tensor(name+"_quantized", dims, q))
	zp := make([]int8, dims[1])
	b.g.Initializers = append(b.g.Initializers, onnx.Int8Tensor(name+"_zero_point", dims[1:], zp))
	if b.quant == nil {
		b.quant = map[string]qmatrix{}
	}
	b.quant[name] = qmatrix{w: name + "_quantized", zp: name + "_zero_point", scale: b.f32(name+"_scale", dims[1:], scales)}
	return name
}

// linear is x·w + bias for w of shape [in, out]. An int8 w is multiplied
// the way onnxruntime's dynamic quantisation does it: x is quantised per
// call to uint8 (DynamicQuantizeLinear), MatMulInteger accumulates in
// int32 and the product is rescaled by x's scale times w's column
// scales. onnxruntime fuses the four nodes into one kernel.
func (b *graphBuilder) linear(x, w, bias string) string {
	q, ok := b.quant[w]
	if !ok {
		return b.op("Add", []string{b.op("MatMul", []string{x, w}), bias})
	}
	xq := b.opN("DynamicQuantizeLinear", 3, []string{x})
	acc := b.op("MatMulInteger", []string{xq[0], q.w, xq[2], q.zp})
	scale := b.op("Mul", []string{xq[1], q.scale})
	y := b.op("Mul", []string{b.op("Cast", []string{acc}, onnx.AttrInt("to", onnx.Float)), scale})
	return b.op("Add", []string{y, bias})
}
