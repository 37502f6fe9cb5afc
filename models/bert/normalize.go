package bert

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cleanInput is the first pass over any text before tokenisation: NFC,
// CRLF and CR to LF, every whitespace run collapsed to one space, the ends
// trimmed. It removes the inputs that crash github.com/sugarme/tokenizer
// v0.3.0 (CRLF, long whitespace runs) and makes equal-looking texts equal.
func cleanInput(s string) string {
	s = norm.NFC.String(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// bertNormalize is BERT's uncased BasicTokenizer normalisation, done here
// rather than by the library's BertNormalizer, which panics on some inputs
// (`İ`) and fails to strip accents ("café" → [UNK] instead of "cafe"):
//   - drop NUL, U+FFFD and control characters (Cc, Cf) but \t \n \r;
//   - map whitespace (\t \n \r and Zs) to a space;
//   - put spaces around CJK ideographs so each is a word;
//   - lowercase, then strip accents (NFD, drop Mn).
//
// Its output equals HuggingFace's BertNormalizer(lowercase=True) except
// for a few lowercasing special cases (Go maps `İ` to "i").
func bertNormalize(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == 0 || r == unicode.ReplacementChar:
		case r == '\t' || r == '\n' || r == '\r' || unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
		case isCJK(r):
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	d := norm.NFD.String(b.String())
	b.Reset()
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isCJK reports whether r is in BERT's "Chinese character" blocks (CJK
// Unified Ideographs and extensions, compatibility ideographs). Kana and
// Hangul are not: they are words like any other script.
func isCJK(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0x20000 && r <= 0x2A6DF) ||
		(r >= 0x2A700 && r <= 0x2B73F) ||
		(r >= 0x2B740 && r <= 0x2B81F) ||
		(r >= 0x2B820 && r <= 0x2CEAF) ||
		(r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0x2F800 && r <= 0x2FA1F)
}
