package pdf

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// fontInfo is what the text interpreter needs from a font: how to split a
// shown string into character codes, what text each code stands for, and how
// far each code advances the pen. Built once per font object and cached.
type fontInfo struct {
	composite bool           // Type0: multi-byte codes
	spaces    [4][]codeRange // codespace ranges by code length-1 (composite)
	identity  bool           // Identity-H/V: CID == code
	ucs2      bool           // code bytes are UTF-16BE text
	toUni     map[string]string
	cidText   map[int]string // from the embedded TrueType font's cmap

	libEnc     pdf.TextEncoding // encoding-based decoding for simple fonts
	simpleText [256]string
	simpleDone [256]bool

	first   int
	widths  []float64       // simple fonts, indexed code-first
	cidW    map[int]float64 // composite fonts
	dw      float64         // default width (composite) or MissingWidth
	builtin *[95]uint16     // standard-14 widths when the font has none
	scale   float64         // glyph space to text space (0.001, or FontMatrix[0] for Type 3)
	height  float64         // em height relative to the font size (Type 3 FontMatrix)
}

type codeRange struct{ lo, hi string }

const (
	maxCMapEntries = 200000
	maxFontStream  = 8 << 20
)

// newFontInfo reads the font dictionary v. It never panics on malformed
// fonts: missing pieces fall back to defaults.
func newFontInfo(crypt *decrypter, v pdf.Value) (f *fontInfo) {
	f = &fontInfo{scale: 0.001, height: 1, dw: 0}
	defer func() {
		if recover() != nil {
			// Keep whatever was read; decoding falls back to Latin-1.
			if f.libEnc == nil {
				f.libEnc = latin1Encoding{}
			}
		}
	}()
	subtype := v.Key("Subtype").Name()
	var tuSpaces [4][]codeRange
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := crypt.readStream(tu, maxFontStream); err == nil || len(data) > 0 {
			cm := parseCMap(data)
			if len(cm.chars) > 0 {
				f.toUni = cm.chars
			}
			tuSpaces = cm.spaces
		}
	}
	if subtype == "Type0" {
		f.composite = true
		f.dw = 1000
		enc := v.Key("Encoding")
		switch enc.Kind() {
		case pdf.Name:
			n := enc.Name()
			f.identity = strings.HasPrefix(n, "Identity")
			f.ucs2 = strings.Contains(n, "UCS2") || strings.Contains(n, "UTF16")
			if !f.identity && !f.ucs2 && hasSpaces(tuSpaces) {
				f.spaces = tuSpaces
			}
		case pdf.Stream:
			if data, err := crypt.readStream(enc, maxFontStream); err == nil || len(data) > 0 {
				cm := parseCMap(data)
				if hasSpaces(cm.spaces) {
					f.spaces = cm.spaces
				}
			}
		}
		if !hasSpaces(f.spaces) {
			f.spaces[1] = []codeRange{{"\x00\x00", "\xff\xff"}}
		}
		desc := v.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		if f.identity {
			f.cidW = readCIDWidths(desc.Key("W"))
			if f.toUni == nil {
				f.cidText = trueTypeGlyphText(crypt, desc)
			}
		}
		return f
	}

	if subtype == "Type3" {
		m := v.Key("FontMatrix")
		if m.Len() == 6 && m.Index(0).Float64() != 0 {
			f.scale = abs(m.Index(0).Float64())
			if d := abs(m.Index(3).Float64()); d > 0 {
				f.height = type3Height(v, d)
			}
		}
	}
	font := pdf.Font{V: v}
	f.libEnc = font.Encoder()
	if enc, ok := builtinSymbolic(v); ok {
		f.libEnc = enc
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	if n := ws.Len(); n > 0 && n <= 65536 {
		f.widths = make([]float64, n)
		for i := range f.widths {
			f.widths[i] = ws.Index(i).Float64()
		}
	}
	f.dw = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if f.widths == nil && subtype != "Type3" {
		f.builtin = builtinWidths(v.Key("BaseFont").Name())
	}
	return f
}

