// Package generated loads the random-weight models of package onnxgen as
// a models.Set, for benchmarks (quire bench, --generated-models) and
// tests. It stands apart so that package models, the catalogue and loader
// of the real models, does not import the test-model generator.
package generated

import (
	"fmt"
	"os"
	"path/filepath"

	"quire/models"
	"quire/models/bert"
	"quire/models/onnx"
	"quire/models/onnxgen"
)

// Name names the models Load makes (the folder under its dir).
const Name = "generated-minilm-l6"

// Load writes (once) and loads MiniLM-L6-shaped models with seeded
// random weights: an embedder and a cross-encoder (both int8 when opts.Int8)
// that run the real code paths at the real cost, for tests and
// benchmarks on machines that cannot download the real weights. Their
// scores mean nothing. tiny selects a small configuration for fast tests.
func Load(dir string, tiny bool, opts models.Options) (*models.Set, error) {
	cfg, name := onnxgen.MiniLML6(1), Name
	if tiny {
		cfg, name = onnxgen.Tiny(1), "generated-tiny"
	}
	sub := filepath.Join(dir, name)
	paths := []string{
		filepath.Join(sub, onnxgen.EncoderFile),
		filepath.Join(sub, onnxgen.CrossEncoderFile),
		filepath.Join(sub, onnxgen.CrossEncoderInt8File),
		filepath.Join(sub, onnxgen.EncoderInt8File),
	}
	if _, err := os.Stat(paths[3]); err != nil {
		if paths, err = onnxgen.WriteModels(sub, cfg); err != nil {
			return nil, fmt.Errorf("generate models: %w", err)
		}
	}
	rt, err := onnx.InitRuntime(onnx.RuntimeOptions{ModelsDir: opts.Dir, Logger: opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("generated models: %w", err)
	}
	vocab, err := models.WriteVocab(dir)
	if err != nil {
		return nil, err
	}
	enc, ce := paths[0], paths[1]
	if opts.Int8 {
		enc, ce = paths[3], paths[2]
	}
	e, err := bert.NewEmbedder(bert.EmbedderConfig{ModelPath: enc, VocabPath: vocab,
		Pooling: bert.PoolMean, MaxLen: 256, Threads: opts.Threads})
	if err != nil {
		return nil, fmt.Errorf("generated embedder: %w", err)
	}
	r, err := bert.NewReranker(bert.RerankerConfig{ModelPath: ce, VocabPath: vocab, MaxLen: 512, Threads: opts.Threads})
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("generated reranker: %w", err)
	}
	st := models.Status{Runtime: rt.Path + " " + rt.Version,
		Embedder: name + " (random weights)", Reranker: name + " (random weights)"}
	return models.NewSet(models.Roles{Embedder: e, EmbedderName: name, Reranker: r}, st, e.Close, r.Close), nil
}
