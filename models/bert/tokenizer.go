package bert

import (
	"fmt"
	"strings"
)

// DefaultMaxLen is the longest sequence, special tokens included, that
// BERT-base-shaped models accept (512 positions).
const DefaultMaxLen = 512

// TokenizerOptions configure a Tokenizer. Zero values mean the defaults.
type TokenizerOptions struct {
	// MaxLen is the longest encoded sequence, [CLS] and [SEP]s included
	// (default DefaultMaxLen; minimum 8).
	MaxLen int
}

// specialTokens are the vocabulary's special tokens. Written literally in
// a text they are those tokens, as Hugging Face's tokenizer reads them
// (added tokens, matched case-sensitively before normalisation).
var specialTokens = []string{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}

// Tokenizer is BERT's uncased WordPiece tokeniser (bert-base-uncased
// vocab.txt, as used by MiniLM, bge-small and the ms-marco cross-encoders),
// giving the ids Hugging Face's tokenizers library gives with those
// models' tokenizer.json (checked on every id of the conformance fixture,
// see scripts/tokref): special tokens written in the text, BertNormalizer
// (bertNormalize), BertPreTokenizer (splitWords), WordPiece. Safe for
// concurrent use: it holds no per-call state.
type Tokenizer struct {
	wp      wordPiece
	special map[string]int64
	maxLen  int

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
	vocab, err := loadVocab(vocabPath)
	if err != nil {
		return nil, fmt.Errorf("bert: load vocabulary %s: %w", vocabPath, err)
	}
	t := &Tokenizer{maxLen: opts.MaxLen, special: map[string]int64{}}
	for _, tok := range specialTokens {
		id, ok := vocab[tok]
		if !ok {
			return nil, fmt.Errorf("bert: vocabulary %s has no %s token", vocabPath, tok)
		}
		t.special[tok] = id
	}
	t.cls, t.sep, t.pad, t.unk = t.special["[CLS]"], t.special["[SEP]"], t.special["[PAD]"], t.special["[UNK]"]
	t.wp = wordPiece{vocab: vocab, unk: t.unk}
	return t, nil
}

// MaxLen is the longest sequence Encode and EncodePairs produce.
func (t *Tokenizer) MaxLen() int { return t.maxLen }

// Tokenize returns the WordPiece ids of text without added [CLS]/[SEP]
// and without truncation. Cost: linear in the text.
func (t *Tokenizer) Tokenize(text string) []int64 { return t.tokens(text, 0) }

// tokens is Tokenize stopping at the end of the first word that brings
// the count to limit or more (limit 0: no limit). Hugging Face stops the
// same way before truncating, and "longest_first" compares these lengths.
func (t *Tokenizer) tokens(text string, limit int) []int64 {
	var ids []int64
	full := func() bool { return limit > 0 && len(ids) >= limit }
	for text != "" && !full() {
		i, tok := nextSpecial(text)
		for w := range words(bertNormalize(text[:i])) {
			if ids = t.wp.appendWord(ids, w); full() {
				return ids
			}
		}
		if tok == "" {
			break
		}
		ids = append(ids, t.special[tok])
		text = text[i+len(tok):]
	}
	return ids
}

// nextSpecial finds the first special token written in s: its index and
// text, or len(s) and "".
func nextSpecial(s string) (int, string) {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '[')
		if i < 0 {
			return len(s), ""
		}
		off += i
		for _, tok := range specialTokens {
			if strings.HasPrefix(s[off:], tok) {
				return off, tok
			}
		}
		off++
	}
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
	ids := t.tokens(text, t.maxLen)
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
	q := t.tokens(query, t.maxLen)
	budget := t.maxLen - 3
	rows := make([]segments, len(passages))
	for i, p := range passages {
		pids := t.tokens(p, t.maxLen)
		lq, lp := fitPair(len(q), len(pids), budget)
		rows[i] = segments{a: q[:lq], b: pids[:lp], pair: true}
	}
	return rows
}

// fitPair returns the lengths Hugging Face's "longest_first" truncation
// leaves of a pair (lq, lp) so that lq+lp ≤ budget: the shorter side is
// kept whole if the longer can take the rest; otherwise each gets half and
// an odd budget's spare token goes to the longer side (the passage on a
// tie). lq and lp are the lengths tokens(…, MaxLen) gives, as HF compares.
func fitPair(lq, lp, budget int) (int, int) {
	if lq+lp <= budget {
		return lq, lp
	}
	short, long := min(lq, lp), max(lq, lp)
	if short <= budget-short {
		long = budget - short
	} else {
		short, long = budget/2, budget-budget/2
	}
	if lq > lp {
		return long, short
	}
	return short, long
}
