package use

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	ort "github.com/yalue/onnxruntime_go"

	"quire/models/fetch"
	"quire/models/onnx"
	"quire/models/window"
)

// ErrClosed is returned by calls on a closed Embedder.
var ErrClosed = errors.New("use: embedder closed")

// Options configure an Embedder. Zero values mean the defaults.
type Options struct {
	// MaxLen is the number of pieces the model sees at a time. Default
	// DefaultMaxLen (128), the TF.js graph's own clip, at which vectors
	// match the reference. Up to MaxMaxLen is accepted, but past 128 the
	// model runs on positions it never saw.
	MaxLen int
	// Windows embeds a text longer than MaxLen pieces as overlapping
	// windows of MaxLen pieces and averages them (window.Mean), instead
	// of its first MaxLen pieces as the TF.js graph does. Off by default,
	// measured: over the Northwind set (50 questions) windows cost 2.4×
	// the embedding CPU (ingest, 31.0 s against 12.9 s) and left hybrid
	// retrieval as it was (page hit@5 0.720 both, MRR@5 0.561 against
	// 0.562); dense alone gained recall@20 (0.64 against 0.44) but lost at
	// the top (hit@1 0.14 against 0.18).
	Windows bool
	// BatchSize is the number of texts per onnxruntime call (default 32).
	BatchSize int
	// Threads is onnxruntime's intra-op threads (default: one per core).
	Threads int
	// Int8 runs the transformer's weight matrices in int8 (Int8Graph):
	// about twice the throughput, vectors within cosine 0.998 of float32.
	Int8 bool
	// Runtime says where to find the onnxruntime library.
	Runtime onnx.RuntimeOptions
}

// Embedder embeds texts with the converted Universal Sentence Encoder
// Lite: one onnxruntime session, created once. It is safe for concurrent
// use; concurrent calls share the session and its thread pool. Vectors are
// Dim long and L2-normalised, and in float32 a text's vector does not
// depend on what it is batched with (int8 quantises a product's input
// with one scale per batch: a vector moves within cosine 0.999). Embed and EmbedQuery agree: the model has no query
// prefix. Call Close when done.
type Embedder struct {
	opts Options
	tok  *Tokenizer
	path string

	mu     sync.RWMutex // Close waits for running calls
	s      *ort.DynamicAdvancedSession
	closed bool
}

// New loads the onnxruntime library if needed (onnx.InitRuntime with
// opts.Runtime), modelDir/vocab.json and modelDir/model.onnx. It checks
// model.onnx against model.onnx.sha256 (written by Convert) and
// ConvertedSHA256, so that a damaged or stale cache fails here rather than
// giving wrong vectors; missing files give an error wrapping
// ErrModelMissing, a mismatch one wrapping ErrChecksum. With opts.Int8
// the session runs the graph Int8Graph builds from model.json and its
// shards instead, kept in Int8File for the next time. Cost: hashing and
// loading 28 MB, well under a second (int8, the first time: building the
// graph too).
func New(modelDir string, opts Options) (*Embedder, error) {
	if opts.MaxLen == 0 {
		opts.MaxLen = DefaultMaxLen
	}
	if opts.MaxLen < 1 || opts.MaxLen > MaxMaxLen {
		return nil, fmt.Errorf("use: MaxLen %d outside 1..%d", opts.MaxLen, MaxMaxLen)
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 32
	}
	if opts.Threads <= 0 {
		opts.Threads = runtime.NumCPU()
	}
	path := filepath.Join(modelDir, ONNXFile)
	want, err := readSHA256File(path + ".sha256")
	if err != nil {
		return nil, fmt.Errorf("%w: %v (install the model)", ErrModelMissing, err)
	}
	got, err := fileSHA256(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v (install the model)", ErrModelMissing, err)
	}
	if got != want {
		return nil, fmt.Errorf("%w: %s has sha256 %s, its .sha256 says %s", fetch.ErrChecksum, path, got, want)
	}
	if got != ConvertedSHA256 {
		return nil, fmt.Errorf("%w: %s (sha256 %s) is not this version's conversion %s; install the model again", fetch.ErrChecksum, path, got, ConvertedSHA256)
	}
	tok, err := LoadTokenizer(filepath.Join(modelDir, VocabFile))
	if err != nil {
		return nil, err
	}
	if tok.VocabSize() > vocabRows {
		return nil, fmt.Errorf("use: vocabulary has %d pieces, the model's table %d rows", tok.VocabSize(), vocabRows)
	}
	if _, err := onnx.InitRuntime(opts.Runtime); err != nil {
		return nil, err
	}
	s, err := openSession(modelDir, path, opts)
	if err != nil {
		return nil, err
	}
	return &Embedder{opts: opts, tok: tok, path: path, s: s}, nil
}

// openSession loads the model: path, or with opts.Int8 the int8 graph
// built from the TF.js files in modelDir.
func openSession(modelDir, path string, opts Options) (*ort.DynamicAdvancedSession, error) {
	so, err := sessionOptions(opts.Threads)
	if err != nil {
		return nil, err
	}
	defer so.Destroy()
	in, out := []string{"input_ids", "attention_mask"}, []string{"sentence_embedding"}
	var s *ort.DynamicAdvancedSession
	if opts.Int8 {
		var g []byte
		if g, err = int8Model(modelDir); err != nil {
			return nil, err
		}
		s, err = ort.NewDynamicAdvancedSessionWithONNXData(g, in, out, so)
	} else {
		s, err = ort.NewDynamicAdvancedSession(path, in, out, so)
	}
	if err != nil {
		return nil, fmt.Errorf("use: load %s (int8 %v): %w", path, opts.Int8, err)
	}
	return s, nil
}

