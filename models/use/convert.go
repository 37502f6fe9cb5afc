package use

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"quire/models/fetch"
	"quire/models/onnx"
)

// Convert re-expresses the TensorFlow.js graph as ONNX. It is not a
// general TF→ONNX converter: it rebuilds this model's architecture from
// standard ONNX ops and fills it with the TF.js weights, bit for bit, after
// checking that the graph has the structure the rebuild assumes (node
// names, op types, the inputs that wire them, Conv2D attributes) and
// reading every hyperparameter (layer-norm epsilon, heads, head size,
// attention scale, the −1e9 mask bias, the l2 floor, the 128-token clip)
// from the graph's own constants.
//
// How the TF graph's 317 nodes map (P = module_apply_default/Encoder_en/
// KonaTransformer/, TS = P+Encode/TransformerStack/):
//
//   - Inputs. TF: Placeholders indices [n,2] (row, position) and values
//     [n] (piece ids); P+ClipToMaxLength (StridedSlice, Less 128, Where,
//     GatherV2, Max, Add, Maximum) drops positions ≥ 128 and derives the
//     dense shape; SparseToDense (default −1) and Greater(·, −1) give dense
//     ids and the token mask. ONNX: dense input_ids and attention_mask
//     int64 [batch, seq], right-padded; the clip is the caller's truncation
//     (Embedder.MaxLen, default 128).
//   - Pad removal. TF runs embeddings, the residual projection and the
//     FFNs only on real tokens: Where(mask) gives their coordinates,
//     GatherNd packs them and ScatterNd puts results back into zeros.
//     ONNX computes every position densely; padding positions are never
//     read by a real one (their keys get −1e9 in attention, FFN and layer
//     norm are per position, pooling is masked), so results are the same.
//   - Embedding. Encode/embedding_lookup (GatherV2 of module/Embeddings_en,
//     8002×256) → Gather.
//   - Timing signal. TS+Layer_0/AddTimingSignal: positions (Where coords
//     [:,1]) → Cast → Mul by the [1,128] inv-timescale constant → Sin, Cos
//     → ConcatV2 → added to the gathered embeddings and scattered back;
//     then TS+Layer_0/add adds that to the scattered embeddings again, so
//     the layer input is 2·E[id] + timing. ONNX: Shape, Squeeze, Range,
//     Cast, Unsqueeze, Mul, Sin, Cos, Concat, Add; the factor 2 is folded
//     into the embedding table (exact in float32).
//   - Layer norm (Mean, Sub, Square, Mean, Add ε, Rsqrt, Mul, Mul, Add over
//     the last axis, ε = 1e−6) → LayerNormalization(axis −1, ε). Each
//     sublayer is pre-norm: x + f(LN(x)).
//   - qkv_transform_single: ExpandDims + Conv2D 1×1 (NHWC, stride 1,
//     VALID) + BiasAdd + Squeeze is a per-token dense layer → MatMul with
//     the kernel viewed as [in, 3·in] + Add. SplitV [d,d,d] → Split.
//   - split_heads (Shape/StridedSlice/Pack/Reshape to [b,l,h,dh], Transpose
//     0,2,1,3) → Reshape [0,0,h,dh] + Transpose. Mul by mul/y (1/√dh) →
//     Mul. BatchMatMul(q, k, adj_y) → Transpose(k to 0,2,3,1) + MatMul.
//   - attention_bias_ignore_padding: LogicalNot(mask) → Cast → Mul −1e9 →
//     ExpandDims ×2 → Sub, Mul, Unsqueeze to [b,1,1,l]; Add. Softmax over
//     a 2-D Reshape and back → Softmax(axis −1). BatchMatMul → MatMul.
//     combine_heads (Transpose, Reshape) → Transpose + Reshape [0,0,h·dh].
//     output_transform_single Conv2D 1×1 + BiasAdd → MatMul + Add.
//   - AdjustResidualInput (layer 0 only, 256→512): GatherNd + MatMul +
//     BiasAdd + ScatterNd → MatMul + Add on the layer input; it is the
//     attention sublayer's residual. layer_postprocess/add → Add.
//   - FFN: conv1/conv2 Tensordot (Shape, GatherV2, Prod, Pack, Reshape,
//     MatMul, Reshape) + BiasAdd, Relu between → MatMul + Add + Relu +
//     MatMul + Add.
//   - Pooling: P+SequenceMask (Range, Less on lengths from MaskLength/Sum)
//     → Cast, Mul, Sum over tokens, RealDiv by Maximum(length, 1) →
//     ReduceSum(x·mask) / Max(ReduceSum(mask), 1). (SequenceMask marks
//     the first `length` positions, hence right padding.)
//   - hidden_layers/tanh_layer_0: MatMul + BiasAdd + Tanh → same.
//   - hidden_layers/l2_normalize: Square, Sum, Maximum 1e−12, Rsqrt, Mul →
//     Mul, ReduceSum, Max, Sqrt, Div. Output sentence_embedding [batch, 512].
//
// Convert reads srcDir (model.json, shards) and writes dstPath and, beside
// it, dstPath+".sha256" ("<hex>  <name>\n", sha256sum's format), each
// atomically (temporary name, then rename; the model before its hash). If
// both exist and the file's hash equals the recorded one and
// ConvertedSHA256, it returns at once: the conversion is deterministic,
// so that hash identifies a valid result of this converter. Otherwise it
// converts and checks the result against ConvertedSHA256. Cost: about
// 100 MB of memory and under a second.
func Convert(srcDir, dstPath string) error {
	if convertedValid(dstPath) {
		return nil
	}
	g, err := buildGraph(srcDir, false)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dstPath), 0o755); err != nil {
		return fmt.Errorf("use: convert: %w", err)
	}
	if err := onnx.WriteFile(dstPath, g); err != nil {
		return fmt.Errorf("use: convert: %w", err)
	}
	sum, err := fileSHA256(dstPath)
	if err != nil {
		return err
	}
	if sum != ConvertedSHA256 {
		// The sources are pinned and the conversion only copies bits, so
		// this means the converter changed without its pin.
		return fmt.Errorf("%w: converted %s has sha256 %s, want ConvertedSHA256 %s (update the pin if the converter changed on purpose)",
			fetch.ErrChecksum, dstPath, sum, ConvertedSHA256)
	}
	if err := writeAtomic(dstPath+".sha256", []byte(sum+"  "+filepath.Base(dstPath)+"\n")); err != nil {
		return err
	}
	return nil
}

