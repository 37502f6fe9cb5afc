package llm

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"quire/search"
)

// Word coverage cannot tell an on-topic question the documents do not
// answer from one they do: "What is the list price of the Magpie-4?" has
// every word in a handbook that prices only the Magpie-7. states asks of
// the quoted units what a careful reader would before answering:
//
//   - The names the question uses (Magpie-4, Northwind Premium, Chief
//     Financial Officer) are in the passage quoted from.
//   - The period it asks about is the units' period: a row of FY2025
//     does not answer for 2024, and a chunk that never names 2019 does
//     not answer for FY2019.
//   - It is the kind of answer asked for: a figure for "how many", a
//     year or date for "when", a name for "who".

// states reports whether the chosen units (the best one and what it
// brings along) state what the question asks; the kind of answer may come
// from any unit the answer quotes.
func (e Extractive) states(question string, chosen, quoted []unit, res search.Result) bool {
	var units, chunks, said strings.Builder
	for _, u := range quoted {
		said.WriteString(u.text + "\n")
	}
	docYear := 0
	for _, u := range chosen {
		units.WriteString(u.text + "\n")
	}
	seen := map[int]bool{}
	for _, u := range chosen {
		if !seen[u.hit] {
			seen[u.hit] = true
			h := res.Hits[u.hit]
			chunks.WriteString(h.Chunk.Text + "\n" + h.Doc.Name + "\n" + h.Doc.Heading + "\n")
			if docYear == 0 {
				docYear = nameYear(h.Doc.Name)
			}
		}
	}
	var all strings.Builder
	for _, h := range res.Hits {
		all.WriteString(h.Chunk.Text + "\n")
	}
	return namesPresent(question, chunks.String(), commonWords(all.String())) &&
		periodMatches(question, units.String(), chunks.String(), docYear) &&
		kindMatches(question, said.String(), chunks.String())
}

// questionStarts are capitalised words that shape a question rather than
// name something.
var questionStarts = map[string]bool{"what": true, "who": true, "whom": true, "whose": true, "when": true, "where": true, "which": true, "why": true, "how": true, "is": true, "are": true, "was": true, "were": true, "do": true, "does": true, "did": true, "can": true, "could": true, "should": true, "would": true, "will": true, "i": true, "the": true, "a": true, "an": true, "in": true, "on": true, "for": true, "if": true, "please": true, "tell": true, "list": true, "compare": true, "according": true, "based": true, "using": true, "by": true, "we": true, "answer": true, "what's": true, "who's": true, "from": true, "of": true, "and": true, "to": true, "my": true}

// nameWordRE: a word of a name — capitalised, or a code mixing letters
// and digits (Magpie-4, ZR-INSP-22).
var nameWordRE = regexp.MustCompile(`^(?:\p{Lu}[\p{L}&.'’-]*|[\p{L}]+-?\d[\p{L}\d-]*)$`)

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// periodRE: a period, not a name (FY2019, Q3, H1, 2Q23); the period
// check looks at those.
var periodRE = regexp.MustCompile(`(?i)^(?:fy'?\d{2,4}(?:[qh][1-4])?|[qh][1-4](?:'?\d{2,4})?|\d[qh]'?\d{2,4}|(?:19|20)\d\d(?:[qh][1-4])?)$`)

// names returns the phrases of consecutive name words in the question,
// leaving out its first word and words that shape questions.
func names(question string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
		cur = nil
	}
	start := true // the first word of a sentence is capitalised anyway
	for _, raw := range strings.Fields(question) {
		w := strings.TrimRight(strings.TrimLeft(raw, `"“(`), `?.,;:!"”)`)
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if start || w == "" || questionStarts[strings.ToLower(w)] || !nameWordRE.MatchString(w) || isAllCaps(w) && !hasDigit(w) || periodRE.MatchString(w) || months[strings.ToLower(w)] {
			flush()
		} else {
			cur = append(cur, w)
		}
		start = strings.ContainsAny(raw[len(raw)-1:], ".?!:")
		if strings.ContainsAny(raw, ",;()") {
			flush()
		}
	}
	flush()
	return out
}

// isAllCaps: an abbreviation (SLA, MTBF, USD), which documents write out
// as often as not.
func isAllCaps(w string) bool { return strings.ToUpper(w) == w && strings.ToLower(w) != w }

