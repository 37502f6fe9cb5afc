package pdf

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// Two of the standard 14 fonts, Symbol and ZapfDingbats, are not Latin:
// their built-in encodings (ISO 32000-1, annexes D.5 and D.6) put Greek
// letters, mathematical signs and dingbats at the codes of ASCII letters.
// A PDF that shows them without an /Encoding or a ToUnicode map relies on
// those built-in encodings, and read as Latin text they became letters:
// the Zentara handbook's "Bogdan Vr■biescu" (a glyph its font lacked,
// drawn as ZapfDingbats' black square, code "n") read "Vrnbiescu", and a
// ZapfDingbats bullet ("l") reads as the letter l before each list item.

// symbolicEncoding decodes a simple font's codes by a built-in encoding.
type symbolicEncoding struct{ table *[256]rune }

func (e symbolicEncoding) Decode(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if r := e.table[raw[i]]; r != 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// builtinSymbolic returns the built-in encoding of the font dictionary v
// when it is Symbol or ZapfDingbats and names no encoding of its own.
func builtinSymbolic(v pdf.Value) (symbolicEncoding, bool) {
	if v.Key("Encoding").Kind() != pdf.Null {
		return symbolicEncoding{}, false
	}
	base := v.Key("BaseFont").Name()
	if _, after, ok := strings.Cut(base, "+"); ok {
		base = after // a subset's tag: "ABCDEF+Symbol"
	}
	switch base {
	case "ZapfDingbats", "Dingbats":
		return symbolicEncoding{&dingbatsTable}, true
	case "Symbol":
		return symbolicEncoding{&symbolTable}, true
	}
	return symbolicEncoding{}, false
}

// dingbatsTable is ZapfDingbats' built-in encoding. Unicode's Dingbats
// block follows the font's code order, so most codes are U+2700 plus an
// offset; the dingbats that Unicode already had elsewhere (the telephone,
// the pointing hands, the star, the circle, the square, the triangles, the
// diamond, the suits, the circled digits, three arrows) sit at their own
// code points.
var dingbatsTable = func() (t [256]rune) {
	t[0x20] = ' '
	for c := 0x21; c <= 0x7e; c++ {
		t[c] = rune(0x2700 + c - 0x20)
	}
	for c, r := range map[int]rune{0x25: '☎', 0x2a: '☛', 0x2b: '☞', 0x48: '★', 0x6c: '●', 0x6e: '■', 0x73: '▲', 0x74: '▼', 0x75: '◆', 0x77: '◗'} {
		t[c] = r
	}
	for c := 0x80; c <= 0x8d; c++ {
		t[c] = rune(0x2768 + c - 0x80)
	}
	for c := 0xa1; c <= 0xfe; c++ {
		t[c] = rune(0x2761 + c - 0xa1)
	}
	for c, r := range map[int]rune{0xa8: '♣', 0xa9: '♦', 0xaa: '♥', 0xab: '♠', 0xd5: '→', 0xd6: '↔', 0xd7: '↕', 0xf0: 0} {
		t[c] = r
	}
	for c := 0xac; c <= 0xb5; c++ {
		t[c] = rune(0x2460 + c - 0xac) // ① … ⑩
	}
	return t
}()

// symbolTable is Symbol's built-in encoding.
var symbolTable = func() (t [256]rune) {
	for c := 0x20; c <= 0x7e; c++ {
		t[c] = rune(c) // digits and most punctuation are ASCII's
	}
	const upper = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"
	const lower = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"
	for i, r := range []rune(upper) {
		t['A'+i] = r
	}
	for i, r := range []rune(lower) {
		t['a'+i] = r
	}
	for c, r := range map[int]rune{0x22: '∀', 0x24: '∃', 0x27: '∋', 0x2a: '∗', 0x2d: '−', 0x40: '≅', 0x5c: '∴', 0x5e: '⊥', 0x60: '‾', 0x7e: '∼'} {
		t[c] = r
	}
	const high = "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪"
	for i, r := range []rune(high) {
		t[0xa1+i] = r
	}
	t[0xa0] = '€'
	const higher = "〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭"
	for i, r := range []rune(higher) {
		t[0xf1+i] = r
	}
	return t
}()