// ConvertedSHA256 is the sha256 of the ONNX model Convert writes from the
// pinned package. A test converts the real model and checks it.
const ConvertedSHA256 = "bb42053118bc14cfd3c3f2a3bc739bd2582ffbe0f2d9f6036e752382cd65d1ed"

// convertedValid reports whether path holds a conversion that matches both
// its recorded hash and ConvertedSHA256.
func convertedValid(path string) bool {
	rec, err := readSHA256File(path + ".sha256")
	if err != nil || rec != ConvertedSHA256 {
		return false
	}
	sum, err := fileSHA256(path)
	return err == nil && sum == rec
}

// readSHA256File reads the hash from a sha256sum-format file.
func readSHA256File(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("use: %w", err)
	}
	f := strings.Fields(string(b))
	if len(f) == 0 || len(f[0]) != 64 {
		return "", fmt.Errorf("use: %s: not a sha256sum line", path)
	}
	return strings.ToLower(f[0]), nil
}

// writeAtomic writes data to path via a temporary file and a rename.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("use: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("use: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("use: write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("use: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("use: write %s: %w", path, err)
	}
	return nil
}

// TF graph name prefixes.
const (
	pKT = "module_apply_default/Encoder_en/KonaTransformer/"
	pTS = pKT + "Encode/TransformerStack/"
	pW  = "module/Encoder_en/KonaTransformer/Encode/" // kernel variables
)

