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
)

//go:embed manifest.json
var manifestJSON []byte

// Model is one supported model, pinned to a repository revision, and
// always to the sha256 of each file: Pull and Import refuse other bytes.
type Model struct {
	Name     string `json:"name"`
	Role     string `json:"role"` // "embedder" or "reranker"
	Default  bool   `json:"default,omitempty"`
	Title    string `json:"title"`
	Repo     string `json:"repo"`
	Revision string `json:"revision"` // a commit, or a branch when Note says why (see PinnedRevision)
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
}

// File is one pinned file of a model.
type File struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	Role   string `json:"role"` // "model" or "tokenizer"
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

// Size is the model's download size in bytes.
func (m Model) Size() int64 {
	var n int64
	for _, f := range m.Files {
		n += f.Bytes
	}
	return n
}

// Manifest is the list of models Quire knows.
type Manifest struct {
	// Notes record choices about the list as a whole, such as models
	// considered and rejected.
	Notes  []string `json:"notes,omitempty"`
	Models []Model  `json:"models"`
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
