package models

import (
	"fmt"
	"os"
	"path/filepath"

	"quire/models/bert"
	"quire/models/onnx"
	"quire/models/onnxgen"
)

// GeneratedName names the models LoadGenerated makes.
const GeneratedName = "generated-minilm-l6"

// LoadGenerated writes (once) and loads MiniLM-L6-shaped models with
// seeded random weights: an embedder and a cross-encoder (int8 when
// opts.Int8) that run the real code paths at the real cost, for tests and
// benchmarks on machines that cannot download the real weights. Their
// scores mean nothing. tiny selects a small configuration for fast tests.
func LoadGenerated(dir string, tiny bool, opts Options) (*Set, error) {
	cfg, name := onnxgen.MiniLML6(1), GeneratedName
	if tiny {
		cfg, name = onnxgen.Tiny(1), "generated-tiny"
	}
	sub := filepath.Join(dir, name)
	paths := []string{
		filepath.Join(sub, onnxgen.EncoderFile),
		filepath.Join(sub, onnxgen.CrossEncoderFile),
		filepath.Join(sub, onnxgen.CrossEncoderInt8File),
	}
	if _, err := os.Stat(paths[2]); err != nil {
		if paths, err = onnxgen.WriteModels(sub, cfg); err != nil {
			return nil, fmt.Errorf("generate models: %w", err)
		}
	}
	rt, err := onnx.InitRuntime(onnx.RuntimeOptions{ModelsDir: opts.Dir, Logger: opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("generated models: %w", err)
	}
	vocab, err := writeVocab(dir)
	if err != nil {
		return nil, err
	}
	set := &Set{Status: Status{Runtime: rt.Path + " " + rt.Version}}
	e, err := bert.NewEmbedder(bert.EmbedderConfig{ModelPath: paths[0], VocabPath: vocab,
		Pooling: bert.PoolMean, MaxLen: 256, Threads: opts.Threads})
	if err != nil {
		return nil, fmt.Errorf("generated embedder: %w", err)
	}
	set.closers = append(set.closers, e.Close)
	ce := paths[1]
	if opts.Int8 {
		ce = paths[2]
	}
	r, err := bert.NewReranker(bert.RerankerConfig{ModelPath: ce, VocabPath: vocab, MaxLen: 512, Threads: opts.Threads})
	if err != nil {
		set.Close()
		return nil, fmt.Errorf("generated reranker: %w", err)
	}
	set.closers = append(set.closers, r.Close)
	set.Models = Roles{Embedder: e, EmbedderName: name, Reranker: r}
	set.Status.Embedder, set.Status.Reranker = name+" (random weights)", name+" (random weights)"
	return set, nil
}
