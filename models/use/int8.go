package use

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"quire/models/fetch"
)

// Int8SHA256 is the sha256 of the graph Int8Graph builds from the pinned
// package: like ConvertedSHA256, it proves the sources and the converter
// are the ones measured.
const Int8SHA256 = "8e7b1b6ccf9b854c8a00e661d162c30bd86ceb261162e26caffe49f8e270fa8f"

// Int8File is where New keeps the int8 graph beside model.onnx, once
// built, so that later loads read it (hashing 14 MB) instead of
// building it again (reading 27 MB of TF.js weights and quantising
// them: seconds on a busy machine).
const Int8File = "model.int8.onnx"

// int8Model returns the int8 graph of the model in modelDir: Int8File
// when it holds exactly the graph Int8SHA256 names, else Int8Graph's,
// which it then writes there for the next time (a failure to write only
// costs the next load the build).
func int8Model(modelDir string) ([]byte, error) {
	p := filepath.Join(modelDir, Int8File)
	if data, err := os.ReadFile(p); err == nil && sha256Hex(data) == Int8SHA256 {
		return data, nil
	}
	data, err := Int8Graph(modelDir)
	if err != nil {
		return nil, err
	}
	_ = writeAtomic(p, data)
	return data, nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Int8Graph builds the model's ONNX graph from the TF.js files in
// modelDir, in memory, with the transformer's weight matrices (the
// attention's qkv and output, the first layer's residual projection,
// the FFNs: 96 % of the multiply-adds at 128 pieces) as int8 with one
// scale per output column, and checks it against Int8SHA256 (a mismatch
// wraps fetch.ErrChecksum). The token embeddings, the attention
// products and the final tanh layer stay float32.
//
// Why int8 (Options.Int8, on by default in package models): onnxruntime
// runs these products about twice as fast with int8 kernels, and the
// vectors stay the model's. Measured on the 5,183 SciFact abstracts:
// cosine of int8 to float32 vectors min 0.9988, mean 0.9994; SciFact
// nDCG@10 dense 0.2226 → 0.2241, hybrid 0.6663 → 0.6650.
//
// Cost: reading the 27 MB of TF.js weights and building the graph:
// 1.5–3 s at a load average of 10–13. New does it once (Int8File).
func Int8Graph(modelDir string) ([]byte, error) {
	g, err := buildGraph(modelDir, true)
	if err != nil {
		return nil, err
	}
	data := g.Marshal()
	if got := sha256Hex(data); got != Int8SHA256 {
		return nil, fmt.Errorf("%w: the int8 graph built from %s has sha256 %s, want Int8SHA256 %s", fetch.ErrChecksum, modelDir, got, Int8SHA256)
	}
	return data, nil
}

// quantize maps w ([rows, cols], row-major) to int8 with one symmetric
// scale per column, max |w| of the column over 127, so that every
// column keeps its own range.
func quantize(w []float32, rows, cols int) ([]int8, []float32) {
	scales := make([]float32, cols)
	for c := range cols {
		var m float64
		for r := range rows {
			m = math.Max(m, math.Abs(float64(w[r*cols+c])))
		}
		scales[c] = float32(m / 127)
		if m == 0 {
			scales[c] = 1
		}
	}
	q := make([]int8, len(w))
	for i, v := range w {
		x := math.Round(float64(v) / float64(scales[i%cols]))
		q[i] = int8(math.Max(-127, math.Min(127, x)))
	}
	return q, scales
}
