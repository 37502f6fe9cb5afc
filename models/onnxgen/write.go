package onnxgen

import (
	"fmt"
	"os"
	"path/filepath"

	"quire/models/onnx"
)

// File names WriteModels uses inside its directory.
const (
	EncoderFile          = "encoder.onnx"
	CrossEncoderFile     = "cross_encoder.onnx"
	CrossEncoderInt8File = "cross_encoder_int8.onnx"
	EncoderInt8File      = "encoder_int8.onnx"
)

// WriteModels writes the encoder, the cross-encoder, its int8 variant and
// the encoder's int8 variant for c into dir (created if needed) and
// returns their paths in that order.
// Each file is written to a temporary name and renamed, so a reader never
// sees half a model. Cost: about 2× the model's weights in memory while
// one graph is encoded; the MiniLM-L6 set is about 265 MB on disk.
func WriteModels(dir string, c Config) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("onnxgen: %w", err)
	}
	enc, err := Encoder(c, false)
	if err != nil {
		return nil, err
	}
	enc8, err := Encoder(c, true)
	if err != nil {
		return nil, err
	}
	ce, err := CrossEncoder(c, false)
	if err != nil {
		return nil, err
	}
	ce8, err := CrossEncoder(c, true)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range []struct {
		name string
		g    *onnx.Graph
	}{{EncoderFile, enc}, {CrossEncoderFile, ce}, {CrossEncoderInt8File, ce8}, {EncoderInt8File, enc8}} {
		p := filepath.Join(dir, f.name)
		if err := onnx.WriteFile(p, f.g); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
