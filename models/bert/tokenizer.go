package bert

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/sugarme/tokenizer"
	"github.com/sugarme/tokenizer/model/wordpiece"
	"github.com/sugarme/tokenizer/pretokenizer"
)

// DefaultMaxLen is the longest sequence, special tokens included, that
// BERT-base-shaped models accept (512 positions).
const DefaultMaxLen = 512

// TokenizerOptions configure a Tokenizer. Zero values mean the defaults.
type TokenizerOptions struct {
	// MaxLen is the longest encoded sequence, [CLS] and [SEP]s included
	// (default DefaultMaxLen; minimum 8).
	MaxLen int
	// Logger receives a warning when the library panics on a text and the
	// word-by-word fallback is used; nil means slog.Default().
	Logger *slog.Logger
}

// Tokenizer is BERT's uncased WordPiece tokeniser (bert-base-uncased
// vocab.txt, as used by MiniLM, bge-small and the ms-marco cross-encoders).
// Normalisation is done in Go (bertNormalize); splitting on whitespace and
// punctuation and WordPiece are github.com/sugarme/tokenizer's. Safe for
// concurrent use: it holds no per-call state. It never panics: a panic in
// the library is recovered and the text re-encoded word by word, a word
// that still fails becoming [UNK].
type Tokenizer struct {
	tk     *tokenizer.Tokenizer
	maxLen int
	log    *slog.Logger

	cls, sep, pad, unk int64
}

// NewTokenizer loads a WordPiece vocabulary (vocab.txt: one token a line,
// the line number its id).
func NewTokenizer(vocabPath string, opts TokenizerOptions) (*Tokenizer, error) {
	if opts.MaxLen == 0 {
		opts.MaxLen = DefaultMaxLen
	}
	if opts.MaxLen < 8 {
		return nil, fmt.Errorf("bert: tokenizer max length %d is below 8", opts.MaxLen)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	model, err := wordpiece.NewWordPieceFromFile(vocabPath, "[UNK]")
	if err != nil {
		return nil, fmt.Errorf("bert: load vocabulary %s: %w", vocabPath, err)
	}
	tk := tokenizer.NewTokenizer(model)
	tk.WithPreTokenizer(pretokenizer.NewBertPreTokenizer())
	t := &Tokenizer{tk: tk, maxLen: opts.MaxLen, log: opts.Logger}
	for tok, dst := range map[string]*int64{"[CLS]": &t.cls, "[SEP]": &t.sep, "[PAD]": &t.pad, "[UNK]": &t.unk} {
		id, ok := model.TokenToId(tok)
		if !ok {
			return nil, fmt.Errorf("bert: vocabulary %s has no %s token", vocabPath, tok)
		}
		*dst = int64(id)
	}
	return t, nil
}

// MaxLen is the longest sequence Encode and EncodePairs produce.
func (t *Tokenizer) MaxLen() int { return t.maxLen }

// Tokenize returns the WordPiece ids of text without special tokens and
// without truncation. Cost: linear in the text.
func (t *Tokenizer) Tokenize(text string) []int64 {
	s := bertNormalize(cleanInput(text))
	ids, err := t.encode(s)
	if err == nil {
		return ids
	}
	t.log.Warn("tokenizer failed; encoding word by word", "err", err, "chars", len(s))
	ids = nil
	for _, w := range strings.Fields(s) {
		wids, err := t.encode(w)
		if err != nil {
			wids = []int64{t.unk}
		}
		ids = append(ids, wids...)
	}
	return ids
}

// encode runs the library on normalised text, turning a panic into an
// error.
func (t *Tokenizer) encode(s string) (ids []int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			ids, err = nil, fmt.Errorf("tokenizer panic: %v", r)
		}
	}()
	enc, err := t.tk.Encode(tokenizer.NewSingleEncodeInput(tokenizer.NewInputSequence(s)), false)
	if err != nil {
		return nil, err
	}
	ids = make([]int64, len(enc.Ids))
	for i, id := range enc.Ids {
		ids[i] = int64(id)
	}
	return ids, nil
}

// Encode encodes each text as [CLS] text [SEP], truncating the text to
// MaxLen-2 tokens.
func (t *Tokenizer) Encode(texts []string) *Batch {
	rows := make([]segments, len(texts))
	for i, s := range texts {
		rows[i] = t.single(s)
	}
	return t.assemble(rows)
}

func (t *Tokenizer) single(text string) segments {
	ids := t.Tokenize(text)
	return segments{a: ids[:min(len(ids), t.maxLen-2)]}
}

// EncodePairs encodes [CLS] query [SEP] passage [SEP] for each passage,
// token_type_ids 0 for [CLS] query [SEP] and 1 for passage [SEP]. A pair
// longer than MaxLen is cut like HuggingFace's "longest_first": tokens come
// off the end of the longer side — the passage, unless the query is the
// longer — until it fits. The query is tokenised once.
func (t *Tokenizer) EncodePairs(query string, passages []string) *Batch {
	return t.assemble(t.pairs(query, passages))
}

func (t *Tokenizer) pairs(query string, passages []string) []segments {
	q := t.Tokenize(query)
	budget := t.maxLen - 3
	rows := make([]segments, len(passages))
	for i, p := range passages {
		pids := t.Tokenize(p)
		lq, lp := fitPair(len(q), len(pids), budget)
		rows[i] = segments{a: q[:lq], b: pids[:lp], pair: true}
	}
	return rows
}

// fitPair returns the lengths longest_first truncation leaves of a pair
// (lq, lp) so that lq+lp ≤ budget; ties take from the passage.
func fitPair(lq, lp, budget int) (int, int) {
	if lq+lp <= budget {
		return lq, lp
	}
	small := min(lq, lp)
	if small <= budget/2 {
		if lq <= lp {
			return lq, budget - lq
		}
		return budget - lp, lp
	}
	return budget - budget/2, budget / 2
}