// namesPresent: every name phrase of the question is in text, compared
// without case, punctuation or hyphens (or spaces: "General Mills" is in
// GENERALMILLS_2019_10K.pdf). Words the documents also write in lower
// case are ordinary words in title case ("Balance Sheet", "Revenue"):
// a phrase of only such words is no name, and they are trimmed from a
// name's end ("American Express Balance Sheet" names American Express).
func namesPresent(question, text string, common map[string]bool) bool {
	flat := flatten(text)
	joined := strings.ReplaceAll(flat, " ", "")
	for _, n := range names(question) {
		ws := strings.Fields(n)
		for len(ws) > 0 && common[strings.ToLower(ws[len(ws)-1])] {
			ws = ws[:len(ws)-1]
		}
		if len(ws) == 0 {
			continue
		}
		f := flatten(strings.Join(ws, " "))
		if !strings.Contains(flat, f) && !strings.Contains(joined, strings.ReplaceAll(f, " ", "")) {
			return false
		}
	}
	return true
}

// commonWords are the words text writes in lower case at least once.
func commonWords(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
		if r := []rune(w)[0]; unicode.IsLower(r) {
			set[w] = true
		}
	}
	return set
}

// flatten lower-cases s and keeps only its letters and digits, with one
// space between words.
func flatten(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if r == '-' || r == '‐' {
			continue
		}
		if isWordRune(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return " " + b.String() + " "
}

var yearRE = regexp.MustCompile(`\b(?:19|20)\d\d\b`)

// reportYears is how far back a dated report (a 10-K of 2019) reports:
// its tables compare up to five years.
const reportYears = 5

// nameYear is the year a file name gives (NETFLIX_2017_10K.pdf), 0 if none.
func nameYear(name string) int {
	m := yearRE.FindString(strings.NewReplacer("_", " ", "-", " ", ".", " ").Replace(name))
	y, _ := strconv.Atoi(m)
	return y
}

// periodMatches: when the question asks about years, the quoted units
// name one of them; units that name no year stand for their table's
// period: the document's year covers the years it reports on, and a
// document without one must name an asked year near the units.
func periodMatches(question, units, chunks string, docYear int) bool {
	asked := search.AskedYears(question)
	if len(asked) == 0 {
		return true
	}
	has := func(text string) bool {
		for _, v := range asked {
			y := strconv.Itoa(v)
			if strings.Contains(text, y) || strings.Contains(strings.ToLower(text), "fy"+y[2:]) {
				return true
			}
		}
		return false
	}
	if yearRE.MatchString(units) {
		return has(units)
	}
	if docYear > 0 {
		for _, v := range asked {
			if v <= docYear && v > docYear-reportYears {
				return true
			}
		}
		return false
	}
	return has(chunks)
}

var (
	whoQuestion  = regexp.MustCompile(`(?i)^\s*(?:who|whom|whose)\b|\bname of\b`)
	whenQuestion = regexp.MustCompile(`(?i)^\s*when\b|\bwhat (?:year|date|day|month)\b|\bin what year\b`)
	howMany      = regexp.MustCompile(`(?i)\bhow (?:many|much)\b|\bwhat (?:percentage|percent|proportion)\b`)
)

// kindMatches: the units hold the kind of answer the question asks for;
// a person's name may stand near them in their passage ("CEO" in one
// sentence, "Iris Kallas" in the next).
func kindMatches(question, units, passage string) bool {
	switch {
	case whoQuestion.MatchString(question):
		return holdsName(question, passage)
	case whenQuestion.MatchString(question):
		return yearRE.MatchString(units) || dateRE.MatchString(units)
	case howMany.MatchString(question):
		return hasFigure(stripYears(units))
	}
	return true
}

var dateRE = regexp.MustCompile(`(?i)\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b`)

func stripYears(s string) string { return yearRE.ReplaceAllString(s, "") }

// holdsName: the units hold two consecutive capitalised words that the
// question does not, inside a line (a person's name, not a heading).
func holdsName(question, units string) bool {
	inQ := map[string]bool{}
	for _, w := range strings.Fields(question) {
		inQ[strings.ToLower(strings.Trim(w, "?.,'’s"))] = true
	}
	for _, line := range strings.Split(units, "\n") {
		ws := strings.Fields(line)
		for i := 1; i+1 < len(ws); i++ {
			a, b := strings.Trim(ws[i], ".,;:()"), strings.Trim(ws[i+1], ".,;:()")
			if capitalised(a) && capitalised(b) && !isAllCaps(a) && !isAllCaps(b) && !inQ[strings.ToLower(a)] && !inQ[strings.ToLower(b)] {
				return true
			}
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