// layerSpec is what one transformer layer needs, read from the graph.
type layerSpec struct {
	in, out    int64 // width in and out (layer 0: 256 → 512)
	heads, dh  int64
	scale      float32 // query scale, 1/√dh
	lnEps      float32
	residual   bool // a dense in→out projection feeds the residual
	ffn        int64
	tfL, tfEnc string // "TS+Layer_l/TransformerLayer/", "P+Encode/Layer_l/TransformerLayer/"
}

// buildGraph loads the TF.js model in srcDir, checks its structure and
// returns the ONNX graph.
func buildGraph(srcDir string, int8 bool) (*onnx.Graph, error) {
	m, err := loadTFJS(srcDir)
	if err != nil {
		return nil, err
	}
	if err := checkStructure(m); err != nil {
		return nil, fmt.Errorf("use: convert %s: unexpected graph: %w", srcDir, err)
	}
	g, err := rebuild(m, int8)
	if err != nil {
		return nil, fmt.Errorf("use: convert %s: %w", srcDir, err)
	}
	return g, nil
}

// checkStructure verifies the parts of the TF graph whose meaning the
// rebuild assumes, so that a different graph fails loudly instead of
// converting wrongly.
func checkStructure(m *tfjsModel) error {
	type want struct {
		name, op string
		inputs   []string // exact inputs, in order; nil: not checked
	}
	ws := []want{
		{pKT + "Encode/embedding_lookup", "GatherV2", []string{"module/Embeddings_en", pKT + "ClipToMaxLength/GatherV2_1", pKT + "SequenceMask/Const"}},
		{pKT + "ClipToMaxLength/Less", "Less", []string{pKT + "ClipToMaxLength/strided_slice", pKT + "ClipToMaxLength/Less/y"}},
		{pKT + "Encode/SparseToDense", "SparseToDense", nil},
		{pKT + "Encode/Greater", "Greater", []string{pKT + "Encode/SparseToDense", pKT + "Encode/SparseToDense/default_value"}},
		{pKT + "Encode/Scatter/ScatterNd", "ScatterNd", []string{pTS + "Layer_1/TransformerLayer/FFN/StoreMask/ToInt32", pKT + "Encode/embedding_lookup", pKT + "Encode/Scatter/concat"}},
		{pTS + "Layer_0/AddTimingSignal/TimingSignal/mul_2", "Mul", []string{pTS + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims", pTS + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1"}},
		{pTS + "Layer_0/AddTimingSignal/TimingSignal/Sin", "Sin", nil},
		{pTS + "Layer_0/AddTimingSignal/TimingSignal/Cos", "Cos", nil},
		{pTS + "Layer_0/AddTimingSignal/TimingSignal/concat", "ConcatV2", []string{pTS + "Layer_0/AddTimingSignal/TimingSignal/Sin", pTS + "Layer_0/AddTimingSignal/TimingSignal/Cos", pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/ExpandDims/dim"}},
		{pTS + "Layer_0/AddTimingSignal/add", "Add", []string{pTS + "Layer_0/AddTimingSignal/Gather/GatherNd", pTS + "Layer_0/AddTimingSignal/TimingSignal/concat"}},
		{pTS + "Layer_0/AddTimingSignal/Gather/GatherNd", "GatherNd", []string{pKT + "Encode/Scatter/ScatterNd", pTS + "Layer_1/TransformerLayer/FFN/StoreMask/ToInt32"}},
		// The doubled embedding: scattered embeddings + scattered (embeddings + timing).
		{pTS + "Layer_0/add", "Add", []string{pKT + "Encode/Scatter/ScatterNd", pTS + "Layer_0/AddTimingSignal/Scatter/ScatterNd"}},
		{pTS + "Layer_0/TransformerLayer/AdjustResidualInput/Gather/GatherNd", "GatherNd", []string{pTS + "Layer_0/add", pTS + "Layer_1/TransformerLayer/FFN/StoreMask/ToInt32"}},
		{pTS + "Layer_0/TransformerLayer/layer_postprocess/add", "Add", []string{pTS + "Layer_0/TransformerLayer/MultiheadAttention/Squeeze_1", pTS + "Layer_0/TransformerLayer/AdjustResidualInput/Scatter/ScatterNd"}},
		{pTS + "Layer_0/TransformerLayer/FFN/layer_postprocess/add", "Add", []string{pTS + "Layer_0/TransformerLayer/FFN/Scatter/ScatterNd", pTS + "Layer_0/TransformerLayer/layer_postprocess/add"}},
		{pTS + "Layer_1/TransformerLayer/layer_prepostprocess/layer_norm/Mean", "Mean", []string{pTS + "Layer_0/TransformerLayer/FFN/layer_postprocess/add", pTS + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Mean/reduction_indices"}},
		{pTS + "Layer_1/TransformerLayer/layer_postprocess/add", "Add", []string{pTS + "Layer_1/TransformerLayer/MultiheadAttention/Squeeze_1", pTS + "Layer_0/TransformerLayer/FFN/layer_postprocess/add"}},
		{pTS + "Layer_1/TransformerLayer/FFN/layer_postprocess/add", "Add", []string{pTS + "Layer_1/TransformerLayer/FFN/Scatter/ScatterNd", pTS + "Layer_1/TransformerLayer/layer_postprocess/add"}},
		{pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul", "Mul", []string{pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/ToFloat", pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul/y"}},
		{pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/LogicalNot", "LogicalNot", []string{pKT + "Encode/Greater"}},
		{pKT + "mul", "Mul", []string{pTS + "Layer_1/TransformerLayer/FFN/layer_postprocess/add", pKT + "ExpandDims"}},
		{pKT + "Sum", "Sum", []string{pKT + "mul", pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/ExpandDims/dim"}},
		{pKT + "Maximum", "Maximum", []string{pTS + "MaskLength/Sum", pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/ExpandDims/dim"}},
		{pKT + "div", "RealDiv", []string{pKT + "Sum", pKT + "ExpandDims_1"}},
		{"module_apply_default/Encoder_en/hidden_layers/tanh_layer_0/MatMul", "MatMul", []string{pKT + "div", "module/Encoder_en/hidden_layers/tanh_layer_0/weights"}},
		{"module_apply_default/Encoder_en/hidden_layers/tanh_layer_0/Tanh", "Tanh", nil},
		{"module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum", "Maximum", []string{"module_apply_default/Encoder_en/hidden_layers/l2_normalize/Sum", "module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y"}},
		{"module_apply_default/Encoder_en/hidden_layers/l2_normalize", "Mul", []string{"module_apply_default/Encoder_en/hidden_layers/tanh_layer_0/Tanh", "module_apply_default/Encoder_en/hidden_layers/l2_normalize/Rsqrt"}},
	}
	for l := range 2 {
		tl := fmt.Sprintf("%sLayer_%d/TransformerLayer/", pTS, l)
		mha := tl + "MultiheadAttention/"
		dpa := mha + "DotProductAttention/BaseDotProductAttention/"
		ws = append(ws,
			want{mha + "ExpandDims", "ExpandDims", []string{tl + "layer_prepostprocess/layer_norm/add_1", pTS + "Layer_1/TransformerLayer/MultiheadAttention/ExpandDims/dim"}},
			want{mha + "mul", "Mul", []string{mha + "split_heads/transpose", mha + "mul/y"}},
			want{dpa + "MatMul", "BatchMatMul", []string{mha + "mul", mha + "split_heads_1/transpose"}},
			want{dpa + "add", "Add", []string{dpa + "MatMul", pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/ExpandDims_1"}},
			want{dpa + "Softmax", "Softmax", nil},
			want{dpa + "MatMul_1", "BatchMatMul", []string{dpa + "attention_weights", mha + "split_heads_2/transpose"}},
			want{tl + "FFN/Gather/GatherNd", "GatherNd", []string{tl + "FFN/layer_prepostprocess/layer_norm/add_1", pTS + "Layer_1/TransformerLayer/FFN/StoreMask/ToInt32"}},
			want{tl + "FFN/conv1/Relu", "Relu", []string{tl + "FFN/conv1/BiasAdd"}},
			want{tl + "FFN/layer_prepostprocess/layer_norm/Mean", "Mean", []string{tl + "layer_postprocess/add", pTS + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Mean/reduction_indices"}},
		)
		for _, conv := range []string{"qkv_transform_single", "output_transform_single"} {
			n, err := m.node(mha+conv+"/Conv2D", "Conv2D")
			if err != nil {
				return err
			}
			if err := checkConv1x1(n); err != nil {
				return err
			}
		}
		for _, bmm := range []struct {
			name string
			adjY bool
		}{{dpa + "MatMul", true}, {dpa + "MatMul_1", false}} {
			n, err := m.node(bmm.name, "BatchMatMul")
			if err != nil {
				return err
			}
			adjX, err := n.attrBool("adj_x")
			if err != nil {
				return err
			}
			adjY, err := n.attrBool("adj_y")
			if err != nil {
				return err
			}
			if adjX || adjY != bmm.adjY {
				return fmt.Errorf("node %s has adj_x %v adj_y %v, want false %v", bmm.name, adjX, adjY, bmm.adjY)
			}
		}
		// The layer norms: x − mean, scaled by rsqrt(var + ε).
		for _, ln := range []string{tl + "layer_prepostprocess/layer_norm/", tl + "FFN/layer_prepostprocess/layer_norm/"} {
			if _, err := m.node(ln+"Rsqrt", "Rsqrt"); err != nil {
				return err
			}
			if _, err := m.node(ln+"Square", "Square"); err != nil {
				return err
			}
		}
	}
	for _, w := range ws {
		n, err := m.node(w.name, w.op)
		if err != nil {
			return err
		}
		if w.inputs != nil && strings.Join(n.Input, "|") != strings.Join(w.inputs, "|") {
			return fmt.Errorf("node %s has inputs %v, want %v", w.name, n.Input, w.inputs)
		}
	}
	return nil
}

// checkConv1x1 verifies a Conv2D is a per-token dense layer: NHWC,
// stride 1, dilation 1, VALID padding (its kernel is 1×1; f32 checks).
func checkConv1x1(n tfNode) error {
	df, err := n.attrString("data_format")
	if err != nil {
		return err
	}
	pad, err := n.attrString("padding")
	if err != nil {
		return err
	}
	strides, err := n.attrInts("strides")
	if err != nil {
		return err
	}
	dil, err := n.attrInts("dilations")
	if err != nil {
		return err
	}
	for _, v := range append(strides, dil...) {
		if v != 1 {
			return fmt.Errorf("node %s has strides %v dilations %v, want all 1", n.Name, strides, dil)
		}
	}
	if df != "NHWC" || pad != "VALID" {
		return fmt.Errorf("node %s has data_format %q padding %q, want NHWC VALID", n.Name, df, pad)
	}
	return nil
}

// readLayer reads layer l's hyperparameters from the graph.
func readLayer(m *tfjsModel, l int) (layerSpec, error) {
	s := layerSpec{
		tfL:      fmt.Sprintf("%sLayer_%d/TransformerLayer/", pTS, l),
		tfEnc:    fmt.Sprintf("%sEncode/Layer_%d/TransformerLayer/", pKT, l),
		residual: l == 0,
	}
	mha := s.tfL + "MultiheadAttention/"
	// Split sizes [d, d, d] give the attention width.
	split, err := m.int32s(mha + "Const")
	if err != nil {
		return s, err
	}
	if len(split) != 3 || split[0] != split[1] || split[1] != split[2] {
		return s, fmt.Errorf("%sConst is %v, want three equal split sizes", mha, split)
	}
	s.in = int64(split[0])
	// Heads and head size are the Pack inputs 2 and 3 of split_heads'
	// reshape shape [b, l, heads, dh].
	pack, err := m.node(mha+"split_heads/split_last_dimension/Reshape/shape", "Pack")
	if err != nil {
		return s, err
	}
	if len(pack.Input) != 4 {
		return s, fmt.Errorf("%s has %d inputs, want 4", pack.Name, len(pack.Input))
	}
	h, err := m.scalarI32(pack.Input[2])
	if err != nil {
		return s, err
	}
	dh, err := m.scalarI32(pack.Input[3])
	if err != nil {
		return s, err
	}
	s.heads, s.dh = int64(h), int64(dh)
	if s.heads*s.dh != s.in {
		return s, fmt.Errorf("layer %d: %d heads × %d ≠ width %d", l, s.heads, s.dh, s.in)
	}
	if s.scale, err = m.scalarF32(mha + "mul/y"); err != nil {
		return s, err
	}
	if want := 1 / math.Sqrt(float64(s.dh)); math.Abs(float64(s.scale)-want) > 1e-6 {
		return s, fmt.Errorf("layer %d: query scale %g, want 1/√%d", l, s.scale, s.dh)
	}
	// ε is the second input of each layer norm's Add; both must agree.
	for _, ln := range []string{s.tfL + "layer_prepostprocess/layer_norm/add", s.tfL + "FFN/layer_prepostprocess/layer_norm/add"} {
		n, err := m.node(ln, "Add")
		if err != nil {
			return s, err
		}
		eps, err := m.scalarF32(n.Input[1])
		if err != nil {
			return s, err
		}
		if s.lnEps != 0 && eps != s.lnEps {
			return s, fmt.Errorf("layer %d: layer norms have ε %g and %g", l, s.lnEps, eps)
		}
		s.lnEps = eps
	}
	ob, err := m.vecF32(s.tfEnc + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat")
	if err != nil {
		return s, err
	}
	s.out = int64(len(ob))
	c1, err := m.vecF32(s.tfEnc + "FFN/conv1/bias/ConcatPartitions/concat")
	if err != nil {
		return s, err
	}
	s.ffn = int64(len(c1))
	return s, nil
}

// rebuild emits the ONNX graph from m's weights; see Convert for the map.
func rebuild(m *tfjsModel, int8 bool) (*onnx.Graph, error) {
	clip, err := m.scalarI32(pKT + "ClipToMaxLength/Less/y")
	if err != nil {
		return nil, err
	}
	if clip != DefaultMaxLen {
		return nil, fmt.Errorf("graph clips at %d tokens, DefaultMaxLen is %d", clip, DefaultMaxLen)
	}
	if def, err := m.scalarI32(pKT + "Encode/SparseToDense/default_value"); err != nil || def != -1 {
		return nil, fmt.Errorf("SparseToDense default %d (%v), want -1", def, err)
	}
	maskBias, err := m.scalarF32(pTS + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul/y")
	if err != nil {
		return nil, err
	}
	l2Floor, err := m.scalarF32("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y")
	if err != nil {
		return nil, err
	}
	emb, err := m.f32("module/Embeddings_en", vocabRows, 256)
	if err != nil {
		return nil, err
	}
	inv, err := m.f32(pTS+"Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", 1, 128)
	if err != nil {
		return nil, err
	}
	var layers []layerSpec
	for l := range 2 {
		s, err := readLayer(m, l)
		if err != nil {
			return nil, err
		}
		layers = append(layers, s)
	}
	if layers[0].in != 256 || 2*int64(len(inv)) != layers[0].in || layers[0].out != layers[1].in || layers[1].out != Dim {
		return nil, fmt.Errorf("layer widths %d→%d, %d→%d with timing %d, want 256→512, 512→512 and 128",
			layers[0].in, layers[0].out, layers[1].in, layers[1].out, len(inv))
	}

	b := &graphBuilder{g: onnx.Graph{Name: "universal_sentence_encoder_lite"}, int8: int8}
	b.g.Inputs = []onnx.ValueInfo{
		{Name: "input_ids", ElemType: onnx.Int64, Dims: []int64{-1, -1}, Params: []string{"batch", "sequence"}},
		{Name: "attention_mask", ElemType: onnx.Int64, Dims: []int64{-1, -1}, Params: []string{"batch", "sequence"}},
	}
	b.g.Outputs = []onnx.ValueInfo{
		{Name: "sentence_embedding", ElemType: onnx.Float, Dims: []int64{-1, Dim}, Params: []string{"batch", ""}},
	}
	axis := func(name string, v int64) onnx.Attr { return onnx.AttrInt(name, v) }

	// Token mask as float [b, l] and the attention bias [b, 1, 1, l].
	mask := b.op("Cast", []string{"attention_mask"}, axis("to", onnx.Float))
	one := b.scalarF("one", 1)
	bias := b.op("Mul", []string{b.op("Sub", []string{one, mask}), b.scalarF("mask_bias", maskBias)})
	bias = b.op("Unsqueeze", []string{bias, b.ints("axes_1_2", 1, 2)})

	// 2·E[id] + timing signal.
	emb2 := make([]float32, len(emb))
	for i, v := range emb {
		emb2[i] = 2 * v
	}
	x := b.op("Gather", []string{b.f32("token_embedding_x2", []int64{vocabRows, 256}, emb2), "input_ids"}, axis("axis", 0))
	seqLen := b.op("Shape", []string{"input_ids"}, axis("start", 1), axis("end", 2))
	seqLen = b.op("Squeeze", []string{seqLen, b.ints("axes_0", 0)})
	pos := b.op("Range", []string{b.scalarI("zero_i64", 0), seqLen, b.scalarI("one_i64", 1)})
	pos = b.op("Cast", []string{pos}, axis("to", onnx.Float))
	pos = b.op("Unsqueeze", []string{pos, b.ints("axes_1", 1)})
	angles := b.op("Mul", []string{pos, b.f32("inv_timescales", []int64{1, int64(len(inv))}, inv)})
	timing := b.op("Concat", []string{b.op("Sin", []string{angles}), b.op("Cos", []string{angles})}, axis("axis", 1))
	x = b.op("Add", []string{x, timing})

	for l, s := range layers {
		if x, err = emitLayer(b, m, l, s, x, bias); err != nil {
			return nil, err
		}
	}

	// Masked mean over tokens, dense + tanh, l2 normalisation.
	sum := b.op("ReduceSum", []string{b.op("Mul", []string{x, b.op("Unsqueeze", []string{mask, b.ints("axes_2", 2)})}), b.ints("axes_1r", 1)}, axis("keepdims", 0))
	count := b.op("Max", []string{b.op("ReduceSum", []string{mask, "axes_1r"}, axis("keepdims", 1)), one})
	pooled := b.op("Div", []string{sum, count})
	tw, err := m.f32("module/Encoder_en/hidden_layers/tanh_layer_0/weights", Dim, Dim)
	if err != nil {
		return nil, err
	}
	tb, err := m.f32("module/Encoder_en/hidden_layers/tanh_layer_0/bias", Dim)
	if err != nil {
		return nil, err
	}
	t := b.op("Tanh", []string{b.linear(pooled, b.f32("tanh.weight", []int64{Dim, Dim}, tw), b.f32("tanh.bias", []int64{Dim}, tb))})
	ss := b.op("ReduceSum", []string{b.op("Mul", []string{t, t}), "axes_1r"}, axis("keepdims", 1))
	norm := b.op("Sqrt", []string{b.op("Max", []string{ss, b.scalarF("l2_floor", l2Floor)})})
	b.named("sentence_embedding", "Div", []string{t, norm})
	return &b.g, nil
}

// emitLayer appends transformer layer l (pre-norm attention, then pre-norm
// FFN, each with a residual) and returns its output.
func emitLayer(b *graphBuilder, m *tfjsModel, l int, s layerSpec, x, bias string) (string, error) {
	var errs []error
	w := func(onnxName, tfName string, shape ...int64) string {
		v, err := m.f32(tfName, shape...)
		if err != nil {
			errs = append(errs, err)
			return ""
		}
		// A 1×1 Conv2D kernel [1, 1, in, out] is the [in, out] matrix.
		if len(shape) == 4 {
			shape = shape[2:]
		}
		if len(shape) == 2 {
			return b.matrix(fmt.Sprintf("l%d.%s", l, onnxName), shape, v)
		}
		return b.f32(fmt.Sprintf("l%d.%s", l, onnxName), shape, v)
	}
	enc, mha := s.tfEnc, s.tfEnc+"MultiheadAttention/"
	ln1s := w("ln_attn.scale", enc+"layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat", s.in)
	ln1b := w("ln_attn.bias", enc+"layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat", s.in)
	qkvW := w("qkv.weight", pW+fmt.Sprintf("Layer_%d/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0", l), 1, 1, s.in, 3*s.in)
	qkvB := w("qkv.bias", mha+"qkv_transform_single/bias/ConcatPartitions/concat", 3*s.in)
	oW := w("attn_out.weight", pW+fmt.Sprintf("Layer_%d/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0", l), 1, 1, s.in, s.out)
	oB := w("attn_out.bias", mha+"output_transform_single/bias/ConcatPartitions/concat", s.out)
	var resW, resB string
	if s.residual {
		resW = w("residual.weight", enc+"dense/kernel/ConcatPartitions/concat", s.in, s.out)
		resB = w("residual.bias", enc+"dense/bias/ConcatPartitions/concat", s.out)
	}
	ln2s := w("ln_ffn.scale", enc+"FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat", s.out)
	ln2b := w("ln_ffn.bias", enc+"FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat", s.out)
	f1W := w("ffn1.weight", s.tfL+"FFN/conv1/Tensordot/Reshape_1", s.out, s.ffn)
	f1B := w("ffn1.bias", enc+"FFN/conv1/bias/ConcatPartitions/concat", s.ffn)
	f2W := w("ffn2.weight", s.tfL+"FFN/conv2/Tensordot/Reshape_1", s.ffn, s.out)
	f2B := w("ffn2.bias", enc+"FFN/conv2/bias/ConcatPartitions/concat", s.out)
	if len(errs) > 0 {
		return "", errors.Join(errs...)
	}
	lnAttrs := []onnx.Attr{onnx.AttrInt("axis", -1), onnx.AttrFloat("epsilon", s.lnEps)}

	// Attention sublayer.
	h := b.op("LayerNormalization", []string{x, ln1s, ln1b}, lnAttrs...)
	qkv := b.linear(h, qkvW, qkvB)
	parts := b.opN("Split", 3, []string{qkv, b.ints(fmt.Sprintf("l%d.split", l), s.in, s.in, s.in)}, onnx.AttrInt("axis", 2))
	headShape := b.ints(fmt.Sprintf("l%d.head_shape", l), 0, 0, s.heads, s.dh)
	heads := func(t string, perm ...int64) string {
		return b.op("Transpose", []string{b.op("Reshape", []string{t, headShape})}, onnx.AttrInts("perm", perm...))
	}
	q := b.op("Mul", []string{heads(parts[0], 0, 2, 1, 3), b.scalarF(fmt.Sprintf("l%d.q_scale", l), s.scale)})
	kT := heads(parts[1], 0, 2, 3, 1)
	v := heads(parts[2], 0, 2, 1, 3)
	scores := b.op("Add", []string{b.op("MatMul", []string{q, kT}), bias})
	probs := b.op("Softmax", []string{scores}, onnx.AttrInt("axis", -1))
	ctx := b.op("Transpose", []string{b.op("MatMul", []string{probs, v})}, onnx.AttrInts("perm", 0, 2, 1, 3))
	ctx = b.op("Reshape", []string{ctx, b.ints(fmt.Sprintf("l%d.merge_shape", l), 0, 0, s.in)})
	attn := b.linear(ctx, oW, oB)
	res := x
	if s.residual {
		res = b.linear(x, resW, resB)
	}
	x = b.op("Add", []string{attn, res})

	// FFN sublayer.
	h = b.op("LayerNormalization", []string{x, ln2s, ln2b}, lnAttrs...)
	f := b.linear(b.op("Relu", []string{b.linear(h, f1W, f1B)}), f2W, f2B)
	return b.op("Add", []string{f, x}), nil
}

// fileSHA256 is the hex sha256 of the file at p.
func fileSHA256(p string) (string, error) {
	sum, err := fetch.FileSHA256(p)
	if err != nil {
		return "", fmt.Errorf("use: hash %s: %w", p, err)
	}
	return sum, nil
}
