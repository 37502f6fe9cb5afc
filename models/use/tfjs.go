package use

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// This file reads a TensorFlow.js graph model: model.json (a TensorFlow
// GraphDef as JSON plus a weights manifest) and its binary weight shards.

// tfjsModel is a loaded TF.js graph model: its nodes by name and its
// weights (the graph's Const nodes) by name.
type tfjsModel struct {
	nodes   map[string]tfNode
	weights map[string]*tfWeight
}

// tfNode is one GraphDef node. Attr values stay raw JSON; attrInt and
// friends read the few kinds the converter checks.
type tfNode struct {
	Name  string                     `json:"name"`
	Op    string                     `json:"op"`
	Input []string                   `json:"input"`
	Attr  map[string]json.RawMessage `json:"attr"`
}

// tfWeight is one entry of the weights manifest with its data decoded:
// F32 for float32 weights, I32 for int32 ones (TF.js stores int64
// constants as int32).
type tfWeight struct {
	Name  string
	Shape []int64
	DType string
	F32   []float32
	I32   []int32
}

func (w *tfWeight) numel() int64 {
	n := int64(1)
	for _, d := range w.Shape {
		n *= d
	}
	return n
}

type tfjsJSON struct {
	ModelTopology struct {
		Node []tfNode `json:"node"`
	} `json:"modelTopology"`
	WeightsManifest []struct {
		Paths   []string `json:"paths"`
		Weights []struct {
			Name         string          `json:"name"`
			Shape        []int64         `json:"shape"`
			DType        string          `json:"dtype"`
			Quantization json.RawMessage `json:"quantization"`
		} `json:"weights"`
	} `json:"weightsManifest"`
}

// loadTFJS reads dir/model.json and the shards its manifest names. Each
// manifest group's shards are concatenated and its weights read from the
// result in manifest order, as TF.js does. Only unquantised float32 and
// int32 weights are supported (all this model has); anything else is an
// error rather than a silent misreading.
func loadTFJS(dir string) (*tfjsModel, error) {
	p := filepath.Join(dir, ModelJSONFile)
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModelMissing, err)
	}
	var mj tfjsJSON
	if err := json.Unmarshal(raw, &mj); err != nil {
		return nil, fmt.Errorf("use: parse %s: %w", p, err)
	}
	m := &tfjsModel{nodes: map[string]tfNode{}, weights: map[string]*tfWeight{}}
	for _, n := range mj.ModelTopology.Node {
		m.nodes[n.Name] = n
	}
	for _, g := range mj.WeightsManifest {
		var data []byte
		for _, shard := range g.Paths {
			if filepath.Base(shard) != shard {
				return nil, fmt.Errorf("use: %s: shard path %q leaves the model directory", p, shard)
			}
			b, err := os.ReadFile(filepath.Join(dir, shard))
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrModelMissing, err)
			}
			data = append(data, b...)
		}
		for _, ws := range g.Weights {
			if len(ws.Quantization) > 0 && string(ws.Quantization) != "null" {
				return nil, fmt.Errorf("use: %s: weight %s is quantised; not supported", p, ws.Name)
			}
			w := &tfWeight{Name: ws.Name, Shape: ws.Shape, DType: ws.DType}
			n := int(w.numel())
			if len(data) < 4*n {
				return nil, fmt.Errorf("use: %s: weights end inside %s", p, ws.Name)
			}
			switch ws.DType {
			case "float32":
				w.F32 = make([]float32, n)
				for i := range w.F32 {
					w.F32[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
				}
			case "int32":
				w.I32 = make([]int32, n)
				for i := range w.I32 {
					w.I32[i] = int32(binary.LittleEndian.Uint32(data[4*i:]))
				}
			default:
				return nil, fmt.Errorf("use: %s: weight %s has dtype %s; not supported", p, ws.Name, ws.DType)
			}
			data = data[4*n:]
			m.weights[ws.Name] = w
		}
		if len(data) != 0 {
			return nil, fmt.Errorf("use: %s: %d bytes of shards %v left after the last weight", p, len(data), g.Paths)
		}
	}
	return m, nil
}

// node returns the node called name, checking that it is an op node.
func (m *tfjsModel) node(name, op string) (tfNode, error) {
	n, ok := m.nodes[name]
	if !ok {
		return tfNode{}, fmt.Errorf("use: graph has no node %s", name)
	}
	if n.Op != op {
		return tfNode{}, fmt.Errorf("use: node %s is %s, want %s", name, n.Op, op)
	}
	return n, nil
}

