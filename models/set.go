package models

// Load puts the models installed on this machine to use and says in plain
// words what is missing. Without models Quire still works, with BM25 and
// extractive answers; Load never fails for want of models.

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	"quire/models/bert"
	"quire/models/onnx"
)

// bertVocab is bert-base-uncased's WordPiece vocabulary (sha256
// 07eced37…), the one all-MiniLM-L6-v2, bge-small-en-v1.5 and
// ms-marco-MiniLM-L-6-v2 use. Apache-2.0, from google-research/bert.
//
//go:embed bert-base-uncased-vocab.txt
var bertVocab []byte

// Options say where models are and how to run them.
type Options struct {
	Dir     string // models directory
	Threads int    // onnxruntime threads per session (default: $QUIRE_THREADS, else all cores)
	// Int8 prefers the quantised variant of each model when installed.
	Int8 bool
	// UseFloat32 runs use-lite's weight matrices in float32 rather than
	// int8 (default: $QUIRE_USE_FP32=1); see use.Options.Int8.
	UseFloat32 bool
	// Choice overrides the choice saved in Dir (see ReadChoice).
	Choice *Choice
	Logger *slog.Logger
}

// Set is the loaded models. Close it when done.
type Set struct {
	Models  Roles
	Status  Status
	closers []func() error
}

// Embedder turns texts into vectors. (Package search defines the seam it
// fills; models does not import search, so the seams are restated here.)
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Reranker scores (query, passage) pairs; higher is more relevant.
type Reranker interface {
	Rerank(ctx context.Context, query string, passages []string) ([]float32, error)
}

// Roles is what a Set puts to use, field for field what search.Models
// takes (the library hands them over).
type Roles struct {
	Embedder     Embedder // nil: none
	EmbedderName string   // the name stored with each document's vectors
	Reranker     Reranker // nil: none
	// AbstainLogit, when set, is the reranker logit below which the best
	// hit is too weak to answer from, calibrated per model.
	AbstainLogit *float64
	// Fusion and WeightDense are the fusion the embedder does best with.
	Fusion      string
	WeightDense float64
}

// Status says what is in use.
type Status struct {
	Embedder string `json:"embedder,omitempty"` // model name, "" if none
	Reranker string `json:"reranker,omitempty"`
	Runtime  string `json:"runtime,omitempty"` // onnxruntime library and version
	// Problem explains, in plain words, why models are not in use.
	Problem string `json:"problem,omitempty"`
	// Off: both roles were turned off by choice.
	Off bool `json:"off,omitempty"`
	// Builtin names the built-in embedder in use ("title, licence"), if
	// that is the one.
	Builtin string `json:"builtin,omitempty"`
}

// Semantic reports whether dense retrieval or reranking is on.
func (s Status) Semantic() bool { return s.Embedder != "" || s.Reranker != "" }

// Banner is the one line the window shows about search quality.
func (s Status) Banner() string {
	switch {
	case s.Builtin != "" && s.Reranker == "":
		return "Semantic search is on with the built-in embedder: " + s.Builtin + "."
	case s.Embedder != "" && s.Reranker != "":
		return fmt.Sprintf("Semantic search is on (%s, reranked by %s).", s.Embedder, s.Reranker)
	case s.Semantic():
		return fmt.Sprintf("Semantic search is on (%s%s).", s.Embedder, s.Reranker)
	case s.Problem != "":
		return "Keyword search is on. " + s.Problem
	case s.Off:
		return "Keyword search is on: the semantic models are turned off in Settings."
	default:
		return "Keyword search is on. Add the semantic models for better answers."
	}
}

// NewSet is a Set of models loaded elsewhere (package generated's), that
// closers release.
func NewSet(r Roles, st Status, closers ...func() error) *Set {
	return &Set{Models: r, Status: st, closers: closers}
}

// Close releases the sessions.
func (s *Set) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c())
	}
	return errors.Join(errs...)
}

// Load loads the models chosen in the models folder (see Choice): by
// default the installed default models, or failing that any installed
// model of each role. A missing model or runtime is reported in Status,
// not as an error; an error means an installed model could not be used.
func Load(opts Options) (*Set, error) {
	man, err := Builtin()
	if err != nil {
		return &Set{}, err
	}
	return LoadFrom(opts, man)
}

// LoadFrom is Load with another manifest.
func LoadFrom(opts Options, man Manifest) (*Set, error) {
	if opts.Threads <= 0 {
		// Leaving cores to the rest of the laptop is the user's call.
		opts.Threads, _ = strconv.Atoi(os.Getenv("QUIRE_THREADS"))
	}
	if !opts.UseFloat32 {
		opts.UseFloat32 = os.Getenv("QUIRE_USE_FP32") == "1"
	}
	set := &Set{}
	c := Choice{}
	if opts.Choice != nil {
		c = *opts.Choice
	} else if saved, err := ReadChoice(opts.Dir); err != nil {
		logger(opts).Warn("model choice not read; choosing automatically", "err", err)
	} else {
		c = saved
	}
	sts, err := Present(opts.Dir, man)
	if err != nil {
		return set, err
	}
	// The built-in embedder serves unless a Hugging Face one, an
	// upgrade, is installed (or it is chosen).
	embP, rrP := resolve(sts, c, opts.Int8)
	for _, x := range []struct{ chosen, got string }{{c.Embedder, embP.name}, {c.Reranker, rrP.name}} {
		if x.chosen != "" && x.chosen != None && x.chosen != x.got {
			logger(opts).Warn("chosen model not installed; choosing automatically", "chosen", x.chosen, "using", x.got)
		}
	}
	emb, rr := embP.model, rrP.model
	if emb == nil && rr == nil {
		set.Status.Off = c.Embedder == None && c.Reranker == None
		return set, nil
	}
	rt, err := onnx.InitRuntime(onnx.RuntimeOptions{ModelsDir: opts.Dir, Logger: opts.Logger})
	if err != nil {
		if errors.Is(err, onnx.ErrRuntimeMissing) || errors.Is(err, onnx.ErrRuntimeVersion) {
			set.Status.Problem = "The models are installed but the onnxruntime library is missing: " + err.Error()
			return set, nil
		}
		return set, fmt.Errorf("load models: %w", err)
	}
	set.Status.Runtime = rt.Path + " " + rt.Version
	vocab, err := WriteVocab(opts.Dir)
	if err != nil {
		return set, err
	}
	if emb != nil {
		if err := set.loadEmbedder(opts, *emb, vocab); err != nil {
			set.Close()
			return &Set{}, err
		}
	}
	if rr != nil {
		if err := set.loadReranker(opts, *rr, vocab); err != nil {
			set.Close()
			return &Set{}, err
		}
	}
	return set, nil
}

