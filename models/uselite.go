package models

import (
	"path/filepath"

	"quire/models/onnx"
	"quire/models/use"
)

// UseName is the manifest's name of the built-in embedder, the Universal
// Sentence Encoder Lite (from the npm registry, converted to ONNX once).
// It is an ordinary entry of the manifest; the name is for tests and
// benchmarks that want that model.
const UseName = "use-lite"

// loadUse loads a "use"-format embedder (use-lite), int8 unless
// opts.UseFloat32: about twice the chunks a second, and retrieval as good
// (see use.Int8Graph). The vectors keep the model's name: int8 and
// float32 vectors are within cosine 0.998 of each other, so a library
// embedded by either is searched as well by the other, and is not
// embedded again.
func (s *Set) loadUse(opts Options, m Model, _ string) error {
	e, err := use.New(filepath.Join(opts.Dir, m.Name), use.Options{Threads: opts.Threads, Int8: !opts.UseFloat32,
		Runtime: onnx.RuntimeOptions{ModelsDir: opts.Dir, Logger: opts.Logger}})
	if err != nil {
		return err
	}
	s.closers = append(s.closers, e.Close)
	s.Models.Embedder = e
	return nil
}
