package ingest

import (
	"unicode"
)

// garbleStats describes how much a page's text looks like text. It is
// computed on the text before normalisation (which drops replacement and
// control characters) plus the glyphs the engine could not map to text.
type garbleStats struct {
	chars    int // non-space runes, plus unmapped glyphs
	bad      int // replacement, private-use, control, unassigned runes and unmapped glyphs
	symbols  int // runes that are neither letters, digits nor common punctuation
	words    int // runs of letters in scripts written with spaces
	letters  int // letters in those runs
	single   int // one-letter words
	unspaced int // letters of scripts written without spaces (CJK, Thai...)
	rtl      int // letters of scripts written right to left
	tokens   int // runs of non-space runes
	mixed    int // tokens whose letters come from several scripts
}

// minGarbleChars is the smallest text judged; shorter texts score 0.
const minGarbleChars = 20

func measureGarble(raw string, unmapped int) garbleStats {
	g := garbleStats{chars: unmapped, bad: unmapped}
	run := 0
	endWord := func() {
		if run > 0 {
			g.words++
			g.letters += run
			if run == 1 {
				g.single++
			}
		}
		run = 0
	}
	script, mixed, inToken := "", false, false
	endToken := func() {
		if inToken {
			g.tokens++
			if mixed {
				g.mixed++
			}
		}
		script, mixed, inToken = "", false, false
	}
	for _, r := range raw {
		if unicode.IsSpace(r) {
			endWord()
			endToken()
			continue
		}
		inToken = true
		if sc := scriptOf(r); sc != "" {
			if script != "" && sc != script {
				mixed = true
			}
			script = sc
			if sc == "Hebrew" || sc == "Arabic" || sc == "Syriac" || sc == "Thaana" || sc == "NKo" {
				g.rtl++
			}
		}
		g.chars++
		switch {
		case r == '\ufffd',
			r < 0x20, r >= 0x7f && r < 0xa0,
			unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r),
			!unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs, unicode.Cf):
			g.bad++
			endWord()
		case unicode.IsLetter(r) || unicode.Is(unicode.M, r):
			if unspacedScript(r) {
				g.unspaced++
				endWord()
			} else if unicode.IsLetter(r) {
				run++
			}
		case unicode.IsDigit(r):
			endWord()
		case unicode.IsPunct(r):
			endWord()
		default:
			g.symbols++
			endWord()
		}
	}
	endWord()
	endToken()
	return g
}

// scripts are the writing systems told apart when looking for tokens
// that mix them (a sign of text decoded with the wrong mapping); Han,
// Hiragana and Katakana count as one, as Japanese mixes them.
var scripts = []struct {
	name string
	tab  *unicode.RangeTable
}{
	{"Latin", unicode.Latin}, {"Greek", unicode.Greek}, {"Cyrillic", unicode.Cyrillic},
	{"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew}, {"CJK", unicode.Han},
	{"CJK", unicode.Hiragana}, {"CJK", unicode.Katakana}, {"Hangul", unicode.Hangul},
	{"Thai", unicode.Thai}, {"Devanagari", unicode.Devanagari}, {"Armenian", unicode.Armenian},
	{"Georgian", unicode.Georgian}, {"Syriac", unicode.Syriac}, {"Thaana", unicode.Thaana},
	{"NKo", unicode.Nko}, {"Ethiopic", unicode.Ethiopic}, {"Bengali", unicode.Bengali},
	{"Tamil", unicode.Tamil},
}

// scriptOf names the script of a letter, "" for other runes and
// scripts not listed.
func scriptOf(r rune) string {
	if !unicode.IsLetter(r) || unicode.Is(unicode.Lm, r) {
		return ""
	}
	if r < 0x80 {
		return "Latin"
	}
	for _, s := range scripts {
		if unicode.Is(s.tab, r) {
			return s.name
		}
	}
	return "Other"
}

func unspacedScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// score is 0 for text that looks like text and grows towards 1 as it
// looks less so: the largest of the share of bad characters, the share
// of symbols beyond what tables and formulas show, and word lengths that
// say words were glued together or split into letters.
func (g garbleStats) score() float64 {
	if g.chars < minGarbleChars {
		return 0
	}
	s := float64(g.bad) / float64(g.chars)
	clamp := func(x float64) float64 { return max(0, min(1, x)) }
	s = max(s, clamp((float64(g.symbols)/float64(g.chars)-0.3)/0.4))
	if g.tokens >= 5 {
		s = max(s, clamp((float64(g.mixed)/float64(g.tokens)-0.1)/0.3))
	}
	if g.words >= 10 && g.letters > g.unspaced {
		mean := float64(g.letters) / float64(g.words)
		s = max(s, clamp((mean-10)/10))
		s = max(s, clamp((float64(g.single)/float64(g.words)-0.5)/0.4))
	}
	return s
}

// garbleThreshold is the score above which a page's text is checked
// against PDFium's.
const garbleThreshold = 0.25

// rtlThreshold is the share of right-to-left letters above which a page
// is checked against PDFium's text: the first engine keeps glyphs in
// visual order, PDFium restores the logical order.
const rtlThreshold = 0.2

// oddAdvance reports a median glyph advance (in ems) so far from the
// usual half em that font sizes or widths must be wrong, and with them
// the spaces and lines rebuilt from positions.
func oddAdvance(a float64) bool {
	return a > 0 && (a < 0.2 || a > 1.5)
}

// emptyPageGarble is the garble score below which PDFium's text is taken
// for a page where the first engine found none.
const emptyPageGarble = 0.75

// secondOpinion tells why PDFium should read a page after the first
// engine, or returns "": its text is empty although it shows glyphs or
// met a fault, or its text looks garbled, is right to left, or was laid
// out from implausible glyph sizes. (A fault on a page that still gave
// clean text is not a reason: over the corpus PDFium never found more on
// such pages, and each question costs a PDFium start.)
func secondOpinion(text string, st pageStats, perr error) string {
	switch {
	case text == "":
		if st.Glyphs > 0 {
			return "unmapped"
		}
		if perr != nil {
			return "fault"
		}
		return ""
	case st.garble >= garbleThreshold:
		return "garbled"
	case st.rtl >= rtlThreshold:
		return "rtl"
	case oddAdvance(st.Advance):
		return "advance"
	}
	return ""
}

// pdfiumBetter decides between the first engine's text and PDFium's for
// a page that needed a second opinion.
func pdfiumBetter(text string, st pageStats, perr error, pg pdfiumPage) bool {
	if pg.text == "" {
		return false
	}
	g := measureGarble(pg.raw, 0).score()
	if text == "" {
		return g < emptyPageGarble
	}
	if g < st.garble-0.1 {
		return true
	}
	if g > st.garble+0.05 {
		return false
	}
	// As clean as ours: take it where ours has a known weakness, if it
	// does not lose text.
	size, pgSize := textSize(text), textSize(pg.text)
	if st.rtl >= rtlThreshold || oddAdvance(st.Advance) {
		return pgSize >= size*4/5
	}
	if perr != nil {
		// A fault cut the first engine's reading short: take PDFium's
		// if it found clearly more.
		return pgSize > size*6/5
	}
	return false
}

// textSize counts letters and digits.
func textSize(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
