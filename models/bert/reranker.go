package bert

import (
	"context"
	"fmt"
	"math"

	"quire/models/onnx"
)

// RerankerConfig describes a cross-encoder and how to run it. Zero values
// mean the defaults.
type RerankerConfig struct {
	ModelPath string // .onnx file; a float or an int8-quantised graph alike
	VocabPath string // WordPiece vocab.txt
	MaxLen    int    // tokens per (query, passage) pair, specials included (default 512)
	BatchSize int    // pairs per onnxruntime call (default 16)
	Threads   int    // intra-op threads (default: one per core)
	Runtime   onnx.RuntimeOptions
	// Arch is the model's shape, used only for FLOP estimates in
	// benchmarks; zero means MiniLM-L6.
	Arch Arch
}

// Reranker scores (query, passage) pairs with a BERT cross-encoder such as
// ms-marco-MiniLM-L-6-v2, one onnxruntime session created once. Safe for
// concurrent use. Call Close when done. Cost: every pair is a full forward
// pass over query+passage tokens — quadratic in pair length in attention —
// so pass only the first stage's top candidates.
type Reranker struct {
	cfg RerankerConfig
	tok *Tokenizer
	se  *session
}

// NewReranker loads the onnxruntime library if needed (onnx.InitRuntime with
// cfg.Runtime), the vocabulary and the model. The model must take
// input_ids and attention_mask (token_type_ids optional) and give logits
// [batch, 1] (or [batch, 2], of which column 1 is read as "relevant").
func NewReranker(cfg RerankerConfig) (*Reranker, error) {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 16
	}
	if _, err := onnx.InitRuntime(cfg.Runtime); err != nil {
		return nil, err
	}
	tok, err := NewTokenizer(cfg.VocabPath, TokenizerOptions{MaxLen: cfg.MaxLen})
	if err != nil {
		return nil, err
	}
	se, err := openSession(cfg.ModelPath, cfg.Threads, "logits")
	if err != nil {
		return nil, err
	}
	return &Reranker{cfg: cfg, tok: tok, se: se}, nil
}

// Tokenizer is the reranker's tokeniser.
func (r *Reranker) Tokenizer() *Tokenizer { return r.tok }

// Config is the configuration in force, defaults filled in.
func (r *Reranker) Config() RerankerConfig { return r.cfg }

// Rerank returns one raw logit per passage, in order (higher is more
// relevant; apply a sigmoid only for display). A passage too long for
// the model beside the query is scored window by window and keeps its
// best window's logit (see longtext.go). It satisfies search.Reranker. Pairs are grouped by length into batches of BatchSize;
// for a float model a pair's score does not depend on its batch, for an
// int8 model (activations quantised per batch) it may move slightly.
func (r *Reranker) Rerank(ctx context.Context, query string, passages []string) ([]float32, error) {
	scores := make([]float32, len(passages))
	for i := range scores {
		scores[i] = float32(math.Inf(-1))
	}
	rows, owner := r.tok.windowPairs(query, passages)
	err := runBatches(ctx, r.tok, r.se, rows, r.cfg.BatchSize, func(idx []int, _ *Batch, out []float32, shape []int64) error {
		cols := 1
		if len(shape) == 2 {
			cols = int(shape[1])
		}
		if len(shape) > 2 || cols < 1 || cols > 2 {
			return fmt.Errorf("%s: logits shape %v, want [batch, 1] or [batch, 2]", r.se.path, shape)
		}
		for k, i := range idx {
			scores[owner[i]] = max(scores[owner[i]], out[k*cols+cols-1])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("bert: rerank: %w", err)
	}
	return scores, nil
}

// Close releases the session after in-flight calls finish; later calls
// return ErrClosed. Idempotent.
func (r *Reranker) Close() error { return r.se.close() }
