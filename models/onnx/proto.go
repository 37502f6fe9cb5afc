package onnx

import (
	"encoding/binary"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// This file encodes the subset of onnx.proto (ONNX IR) the generator needs,
// straight to protobuf wire format: no .proto file and no generated code.
// Field numbers are those of onnx/onnx.proto3; only fields we set appear.

// Element types (TensorProto.DataType).
const (
	Float = 1
	Uint8 = 2
	Int8  = 3
	Int32 = 6
	Int64 = 7
)

// Attribute types (AttributeProto.AttributeType).
const (
	attrFloat  = 1
	attrInt    = 2
	attrString = 3
	attrTensor = 4
	attrInts   = 7
)

// irVersion 8 goes with opset 17 (ONNX 1.12); onnxruntime ≥ 1.14 reads it.
const (
	irVersion = 8
	opset     = 17
)

// Tensor is a TensorProto with its data as little-endian raw bytes.
type Tensor struct {
	Name     string
	DataType int
	Dims     []int64
	Raw      []byte
}

// FloatTensor returns a float32 tensor holding data.
func FloatTensor(name string, dims []int64, data []float32) Tensor {
	raw := make([]byte, 4*len(data))
	for i, v := range data {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	return Tensor{Name: name, DataType: Float, Dims: dims, Raw: raw}
}

// Int64Tensor returns an int64 tensor holding data.
func Int64Tensor(name string, dims []int64, data []int64) Tensor {
	raw := make([]byte, 8*len(data))
	for i, v := range data {
		binary.LittleEndian.PutUint64(raw[8*i:], uint64(v))
	}
	return Tensor{Name: name, DataType: Int64, Dims: dims, Raw: raw}
}

// Int8Tensor returns an int8 tensor holding data.
func Int8Tensor(name string, dims []int64, data []int8) Tensor {
	raw := make([]byte, len(data))
	for i, v := range data {
		raw[i] = byte(v)
	}
	return Tensor{Name: name, DataType: Int8, Dims: dims, Raw: raw}
}

func (t Tensor) marshal(b []byte) []byte {
	for _, d := range t.Dims {
		b = protowire.AppendTag(b, 1, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(d))
	}
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(t.DataType))
	b = appendString(b, 8, t.Name)
	b = protowire.AppendTag(b, 9, protowire.BytesType)
	return protowire.AppendBytes(b, t.Raw)
}

// Attr is an AttributeProto of one of the kinds the generator uses.
type Attr struct {
	Name   string
	kind   int
	f      float32
	i      int64
	s      string
	ints   []int64
	tensor *Tensor
}

// AttrInt, AttrFloat, AttrInts, AttrString and AttrTensor build node
// attributes.
func AttrInt(name string, v int64) Attr     { return Attr{Name: name, kind: attrInt, i: v} }
func AttrFloat(name string, v float32) Attr { return Attr{Name: name, kind: attrFloat, f: v} }
func AttrInts(name string, v ...int64) Attr { return Attr{Name: name, kind: attrInts, ints: v} }
func AttrString(name, v string) Attr        { return Attr{Name: name, kind: attrString, s: v} }
func AttrTensor(name string, t Tensor) Attr { return Attr{Name: name, kind: attrTensor, tensor: &t} }

func (a Attr) marshal(b []byte) []byte {
	b = appendString(b, 1, a.Name)
	switch a.kind {
	case attrFloat:
		b = protowire.AppendTag(b, 2, protowire.Fixed32Type)
		b = protowire.AppendFixed32(b, math.Float32bits(a.f))
	case attrInt:
		b = protowire.AppendTag(b, 3, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(a.i))
	case attrString:
		b = appendString(b, 4, a.s)
	case attrTensor:
		b = appendMessage(b, 5, a.tensor.marshal)
	case attrInts:
		for _, v := range a.ints {
			b = protowire.AppendTag(b, 8, protowire.VarintType)
			b = protowire.AppendVarint(b, uint64(v))
		}
	}
	b = protowire.AppendTag(b, 20, protowire.VarintType)
	return protowire.AppendVarint(b, uint64(a.kind))
}

// Node is a NodeProto in the default (ai.onnx) domain.
type Node struct {
	Op      string
	Name    string
	Inputs  []string
	Outputs []string
	Attrs   []Attr
}

func (n Node) marshal(b []byte) []byte {
	for _, s := range n.Inputs {
		b = appendString(b, 1, s)
	}
	for _, s := range n.Outputs {
		b = appendString(b, 2, s)
	}
	b = appendString(b, 3, n.Name)
	b = appendString(b, 4, n.Op)
	for _, a := range n.Attrs {
		b = appendMessage(b, 5, a.marshal)
	}
	return b
}

// ValueInfo declares a graph input or output: a tensor of ElemType whose
// dimensions are fixed (Dims[i] ≥ 0) or symbolic (Params[i] != "").
type ValueInfo struct {
	Name     string
	ElemType int
	Dims     []int64
	Params   []string
}

func (v ValueInfo) marshal(b []byte) []byte {
	b = appendString(b, 1, v.Name)
	return appendMessage(b, 2, func(b []byte) []byte { // TypeProto
		return appendMessage(b, 1, func(b []byte) []byte { // TypeProto.Tensor
			b = protowire.AppendTag(b, 1, protowire.VarintType)
			b = protowire.AppendVarint(b, uint64(v.ElemType))
			return appendMessage(b, 2, func(b []byte) []byte { // TensorShapeProto
				for i := range v.Dims {
					b = appendMessage(b, 1, func(b []byte) []byte {
						if i < len(v.Params) && v.Params[i] != "" {
							return appendString(b, 2, v.Params[i])
						}
						b = protowire.AppendTag(b, 1, protowire.VarintType)
						return protowire.AppendVarint(b, uint64(v.Dims[i]))
					})
				}
				return b
			})
		})
	})
}

// Graph is a GraphProto.
type Graph struct {
	Name         string
	Nodes        []Node
	Initializers []Tensor
	Inputs       []ValueInfo
	Outputs      []ValueInfo
}

func (g *Graph) marshal(b []byte) []byte {
	for _, n := range g.Nodes {
		b = appendMessage(b, 1, n.marshal)
	}
	b = appendString(b, 2, g.Name)
	for _, t := range g.Initializers {
		b = appendMessage(b, 5, t.marshal)
	}
	for _, v := range g.Inputs {
		b = appendMessage(b, 11, v.marshal)
	}
	for _, v := range g.Outputs {
		b = appendMessage(b, 12, v.marshal)
	}
	return b
}

// Marshal encodes g as a ModelProto (IR 8, opset 17) ready to be written to
// a .onnx file. It holds the whole model in memory: about the size of the
// weights.
func (g *Graph) Marshal() []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, irVersion)
	b = appendString(b, 2, "quire-onnxgen")
	b = appendMessage(b, 7, g.marshal)
	b = appendMessage(b, 8, func(b []byte) []byte { // OperatorSetIdProto
		b = appendString(b, 1, "")
		b = protowire.AppendTag(b, 2, protowire.VarintType)
		return protowire.AppendVarint(b, opset)
	})
	return b
}

func appendString(b []byte, num protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

// appendMessage appends field num holding the message that enc writes. The
// body is encoded into a scratch buffer first since its length prefix comes
// before it; big tensors are therefore copied once.
func appendMessage(b []byte, num protowire.Number, enc func([]byte) []byte) []byte {
	body := enc(nil)
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, body)
}