func hasSpaces(s [4][]codeRange) bool {
	for _, r := range s {
		if len(r) > 0 {
			return true
		}
	}
	return false
}

type latin1Encoding struct{}

func (latin1Encoding) Decode(raw string) string {
	r := make([]rune, len(raw))
	for i := 0; i < len(raw); i++ {
		r[i] = rune(raw[i])
	}
	return string(r)
}

// readCIDWidths parses a CIDFont /W array: c [w1 w2 ...] or c1 c2 w.
func readCIDWidths(w pdf.Value) map[int]float64 {
	n := w.Len()
	if n == 0 {
		return nil
	}
	m := make(map[int]float64)
	for i := 0; i < n && len(m) < maxCMapEntries; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(m) < maxCMapEntries; j++ {
				m[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		hi := int(next.Int64())
		wv := w.Index(i + 2).Float64()
		if hi-c > 65536 {
			hi = c + 65536
		}
		for c2 := c; c2 <= hi && len(m) < maxCMapEntries; c2++ {
			m[c2] = wv
		}
		i += 3
	}
	return m
}

// nextCode splits the first character code off s.
func (f *fontInfo) nextCode(s string) (code string) {
	if !f.composite {
		return s[:1]
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, r := range f.spaces[n-1] {
			if len(r.lo) == n && r.lo <= s[:n] && s[:n] <= r.hi {
				return s[:n]
			}
		}
	}
	// No codespace matches: take the most common code length.
	n := 1
	best := 0
	for i := range f.spaces {
		if len(f.spaces[i]) > best {
			best, n = len(f.spaces[i]), i+1
		}
	}
	if n > len(s) {
		n = len(s)
	}
	return s[:n]
}

// text is the Unicode text for one code.
func (f *fontInfo) text(code string) string {
	if !f.composite {
		b := code[0]
		if f.simpleDone[b] {
			return f.simpleText[b]
		}
		t, ok := f.toUni[code]
		if !ok {
			t = f.libEnc.Decode(code)
			if !utf8.ValidString(t) || t == "\uFFFD" || t == "" {
				t = ""
				if b >= 0x20 && b != 0x7f && (b < 0x80 || b >= 0xa0) {
					t = string(rune(b))
				}
			}
		}
		f.simpleText[b] = t
		f.simpleDone[b] = true
		return t
	}
	if t, ok := f.toUni[code]; ok {
		return t
	}
	if f.ucs2 {
		return utf16BE(code)
	}
	if f.cidText != nil {
		return f.cidText[codeInt(code)]
	}
	return ""
}

// width is the advance of code in glyph space (thousandths of an em for
// ordinary fonts).
func (f *fontInfo) width(code string) float64 {
	if f.composite {
		if f.cidW != nil {
			c := 0
			for i := 0; i < len(code); i++ {
				c = c<<8 | int(code[i])
			}
			if w, ok := f.cidW[c]; ok {
				return w
			}
		}
		return f.dw
	}
	c := int(code[0])
	if i := c - f.first; i >= 0 && i < len(f.widths) {
		if w := f.widths[i]; w > 0 || f.dw == 0 {
			return w
		}
		return f.dw
	}
	if f.builtin != nil {
		if c >= 32 && c < 127 {
			return float64(f.builtin[c-32])
		}
		return 500
	}
	return f.dw
}

func utf16BE(s string) string {
	if len(s) < 2 {
		return ""
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// cmapData is a parsed CMap: codespace ranges and code-to-text mappings.
type cmapData struct {
	spaces [4][]codeRange
	chars  map[string]string
}

// parseCMap reads a ToUnicode or encoding CMap leniently.
func parseCMap(data []byte) cmapData {
	cm := cmapData{chars: make(map[string]string)}
	l := lexer{b: data}
	var args []operand
	for {
		v, op, ok := l.next(0)
		if !ok {
			break
		}
		if op == "" {
			if len(args) < 3*maxCMapEntries {
				args = append(args, v)
			}
			continue
		}
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].str, args[i+1].str
				if len(lo) >= 1 && len(lo) <= 4 && len(lo) == len(hi) {
					cm.spaces[len(lo)-1] = append(cm.spaces[len(lo)-1], codeRange{lo, hi})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(args) && len(cm.chars) < maxCMapEntries; i += 2 {
				if args[i].kind == kStr {
					cm.chars[args[i].str] = cmapText(args[i+1])
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && len(cm.chars) < maxCMapEntries; i += 3 {
				lo, hi, dst := args[i].str, args[i+1].str, args[i+2]
				if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				a, b := codeInt(lo), codeInt(hi)
				if b < a || b-a > 65535 {
					continue
				}
				for c := a; c <= b && len(cm.chars) < maxCMapEntries; c++ {
					key := intCode(c, len(lo))
					switch dst.kind {
					case kStr:
						cm.chars[key] = utf16BE(addToLast(dst.str, c-a))
					case kArr:
						if c-a < len(dst.arr) {
							cm.chars[key] = cmapText(dst.arr[c-a])
						}
					}
				}
			}
		}
		args = args[:0]
	}
	return cm
}

func cmapText(v operand) string {
	switch v.kind {
	case kStr:
		return utf16BE(v.str)
	case kName:
		if r, ok := glyphNameRune(v.str); ok {
			return string(r)
		}
	}
	return ""
}

func codeInt(s string) int {
	c := 0
	for i := 0; i < len(s); i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

func intCode(c, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(c)
		c >>= 8
	}
	return string(b)
}

// addToLast adds d to the big-endian number formed by the last two bytes
// of s (the destination of a bfrange).
func addToLast(s string, d int) string {
	if d == 0 || len(s) == 0 {
		return s
	}
	b := []byte(s)
	if len(b) >= 2 {
		v := int(b[len(b)-2])<<8 | int(b[len(b)-1])
		v += d
		b[len(b)-2] = byte(v >> 8)
		b[len(b)-1] = byte(v)
	} else {
		b[0] += byte(d)
	}
	return string(b)
}

// glyphNameRune understands uniXXXX and uXXXX[XX] glyph names and the
// single-letter names; the full Adobe list is used through the pdf package
// for simple fonts.
func glyphNameRune(name string) (rune, bool) {
	hex := ""
	switch {
	case strings.HasPrefix(name, "uni") && len(name) >= 7:
		hex = name[3:7]
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hex = name[1:]
	case len(name) == 1:
		return rune(name[0]), true
	default:
		return 0, false
	}
	var r rune
	for i := 0; i < len(hex); i++ {
		v := unhexByte(hex[i])
		if v < 0 {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, r > 0
}

// Widths of the standard fonts for codes 32..126, used when a font omits
// /Widths (only the standard 14 fonts may).
var (
	helveticaWidths = [95]uint16{
		278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
		1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
		222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
		556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
	}
	timesWidths = [95]uint16{
		250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
		921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
		556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
		333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
		500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
	}
	courierWidths = func() (w [95]uint16) {
		for i := range w {
			w[i] = 600
		}
		return w
	}()
)

func builtinWidths(base string) *[95]uint16 {
	b := strings.ToLower(base)
	switch {
	case strings.Contains(b, "courier") || strings.Contains(b, "mono"):
		return &courierWidths
	case strings.Contains(b, "times") || strings.Contains(b, "roman") || strings.Contains(b, "serif") && !strings.Contains(b, "sans"):
		return &timesWidths
	}
	return &helveticaWidths
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// type3Height is a Type 3 font's em height relative to the font size.
// Its glyph space has no fixed units per em (bitmap fonts use pixels,
// drawn fonts anything), so FontMatrix alone cannot give it: the height
// of the FontBBox, mapped to text space by FontMatrix (d is its vertical
// scale), is close to an em. Without a usable box, assume units of a
// thousandth of an em, as other fonts have.
func type3Height(v pdf.Value, d float64) float64 {
	if b := v.Key("FontBBox"); b.Len() == 4 {
		if h := abs(b.Index(3).Float64()-b.Index(1).Float64()) * d; h > 0.2 && h < 5 {
			return h
		}
	}
	return d * 1000
}
