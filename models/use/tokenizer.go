package use

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tokenizer is the SentencePiece unigram tokeniser of the Universal
// Sentence Encoder Lite, a port of @energetic-ai/embeddings 0.2.0's
// lib/tokenizer.ts (itself from tfjs-models' universal-sentence-encoder)
// that reproduces its output id for id, quirks included:
//
//   - Normalisation is Unicode NFKC only: no lowercasing, no whitespace
//     collapsing. A non-empty text gets "▁" prepended and every U+0020
//     space replaced by "▁"; other whitespace (tab, newline) stays and is
//     usually an unknown piece.
//   - Pieces 0–5 (unknown, <s>, </s>, three extras) are never matched.
//     When no piece starts at a character, that one character becomes
//     unknown (id 0, score 0). Consecutive unknowns merge into one id 0.
//   - The Viterbi search keeps the JS rule "take an edge if the best
//     score so far is 0 or the new score is ≥ it": scores are negative
//     log-probabilities, a zero means "unset" (so a zero-score path can be
//     overtaken), and ties go to the later (longer-reaching) start. A
//     vocabulary score of null counts as 0, as JS's null + number does;
//     a piece listed twice keeps its last id and score.
//   - Backtracking steps back by the UTF-16 length of the chosen piece
//     (JS string length), characters being code points.
//   - No BOS/EOS ids are added; an empty text has no ids.
//
// A Tokenizer is immutable and safe for concurrent use.
type Tokenizer struct {
	nodes    []trieNode
	stepLen  []int // per id: the UTF-16 length of its piece
	maxPiece int   // longest piece, in code points
}

// trieNode is one node of the piece trie, keyed by code point.
type trieNode struct {
	children map[rune]int32
	id       int32 // piece id ending here, or -1
	score    float64
}

// reservedPieces are the leading vocabulary entries never matched.
const reservedPieces = 6

// wordBoundary is SentencePiece's "▁" (U+2581).
const wordBoundary = "\u2581"

// LoadTokenizer reads a vocab.json: a JSON array of [piece, score] pairs
// whose index is the piece id.
func LoadTokenizer(path string) (*Tokenizer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModelMissing, err)
	}
	var raw [][]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("use: parse %s: %w", path, err)
	}
	pieces := make([]string, len(raw))
	scores := make([]float64, len(raw))
	for i, e := range raw {
		if len(e) != 2 {
			return nil, fmt.Errorf("use: %s: entry %d has %d fields, want [piece, score]", path, i, len(e))
		}
		if err := json.Unmarshal(e[0], &pieces[i]); err != nil {
			return nil, fmt.Errorf("use: %s: entry %d piece: %w", path, i, err)
		}
		var s *float64 // null → 0
		if err := json.Unmarshal(e[1], &s); err != nil {
			return nil, fmt.Errorf("use: %s: entry %d score: %w", path, i, err)
		}
		if s != nil {
			scores[i] = *s
		}
	}
	t, err := NewTokenizer(pieces, scores)
	if err != nil {
		return nil, fmt.Errorf("use: %s: %w", path, err)
	}
	return t, nil
}

// NewTokenizer builds a tokeniser from pieces and their scores (piece i
// has id i; the first reservedPieces are never matched). Piece 0 is the
// unknown piece.
func NewTokenizer(pieces []string, scores []float64) (*Tokenizer, error) {
	if len(pieces) != len(scores) {
		return nil, fmt.Errorf("use: %d pieces but %d scores", len(pieces), len(scores))
	}
	if len(pieces) <= reservedPieces {
		return nil, fmt.Errorf("use: vocabulary of %d pieces has none past the %d reserved", len(pieces), reservedPieces)
	}
	t := &Tokenizer{nodes: []trieNode{{id: -1}}, stepLen: make([]int, len(pieces))}
	for i, p := range pieces {
		t.stepLen[i] = len(utf16.Encode([]rune(p)))
		if i < reservedPieces || p == "" {
			continue
		}
		n := int32(0)
		k := 0
		for _, r := range p {
			k++
			if t.nodes[n].children == nil {
				t.nodes[n].children = map[rune]int32{}
			}
			c, ok := t.nodes[n].children[r]
			if !ok {
				c = int32(len(t.nodes))
				t.nodes = append(t.nodes, trieNode{id: -1})
				t.nodes[n].children[r] = c
			}
			n = c
		}
		t.nodes[n].id, t.nodes[n].score = int32(i), scores[i] // a repeat overwrites
		t.maxPiece = max(t.maxPiece, k)
	}
	if t.stepLen[0] == 0 {
		return nil, fmt.Errorf("use: unknown piece (id 0) is empty")
	}
	return t, nil
}

// VocabSize is the number of pieces, reserved ones included.
func (t *Tokenizer) VocabSize() int { return len(t.stepLen) }

// normalizeInput is the JS processInput: NFKC, then "▁" before the text
// and in place of every U+0020. Invalid UTF-8 becomes U+FFFD first.
func normalizeInput(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFKC.String(s)
	if s == "" {
		return s
	}
	return wordBoundary + strings.ReplaceAll(s, " ", wordBoundary)
}

// edge is a lattice edge: a piece (or an unknown character) covering
// code points [start, end).
type edge struct {
	start int
	id    int32
	score float64
}

// Encode returns text's piece ids, untruncated. Cost: O(n·maxPiece) for
// n code points.
func (t *Tokenizer) Encode(text string) []int64 {
	syms := []rune(normalizeInput(text))
	n := len(syms)
	if n == 0 {
		return nil
	}
	// ends[e] lists the edges ending at e in increasing start order: the
	// order JS visits them (for startPos in nodes[endPos]).
	ends := make([][]edge, n+1)
	for i := range n {
		matched := false
		node := int32(0)
		for j := i; j < n && j-i < t.maxPiece; j++ {
			c, ok := t.nodes[node].children[syms[j]]
			if !ok {
				break
			}
			node = c
			if nd := t.nodes[node]; nd.id >= 0 {
				ends[j+1] = append(ends[j+1], edge{start: i, id: nd.id, score: nd.score})
				matched = true
			}
		}
		if !matched {
			ends[i+1] = append(ends[i+1], edge{start: i, id: 0, score: 0})
		}
	}
	best := make([]float64, n+1)
	words := make([]int32, n+1)
	for e := 1; e <= n; e++ {
		for _, ed := range ends[e] {
			s := ed.score + best[ed.start]
			if best[e] == 0 || s >= best[e] {
				best[e], words[e] = s, ed.id
			}
		}
	}
	var rev []int64
	for it := n; it > 0; it -= t.stepLen[words[it]] {
		rev = append(rev, int64(words[it]))
	}
	out := make([]int64, 0, len(rev))
	prevUnk := false
	for i := len(rev) - 1; i >= 0; i-- {
		id := rev[i]
		if !(prevUnk && id == 0) {
			out = append(out, id)
		}
		prevUnk = id == 0
	}
	return out
}
