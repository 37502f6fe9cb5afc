package ocr

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Score compares the words OCR read with a reference text of the same
// page (its text layer): recall is the share of the reference's words
// that OCR read, precision the share of OCR's words that are in the
// reference, each word counted as often as it occurs. Words are compared
// after normalisation: NFKC, lower case, letters and digits only (so
// punctuation, ligatures and quotes do not count), and words a line end
// hyphenated in one text are compared whole.
func Score(got, ref string) (recall, precision float64) {
	g, r := bag(got), bag(ref)
	ng, nr, both := 0, 0, 0
	for w, n := range r {
		nr += n
		both += min(n, g[w])
	}
	for _, n := range g {
		ng += n
	}
	if nr > 0 {
		recall = float64(both) / float64(nr)
	}
	if ng > 0 {
		precision = float64(both) / float64(ng)
	}
	return recall, precision
}

// Words splits text into normalised words, as Score compares them.
func Words(text string) []string {
	text = norm.NFKC.String(text)
	// Rejoin words hyphenated at a line end.
	text = strings.ReplaceAll(text, "-\n", "")
	var out []string
	for _, f := range strings.Fields(text) {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, f)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func bag(text string) map[string]int {
	m := map[string]int{}
	for _, w := range Words(text) {
		m[w]++
	}
	return m
}
