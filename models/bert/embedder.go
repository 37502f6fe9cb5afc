package bert

import (
	"context"
	"fmt"
	"math"

	"quire/models/onnx"
	"quire/models/window"
)

// Pooling turns per-token hidden states into one vector per text.
type Pooling int

const (
	// PoolMean averages the hidden states of the real (mask 1) tokens:
	// all-MiniLM-L6-v2, e5.
	PoolMean Pooling = iota
	// PoolCLS takes the hidden state of the first ([CLS]) token: bge.
	PoolCLS
)

func (p Pooling) String() string {
	if p == PoolCLS {
		return "cls"
	}
	return "mean"
}

// EmbedderConfig describes a sentence-embedding model and how to run it.
// Zero values mean the defaults.
type EmbedderConfig struct {
	ModelPath string // .onnx file (float or quantised)
	VocabPath string // WordPiece vocab.txt
	Pooling   Pooling
	// QueryPrefix and PassagePrefix are prepended to queries (EmbedQuery)
	// and passages (Embed) before tokenising.
	QueryPrefix   string
	PassagePrefix string
	MaxLen        int // tokens per text, specials included (default 512)
	BatchSize     int // texts per onnxruntime call (default 8: on 2 cores, 256-token chunks run fastest at 1–8)
	Threads       int // intra-op threads (default: one per core)
	Runtime       onnx.RuntimeOptions
	// Arch is the model's shape, used only for FLOP estimates in
	// benchmarks; zero means MiniLM-L6.
	Arch Arch
}

// MiniLMEmbedder is the config of all-MiniLM-L6-v2: mean pooling, no
// prefixes, 256 tokens (its model card's limit).
func MiniLMEmbedder(modelPath, vocabPath string) EmbedderConfig {
	return EmbedderConfig{ModelPath: modelPath, VocabPath: vocabPath, Pooling: PoolMean, MaxLen: 256}
}

// BGESmallEmbedder is the config of bge-small-en-v1.5: CLS pooling, 512
// tokens, queries prefixed with its retrieval instruction.
func BGESmallEmbedder(modelPath, vocabPath string) EmbedderConfig {
	return EmbedderConfig{ModelPath: modelPath, VocabPath: vocabPath, Pooling: PoolCLS, MaxLen: 512,
		QueryPrefix: "Represent this sentence for searching relevant passages: "}
}

// E5SmallEmbedder is the config of e5-small-v2: mean pooling, 512 tokens,
// "query: " and "passage: " prefixes (without them its scores collapse).
func E5SmallEmbedder(modelPath, vocabPath string) EmbedderConfig {
	return EmbedderConfig{ModelPath: modelPath, VocabPath: vocabPath, Pooling: PoolMean, MaxLen: 512,
		QueryPrefix: "query: ", PassagePrefix: "passage: "}
}

// Embedder turns texts into L2-normalised float32 vectors with one
// onnxruntime session, created once. Safe for concurrent use: calls share
// the session and its thread pool (so two concurrent calls each run at
// about half speed). Call Close when done.
//
// Embed embeds passages and satisfies search.Embedder; EmbedQuery embeds a
// question with the model's query prefix. For models without prefixes the
// two agree.
type Embedder struct {
	cfg EmbedderConfig
	tok *Tokenizer
	se  *session
}

// NewEmbedder loads the onnxruntime library if needed (onnx.InitRuntime with
// cfg.Runtime), the vocabulary and the model. The model must take
// input_ids and attention_mask (token_type_ids optional) and give
// last_hidden_state [batch, seq, dim] (pooled here) or sentence_embedding
// [batch, dim] (used as is).
func NewEmbedder(cfg EmbedderConfig) (*Embedder, error) {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 8
	}
	if _, err := onnx.InitRuntime(cfg.Runtime); err != nil {
		return nil, err
	}
	tok, err := NewTokenizer(cfg.VocabPath, TokenizerOptions{MaxLen: cfg.MaxLen})
	if err != nil {
		return nil, err
	}
	se, err := openSession(cfg.ModelPath, cfg.Threads, "last_hidden_state", "sentence_embedding", "token_embeddings")
	if err != nil {
		return nil, err
	}
	return &Embedder{cfg: cfg, tok: tok, se: se}, nil
}

// Tokenizer is the embedder's tokeniser.
func (e *Embedder) Tokenizer() *Tokenizer { return e.tok }

// Config is the configuration in force, defaults filled in.
func (e *Embedder) Config() EmbedderConfig { return e.cfg }

// Embed embeds passages (PassagePrefix prepended), one vector per text in
// order. A text longer than MaxLen tokens is embedded as overlapping
// windows whose vectors are averaged (see longtext.go), so none of it is
// lost. Texts are grouped by length into batches of BatchSize; padding
// does not change a text's vector.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return e.embed(ctx, e.cfg.PassagePrefix, texts)
}

// EmbedQuery embeds one search query with QueryPrefix prepended.
func (e *Embedder) EmbedQuery(ctx context.Context, query string) ([]float32, error) {
	v, err := e.embed(ctx, e.cfg.QueryPrefix, []string{query})
	if err != nil {
		return nil, err
	}
	return v[0], nil
}

// EmbedQueries embeds several queries with QueryPrefix prepended.
func (e *Embedder) EmbedQueries(ctx context.Context, queries []string) ([][]float32, error) {
	return e.embed(ctx, e.cfg.QueryPrefix, queries)
}

func (e *Embedder) embed(ctx context.Context, prefix string, texts []string) ([][]float32, error) {
	rows, owner := e.tok.windowRows(prefix, texts)
	vecs := make([][]float32, len(rows))
	err := runBatches(ctx, e.tok, e.se, rows, e.cfg.BatchSize, func(idx []int, b *Batch, out []float32, shape []int64) error {
		for k, i := range idx {
			v, err := e.pool(b, k, out, shape)
			if err != nil {
				return err
			}
			vecs[i] = normalize(v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("bert: embed: %w", err)
	}
	tokens := make([]int, len(rows))
	for k, r := range rows {
		tokens[k] = len(r.a)
	}
	return window.Mean(vecs, tokens, owner, len(texts)), nil
}

// pool reduces row k of the output to one vector.
func (e *Embedder) pool(b *Batch, k int, out []float32, shape []int64) ([]float32, error) {
	switch len(shape) {
	case 2: // already pooled: [batch, dim]
		d := int(shape[1])
		return append([]float32(nil), out[k*d:(k+1)*d]...), nil
	case 3: // [batch, seq, dim]
	default:
		return nil, fmt.Errorf("%s: output shape %v, want [batch, seq, dim] or [batch, dim]", e.se.path, shape)
	}
	seq, d := int(shape[1]), int(shape[2])
	row := out[k*seq*d : (k+1)*seq*d]
	if e.cfg.Pooling == PoolCLS {
		return append([]float32(nil), row[:d]...), nil
	}
	sum := make([]float64, d)
	var n float64
	for s := range seq {
		if b.Mask[k*b.SeqLen+s] == 0 {
			continue
		}
		n++
		for j, x := range row[s*d : (s+1)*d] {
			sum[j] += float64(x)
		}
	}
	v := make([]float32, d)
	for j := range v {
		v[j] = float32(sum[j] / max(n, 1))
	}
	return v, nil
}

// normalize scales v to unit L2 norm in place; a zero vector stays zero.
func normalize(v []float32) []float32 {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 {
		return v
	}
	inv := 1 / math.Sqrt(ss)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
	return v
}

// Close releases the session after in-flight calls finish; later calls
// return ErrClosed. Idempotent.
func (e *Embedder) Close() error { return e.se.close() }
