package bert

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// bertNormalize is Hugging Face's BertNormalizer as the real models'
// tokenizer.json configures it (clean_text, handle_chinese_chars,
// lowercase, and so strip_accents), step for step and in its order:
//   - drop NUL, U+FFFD and "other" characters — controls (\v, \f, U+0085
//     among them: HF deletes them, it does not read them as spaces),
//     format characters (zero-width space, soft hyphen, BOM) and private
//     use (the bullets symbol fonts put in PDF text) — but \t \n \r;
//   - map whitespace to a space;
//   - put spaces around CJK ideographs so each is a word;
//   - strip accents: NFD, then drop non-spacing marks;
//   - lowercase.
//
// Where Go's Unicode tables are newer than the ones HF was built with,
// hfTables says what HF does (see its comment).
func bertNormalize(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == 0 || r == unicode.ReplacementChar || hfIsControl(r):
		case hfIsWhitespace(r):
			b.WriteByte(' ')
		case isCJK(r):
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	d := b.String()
	b.Reset()
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRuneInString(d[i:])
		if r < utf8.RuneSelf || !hfDecomposes(r) {
			b.WriteRune(hfLower(r))
			i += size
			continue
		}
		// One NFD segment: a starter and the marks that follow it.
		n := norm.NFD.NextBoundaryInString(d[i:], true)
		for _, m := range norm.NFD.String(d[i : i+n]) {
			if !hfIsMarkNonspacing(m) {
				b.WriteRune(hfLower(m))
			}
		}
		i += n
	}
	return b.String()
}

// isCJK reports whether r is in BERT's "Chinese character" blocks as HF
// lists them (CJK Unified Ideographs and extensions A–F, compatibility
// ideographs; note 2B820–2B91F is not among them). Kana and Hangul are
// not: they are words like any other script.
func isCJK(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0x20000 && r <= 0x2A6DF) ||
		(r >= 0x2A700 && r <= 0x2B73F) ||
		(r >= 0x2B740 && r <= 0x2B81F) ||
		(r >= 0x2B920 && r <= 0x2CEAF) ||
		(r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0x2F800 && r <= 0x2FA1F)
}