// pick chooses the model of a role to use among the installed ones: a
// fallback only when nothing else is installed, the default first,
// quantised variants only when asked for.
func pick(sts []Installation, role string, int8 bool) *Model {
	var best *Model
	rank := func(m Model) int {
		r := 0
		if !m.Fallback {
			r += 8
		}
		if m.Default {
			r += 2
		}
		if isInt8(m) == int8 {
			r += 3
		}
		return r
	}
	for i := range sts {
		m := sts[i].Model
		if !sts[i].Installed || m.Role != role {
			continue
		}
		if best == nil || rank(m) > rank(*best) {
			best = &sts[i].Model
		}
	}
	return best
}

func logger(opts Options) *slog.Logger {
	if opts.Logger != nil {
		return opts.Logger
	}
	return slog.Default()
}

func isInt8(m Model) bool {
	for _, f := range m.Files {
		if f.Role == "model" && filepath.Base(f.Path) == "model_quantized.onnx" {
			return true
		}
	}
	return false
}

func modelFile(dir string, m Model) string {
	for _, f := range m.Files {
		if f.Role == "model" {
			return Path(dir, m, f)
		}
	}
	return ""
}

// loadEmbedder loads m as its format says and takes its fusion.
func (s *Set) loadEmbedder(opts Options, m Model, vocab string) error {
	load := s.loadBERT
	if m.Format == "use" {
		load = s.loadUse
	}
	if err := load(opts, m, vocab); err != nil {
		return fmt.Errorf("load %s: %w", m.Name, err)
	}
	s.Models.EmbedderName = m.Name
	s.Models.Fusion, s.Models.WeightDense = m.Fusion, m.WeightDense
	s.Status.Embedder = m.Name
	if m.Builtin() {
		s.Status.Builtin = m.Title + ", " + m.Licence
	}
	return nil
}

// loadBERT loads a BERT-style embedder (WordPiece, mean or CLS pooling).
func (s *Set) loadBERT(opts Options, m Model, vocab string) error {
	cfg := bert.EmbedderConfig{ModelPath: modelFile(opts.Dir, m), VocabPath: vocab, MaxLen: m.MaxLength,
		QueryPrefix: m.QueryPrefix, PassagePrefix: m.DocPrefix, Threads: opts.Threads,
		Runtime: onnx.RuntimeOptions{ModelsDir: opts.Dir, Logger: opts.Logger}}
	if m.Pooling == "cls" {
		cfg.Pooling = bert.PoolCLS
	}
	e, err := bert.NewEmbedder(cfg)
	if err != nil {
		return err
	}
	s.closers = append(s.closers, e.Close)
	s.Models.Embedder = e
	return nil
}

func (s *Set) loadReranker(opts Options, m Model, vocab string) error {
	r, err := bert.NewReranker(bert.RerankerConfig{ModelPath: modelFile(opts.Dir, m), VocabPath: vocab,
		MaxLen: m.MaxLength, Threads: opts.Threads, Runtime: onnx.RuntimeOptions{ModelsDir: opts.Dir, Logger: opts.Logger}})
	if err != nil {
		return fmt.Errorf("load %s: %w", m.Name, err)
	}
	s.closers = append(s.closers, r.Close)
	s.Models.Reranker = r
	s.Models.AbstainLogit = m.AbstainLogit
	s.Status.Reranker = m.Name
	return nil
}

// WriteVocab puts the built-in vocabulary (bert-base-uncased WordPiece)
// in the models directory, unless it is there, and returns its path: the
// tokenizer reads it from a file.
func WriteVocab(dir string) (string, error) {
	p := filepath.Join(dir, "bert-base-uncased-vocab.txt")
	if data, err := os.ReadFile(p); err == nil && string(data) == string(bertVocab) {
		return p, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("write vocabulary: %w", err)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, bertVocab, 0o644); err != nil {
		return "", fmt.Errorf("write vocabulary: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return "", fmt.Errorf("write vocabulary: %w", err)
	}
	return p, nil
}

// DefaultDir is where a library's models live: $QUIRE_MODELS, else the
// models folder inside the library directory.
func DefaultDir(libraryDir string) string {
	if d := os.Getenv("QUIRE_MODELS"); d != "" {
		return d
	}
	return filepath.Join(libraryDir, "models")
}