// f32 returns the float32 weight called name, checking its shape.
func (m *tfjsModel) f32(name string, shape ...int64) ([]float32, error) {
	w, ok := m.weights[name]
	if !ok {
		return nil, fmt.Errorf("use: model has no weight %s", name)
	}
	if w.F32 == nil {
		return nil, fmt.Errorf("use: weight %s is %s, want float32", name, w.DType)
	}
	if !sameShape(w.Shape, shape) {
		return nil, fmt.Errorf("use: weight %s has shape %v, want %v", name, w.Shape, shape)
	}
	return w.F32, nil
}

// vecF32 returns a 1-D float32 weight of any length.
func (m *tfjsModel) vecF32(name string) ([]float32, error) {
	w, ok := m.weights[name]
	if !ok {
		return nil, fmt.Errorf("use: model has no weight %s", name)
	}
	if w.F32 == nil || len(w.Shape) != 1 {
		return nil, fmt.Errorf("use: weight %s is %s %v, want a float32 vector", name, w.DType, w.Shape)
	}
	return w.F32, nil
}

// scalarF32 and scalarI32 return a scalar constant.
func (m *tfjsModel) scalarF32(name string) (float32, error) {
	v, err := m.f32(name)
	if err != nil {
		return 0, err
	}
	return v[0], nil
}

func (m *tfjsModel) scalarI32(name string) (int32, error) {
	w, ok := m.weights[name]
	if !ok {
		return 0, fmt.Errorf("use: model has no weight %s", name)
	}
	if w.I32 == nil || len(w.Shape) != 0 {
		return 0, fmt.Errorf("use: weight %s is %s %v, want an int32 scalar", name, w.DType, w.Shape)
	}
	return w.I32[0], nil
}

// int32s returns an int32 constant of any shape, flattened.
func (m *tfjsModel) int32s(name string) ([]int32, error) {
	w, ok := m.weights[name]
	if !ok {
		return nil, fmt.Errorf("use: model has no weight %s", name)
	}
	if w.I32 == nil {
		return nil, fmt.Errorf("use: weight %s is %s, want int32", name, w.DType)
	}
	return w.I32, nil
}

// attrInts reads a list(int) attribute such as Squeeze's squeeze_dims.
func (n tfNode) attrInts(key string) ([]int64, error) {
	raw, ok := n.Attr[key]
	if !ok {
		return nil, fmt.Errorf("use: node %s has no attr %s", n.Name, key)
	}
	var a struct {
		List struct {
			I []string `json:"i"`
		} `json:"list"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("use: node %s attr %s: %w", n.Name, key, err)
	}
	out := make([]int64, len(a.List.I))
	for i, s := range a.List.I {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("use: node %s attr %s: %w", n.Name, key, err)
		}
		out[i] = v
	}
	return out, nil
}

// attrBool reads a bool attribute such as BatchMatMul's adj_y; absent
// means false, as in TensorFlow.
func (n tfNode) attrBool(key string) (bool, error) {
	raw, ok := n.Attr[key]
	if !ok {
		return false, nil
	}
	var a struct {
		B bool `json:"b"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return false, fmt.Errorf("use: node %s attr %s: %w", n.Name, key, err)
	}
	return a.B, nil
}

// attrString reads a string attribute such as data_format or padding.
// TF.js writes its bytes as a JSON array of numbers; protobuf's JSON form
// is a base64 string. Both are accepted.
func (n tfNode) attrString(key string) (string, error) {
	raw, ok := n.Attr[key]
	if !ok {
		return "", fmt.Errorf("use: node %s has no attr %s", n.Name, key)
	}
	var a struct {
		S json.RawMessage `json:"s"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return "", fmt.Errorf("use: node %s attr %s: %w", n.Name, key, err)
	}
	var codes []int
	if err := json.Unmarshal(a.S, &codes); err == nil {
		b := make([]byte, len(codes))
		for i, c := range codes {
			b[i] = byte(c)
		}
		return string(b), nil
	}
	var b []byte // base64
	if err := json.Unmarshal(a.S, &b); err != nil {
		return "", fmt.Errorf("use: node %s attr %s: %w", n.Name, key, err)
	}
	return string(b), nil
}

func sameShape(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
