package bert

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// words is Hugging Face's BertPreTokenizer: words are separated by
// whitespace (dropped) and every punctuation character is a word of its
// own. Punctuation is ASCII punctuation ($, +, <, =, >, ^, `, |, ~
// included) and the Unicode P categories; other symbols (€, ©, emoji) stay
// inside their word.
func words(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		splitWords(s, yield)
	}
}

func splitWords(s string, yield func(string) bool) {
	start := -1
	for i, r := range s {
		switch {
		case hfIsWhitespace(r):
			if start >= 0 {
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		case isBertPunct(r):
			if start >= 0 {
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
			if !yield(s[i : i+utf8.RuneLen(r)]) {
				return
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		yield(s[start:])
	}
}

func isBertPunct(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r < 0x7f && !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}
	return hfIsPunct(r)
}

// hfIsWhitespace is HF's is_whitespace: \t \n \r and the Unicode
// White_Space property (after cleaning, \v \f U+0085 are gone).
func hfIsWhitespace(r rune) bool {
	return unicode.IsSpace(r)
}