// sessionOptions are the embedder's onnxruntime options: threads per
// core, and no spinning. A question is embedded alone, beside the BM25
// search on the same two cores; onnxruntime's threads spin-wait for work
// after each run and took that CPU from it (growing-library FinanceBench,
// use-lite: p95 42 → 34 ms, CPU 20 → 16 s for 148 questions).
func sessionOptions(threads int) (*ort.SessionOptions, error) {
	so, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("use: session options: %w", err)
	}
	if err := so.SetIntraOpNumThreads(threads); err != nil {
		so.Destroy()
		return nil, fmt.Errorf("use: set threads: %w", err)
	}
	if err := so.SetInterOpNumThreads(1); err != nil {
		so.Destroy()
		return nil, fmt.Errorf("use: set threads: %w", err)
	}
	if err := so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0"); err != nil {
		so.Destroy()
		return nil, fmt.Errorf("use: no spinning: %w", err)
	}
	return so, nil
}

// Tokenizer is the embedder's tokeniser.
func (e *Embedder) Tokenizer() *Tokenizer { return e.tok }

// Options are the options in force, defaults filled in.
func (e *Embedder) Options() Options { return e.opts }

// Embed embeds texts (passages), one vector per text in order. A text
// longer than MaxLen pieces is embedded by its first MaxLen pieces, or,
// with Options.Windows, as overlapping windows of MaxLen pieces
// (window.Windows) whose vectors are averaged, weighted by pieces
// (window.Mean). Texts are grouped by length into batches of
// BatchSize. ctx is checked before each batch. An empty text (no pieces)
// gets the model's vector for no tokens, normalize(tanh(bias)), as in the
// TF.js graph.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return e.embed(ctx, texts, e.opts.BatchSize)
}

// EmbedQuery embeds one query; the model treats queries and passages
// alike.
func (e *Embedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	v, err := e.Embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return v[0], nil
}

func (e *Embedder) embed(ctx context.Context, texts []string, batch int) ([][]float32, error) {
	var ids [][]int64 // one row per window of at most MaxLen pieces
	var owner, pieces []int
	for i, t := range texts {
		p := e.tok.Encode(t)
		ws := window.Windows(len(p), e.opts.MaxLen, window.Overlap(e.opts.MaxLen))
		if !e.opts.Windows {
			ws = ws[:1] // the first window is what truncation keeps
		}
		for _, w := range ws {
			ids = append(ids, p[w.Start:w.End])
			owner = append(owner, i)
			pieces = append(pieces, w.End-w.Start)
		}
	}
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(ids[a]) - len(ids[b]) })
	out := make([][]float32, len(ids))
	for len(order) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("use: embed: %w", err)
		}
		k := min(batch, len(order))
		rows := make([][]int64, k)
		for j, i := range order[:k] {
			rows[j] = ids[i]
		}
		vecs, err := e.run(rows)
		if err != nil {
			return nil, err
		}
		for j, i := range order[:k] {
			out[i] = vecs[j]
		}
		order = order[k:]
	}
	return window.Mean(out, pieces, owner, len(texts)), nil
}

// run embeds one batch of id rows, right-padded with id 0 and mask 0 to
// the longest row (at least 1, so that a batch of empty texts has a
// shape onnxruntime accepts).
func (e *Embedder) run(rows [][]int64) ([][]float32, error) {
	seq := 1
	for _, r := range rows {
		seq = max(seq, len(r))
	}
	n := len(rows)
	idData := make([]int64, n*seq)
	maskData := make([]int64, n*seq)
	for i, r := range rows {
		copy(idData[i*seq:], r)
		for j := range r {
			maskData[i*seq+j] = 1
		}
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	shape := ort.NewShape(int64(n), int64(seq))
	idT, err := ort.NewTensor(shape, idData)
	if err != nil {
		return nil, fmt.Errorf("use: input_ids: %w", err)
	}
	defer idT.Destroy()
	maskT, err := ort.NewTensor(shape, maskData)
	if err != nil {
		return nil, fmt.Errorf("use: attention_mask: %w", err)
	}
	defer maskT.Destroy()
	outT, err := ort.NewEmptyTensor[float32](ort.NewShape(int64(n), Dim))
	if err != nil {
		return nil, fmt.Errorf("use: output: %w", err)
	}
	defer outT.Destroy()
	if err := e.s.Run([]ort.Value{idT, maskT}, []ort.Value{outT}); err != nil {
		return nil, fmt.Errorf("use: run %s: %w", e.path, err)
	}
	data := outT.GetData()
	vecs := make([][]float32, n)
	for i := range vecs {
		v := slices.Clone(data[i*Dim : (i+1)*Dim])
		if !finite(v) {
			return nil, fmt.Errorf("use: %s gave a non-finite vector", e.path)
		}
		vecs[i] = v
	}
	return vecs, nil
}

func finite(v []float32) bool {
	for _, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return false
		}
	}
	return true
}

// Close releases the session after in-flight calls finish; later calls
// return ErrClosed. Idempotent.
func (e *Embedder) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	if err := e.s.Destroy(); err != nil {
		return fmt.Errorf("use: close %s: %w", e.path, err)
	}
	return nil
}
