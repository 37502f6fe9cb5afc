package eval

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Whether a reference answer is stated in an answer's text is judged the
// way a reader would: a figure counts in any of its written forms
// ("$1,577.00", "1577", "1.577 billion" for a question in USD millions,
// "30.8 %"), within half a percent; a sentence counts when most of its
// content words are there.

// numberRE finds a written figure with an optional scale word or percent
// sign after it. Group 1 is the sign or an opening parenthesis (a
// negative in accounts), 2 the digits, 3 the scale or "%".
var numberRE = regexp.MustCompile(`(?i)([-−–(]?)\$?€?£?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(%|percent|per cent|thousand|million|mn|billion|bn|trillion|k\b|m\b|b\b)?`)

// citationRE matches Quire's own citation markers, which are not figures
// of the answer.
var citationRE = regexp.MustCompile(`\[\d+\]`)

// figure is one number read from text, scaled to units.
type figure struct {
	value float64
	// digits is the count of significant digits written: "1,577" has 4,
	// "2" has 1. A short figure matches only at its own scale.
	digits int
	// decimals is the count of digits written after the point; percent
	// is set for a percentage.
	decimals int
	percent  bool
}

// figures reads every number in text.
func figures(text string) []figure {
	text = citationRE.ReplaceAllString(text, " ")
	var out []figure
	for _, m := range numberRE.FindAllStringSubmatch(text, -1) {
		digits := strings.ReplaceAll(m[2], ",", "")
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		switch strings.ToLower(m[3]) {
		case "thousand", "k":
			v *= 1e3
		case "million", "mn", "m":
			v *= 1e6
		case "billion", "bn", "b":
			v *= 1e9
		case "trillion":
			v *= 1e12
		}
		f := figure{value: v, digits: significant(digits), percent: m[3] == "%" || strings.HasPrefix(strings.ToLower(m[3]), "per")}
		if _, frac, ok := strings.Cut(digits, "."); ok {
			f.decimals = len(frac)
		}
		out = append(out, f)
	}
	return out
}

func significant(digits string) int {
	s := strings.TrimLeft(strings.ReplaceAll(digits, ".", ""), "0")
	if strings.Contains(digits, ".") {
		return len(s)
	}
	return len(strings.TrimRight(s, "0"))
}

// numberTolerance is the relative difference two figures may have and
// still be the same answer (rounding: "1.577 billion" for 1,576.6).
const numberTolerance = 0.005

// sameFigure reports whether a and b state one value, allowing for the
// scale a table is in ("in millions"): a figure of three or more
// significant digits also matches at a factor of 1,000, 1,000,000 or
// 1,000,000,000. Signs are ignored: accounts write negatives in many ways.
func sameFigure(ref, got figure) bool {
	r, g := math.Abs(ref.value), math.Abs(got.value)
	if close(r, g) || roundsTo(ref, got) {
		return true
	}
	if ref.digits < 3 || got.digits < 3 {
		return false
	}
	for _, f := range []float64{1e3, 1e6, 1e9} {
		if close(r*f, g) || close(r, g*f) {
			return true
		}
	}
	return false
}

// roundsTo: a percentage written to a precision ("12%") is every value
// that rounds to it ("11.5 %"), when it is written with two digits or
// more ("8%" is not 7.6 %).
func roundsTo(ref, got figure) bool {
	if !ref.percent || !got.percent || math.Abs(ref.value) < 10 && ref.decimals == 0 {
		return false
	}
	p := math.Pow(10, float64(ref.decimals))
	return math.Round(math.Abs(got.value)*p) == math.Round(math.Abs(ref.value)*p)
}

func close(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= numberTolerance*math.Max(math.Abs(a), math.Abs(b))
}

// shortAnswerWords is the most words a reference answer has to be taken
// as a figure or a name rather than a sentence.
const shortAnswerWords = 6

// minWordRecall is the least share of a sentence answer's content words
// that must be in the text.
const minWordRecall = 0.6

// Matcher decides whether reference answers are found in texts. Analyze
// splits text into content terms (the index's analyzer: lower case, stop
// words out, stems).
type Matcher struct {
	Analyze func(string) []string
}

// Found reports whether the reference answer ref is stated in text. A
// short answer with figures needs every figure; a short answer without
// figures, and a sentence, need minWordRecall of their content words,
// figures among them.
func (m Matcher) Found(ref, text string) bool {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return false
	}
	want := figures(ref)
	have := figures(text)
	short := len(strings.Fields(ref)) <= shortAnswerWords
	if short && len(want) > 0 {
		for _, w := range want {
			if !anyFigure(w, have) {
				return false
			}
		}
		return true
	}
	words := m.contentWords(numberRE.ReplaceAllString(ref, " "))
	total := len(words) + len(want)
	if total == 0 {
		return false
	}
	inText := map[string]bool{}
	for _, t := range m.Analyze(text) {
		inText[t] = true
	}
	got := 0
	for _, w := range words {
		if inText[w] {
			got++
		}
	}
	for _, w := range want {
		if anyFigure(w, have) {
			got++
		}
	}
	return float64(got) >= minWordRecall*float64(total)
}

// contentWords are the distinct analysed terms of s.
func (m Matcher) contentWords(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range m.Analyze(s) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func anyFigure(w figure, have []figure) bool {
	for _, h := range have {
		if sameFigure(w, h) {
			return true
		}
	}
	return false
}

// firstLine is the answer's first line, where a reader looks first.
func firstLine(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return line
}
