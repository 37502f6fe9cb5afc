package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"quire/lexicon"
)

// normalize cleans page text: compatibility characters are decomposed
// (ligatures, full-width forms, odd spaces), control characters dropped,
// runs of spaces collapsed, words hyphenated across line ends joined, and at
// most one blank line kept between paragraphs. english tells a compound
// broken at a line end from a hyphenated word.
func normalize(s string, english lexicon.Set) string {
	rawLines := strings.Split(s, "\n")
	lines := make([]string, 0, len(rawLines))
	var b strings.Builder
	for _, ln := range rawLines {
		b.Reset()
		space := false
		for _, r := range ln {
			if rep, ok := compat[r]; ok {
				if rep == " " {
					space = b.Len() > 0
					continue
				}
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteString(rep)
				continue
			}
			switch {
			case r == utf8.RuneError, r == '\u00ad':
				// Soft hyphens and undecodable bytes carry no text.
				if r == '\u00ad' {
					b.WriteRune(r) // kept for now; resolved below
				}
				continue
			case unicode.IsSpace(r):
				space = b.Len() > 0
				continue
			case r < 0x20, r >= 0x7f && r < 0xa0, unicode.Is(unicode.Cf, r):
				continue
			case r >= 0xff01 && r <= 0xff5e: // full-width ASCII
				r -= 0xfee0
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
		lines = append(lines, b.String())
	}

	// Join words broken at line ends: "exam-" + "ple rest" -> "example"
	// + "rest". A hyphen followed by a capital or a digit is kept, as in
	// "Jean-" + "Paul"; so is the hyphen of a compound ("out-of-" +
	// "network", or "bone-" + "anchored": two English words that are
	// not one when joined): only hyphenation is undone.
	compounds, joined := hyphenated(lines)
	for i := 0; i+1 < len(lines); i++ {
		cur := lines[i]
		next := lines[i+1]
		if next == "" {
			continue
		}
		hy := strings.HasSuffix(cur, "-") || strings.HasSuffix(cur, "\u00ad") || strings.HasSuffix(cur, "\u2010")
		if !hy {
			continue
		}
		trimmed := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(cur, "-"), "\u00ad"), "\u2010")
		before, _ := utf8.DecodeLastRuneInString(trimmed)
		after, _ := utf8.DecodeRuneInString(next)
		if !unicode.IsLetter(before) || !unicode.IsLower(after) {
			continue
		}
		word, rest, _ := strings.Cut(next, " ")
		if keepsHyphen(lastWord(trimmed), word, compounds, joined, english) {
			lines[i] = trimmed + "-" + word
		} else {
			lines[i] = trimmed + word
		}
		lines[i+1] = rest
		if rest == "" {
			// The whole line was the tail of the word; drop it.
			lines = append(lines[:i+1], lines[i+2:]...)
		}
	}

	var out strings.Builder
	blank := false
	for _, ln := range lines {
		ln = strings.ReplaceAll(ln, "\u00ad", "")
		if ln == "" {
			blank = out.Len() > 0
			continue
		}
		if out.Len() > 0 {
			if blank {
				out.WriteString("\n\n")
			} else {
				out.WriteByte('\n')
			}
		}
		blank = false
		out.WriteString(ln)
	}
	return out.String()
}

// compat maps compatibility characters to their plain forms (the part of
// NFKC that matters for PDF text) and unusual spaces to a space.
var compat = map[rune]string{
	'\ufb00': "ff", '\ufb01': "fi", '\ufb02': "fl", '\ufb03': "ffi", '\ufb04': "ffl",
	'\ufb05': "st", '\ufb06': "st",
	'\u00a0': " ", '\u2000': " ", '\u2001': " ", '\u2002': " ", '\u2003': " ",
	'\u2004': " ", '\u2005': " ", '\u2006': " ", '\u2007': " ", '\u2008': " ",
	'\u2009': " ", '\u200a': " ", '\u202f': " ", '\u205f': " ", '\u3000': " ",
	'\u2010': "-", '\u2011': "-",
	'\u2024': ".", '\u2025': "..", '\u2026': "...",
	'\u0132': "IJ", '\u0133': "ij", '\u013f': "L·", '\u0140': "l·",
	'\u01c4': "DŽ", '\u01c5': "Dž", '\u01c6': "dž", '\u01c7': "LJ", '\u01c8': "Lj",
	'\u01c9': "lj", '\u01ca': "NJ", '\u01cb': "Nj", '\u01cc': "nj",
	'\u2160': "I", '\u2161': "II", '\u2162': "III", '\u2163': "IV", '\u2164': "V",
	'\u2122': "TM", '\u2103': "°C", '\u2109': "°F",
	'\u00b5': "μ",
}

// TextChars counts the non-white-space characters extracted.
func (r *Result) TextChars() int {
	if r == nil {
		return 0
	}
	n := 0
	for _, p := range r.Pages {
		for _, c := range p.Text {
			if !unicode.IsSpace(c) {
				n++
			}
		}
	}
	return n
}

// wordPunct is the punctuation around a word that does not belong to it.
const wordPunct = ".,;:()\"'“”‘’"

// hyphenated collects, lower case, the words the lines write with a
// hyphen inside them (not at a line's end) and the words without one.
func hyphenated(lines []string) (compounds, plain map[string]bool) {
	compounds, plain = map[string]bool{}, map[string]bool{}
	for _, ln := range lines {
		for _, w := range strings.Fields(ln) {
			w = strings.ToLower(strings.Trim(w, wordPunct))
			if i := strings.IndexByte(w, '-'); i > 0 && i < len(w)-1 {
				compounds[w] = true
			} else if i < 0 {
				plain[w] = true
			}
		}
	}
	return compounds, plain
}

// lastWord is the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// keepsHyphen: the hyphen between head (its line's last word, hyphen
// trimmed) and tail (the next line's first word) belongs to a compound.
// The page's own spelling decides first (plain holds its unhyphenated
// words); else a compound is two English words that joined are none
// ("bone-anchored", "well-being"), while "implemen-" + "tation" and
// "health-" + "care" are one word broken.
func keepsHyphen(head, tail string, compounds, plain map[string]bool, english lexicon.Set) bool {
	if strings.Contains(head, "-") {
		return true // out-of- + network
	}
	h := strings.ToLower(strings.TrimLeft(head, wordPunct))
	t := strings.ToLower(strings.TrimRight(tail, wordPunct))
	switch {
	case compounds[h+"-"+t]:
		return true
	case plain[h+t]:
		return false
	}
	return english.Has(h) && english.Has(t) && !english.Has(h+t) && !suffixes[t]
}

// suffixes are endings that are also words of the lexicon ("Loch Ness",
// "less"), but after a line-end hyphen finish the word before them:
// "incomplete-" + "ness" is "incompleteness".
var suffixes = map[string]bool{
	"ness": true, "less": true, "ship": true, "ships": true, "hood": true,
	"able": true, "ably": true, "ment": true, "ments": true, "ward": true,
	"wards": true, "wise": true, "fully": true,
}
