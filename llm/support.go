package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnsupportedMark follows each sentence of a model's answer that cites no
// valid source (it cited none, or only numbers that name no source), so
// that no claim reads as if the documents backed it.
const UnsupportedMark = "[unsupported]"

// markUnsupported puts UnsupportedMark after every sentence of a checked
// answer (markers already "[n]" of real sources) that states something
// and carries no marker, and returns those sentences. Lead-ins ending in
// a colon and the not-found phrase state nothing and are left alone.
func markUnsupported(text string) (string, []string) {
	var b strings.Builder
	var marked []string
	for _, s := range sentenceSpans(text) {
		sen := text[s.from:s.to]
		b.WriteString(text[s.prev:s.to])
		if markerRE.MatchString(sen) || !claimsSomething(sen) {
			continue
		}
		b.WriteString(" " + UnsupportedMark)
		marked = append(marked, strings.TrimSpace(sen))
	}
	if len(marked) == 0 {
		return text, nil
	}
	return b.String(), marked
}

// span is one sentence text[from:to]; text[prev:from] is the space
// between it and the sentence before.
type span struct{ prev, from, to int }

// sentenceSpans cuts an answer into sentences: at a line break, and after
// '.', '!' or '?' followed by a blank and a word that does not start in
// lower case ("e.g. the" goes on). Citation markers right after the end
// ("… a month. [2] Its …") belong to the sentence before.
func sentenceSpans(text string) []span {
	var out []span
	prev, from := 0, 0
	cut := func(to int) {
		if strings.TrimSpace(text[from:to]) != "" {
			lead := from + len(text[from:to]) - len(strings.TrimLeft(text[from:to], " \t\r\n"))
			out = append(out, span{prev: prev, from: lead, to: to})
			prev = to
		}
		from = to
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n':
			cut(i)
		case (c == '.' || c == '!' || c == '?') && endsSentence(text, i+1):
			end := i + 1
			for {
				j := end + len(text[end:]) - len(strings.TrimLeft(text[end:], " \t"))
				loc := markerRE.FindStringIndex(text[j:])
				if loc == nil || loc[0] != 0 {
					break
				}
				end = j + loc[1]
			}
			cut(end)
			i = end - 1
		}
	}
	cut(len(text))
	if len(out) > 0 {
		out[len(out)-1].to = len(strings.TrimRight(text, " \t\r\n"))
	}
	return out
}

// endsSentence reports whether the punctuation before text[i:] ends a
// sentence: the text ends, or blanks follow and then no lower-case word.
func endsSentence(text string, i int) bool {
	rest := strings.TrimLeft(text[i:], " \t")
	if rest == "" || rest[0] == '\n' || rest[0] == '\r' {
		return true
	}
	if len(rest) == len(text[i:]) {
		return false // "4.8", "a.m": no blank after the point
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !unicode.IsLower(r)
}

// claimsSomething reports whether a sentence states something a source
// must back: it has letters or digits, is not a lead-in ending in a
// colon, and is not the not-found phrase.
func claimsSomething(sen string) bool {
	s := strings.TrimSpace(sen)
	if strings.HasSuffix(s, ":") || saysNotFound(s) {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
