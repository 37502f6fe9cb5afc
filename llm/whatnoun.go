package llm

import (
	"regexp"
	"slices"
	"strings"
)

// "What dividends did Pfizer pay in 2021?" asks for dividends: the noun
// after "what" is the thing asked for, and the verb after it only says
// what was done with it. Within Pfizer's reports "pay" is the rarer word,
// and the answer began with "Liabilities for uncertain tax positions are
// classified as current only when we expect to pay cash within the next
// 12 months." Of the lines that cover the question nearly as well as the
// best, the first that says the noun asked for goes first.

// whatNoun opens a "what N …" question, up to its noun N, and nounWords
// is N: "What dividends", "Which kinds of languages", "What forms or
// certifications".
const (
	whatNoun  = `(?i)^\s*(?:what|which)\s+(?:(?:kinds?|types?|sorts?)\s+of\s+)?`
	nounWords = `[\p{L}][\p{L}-]+(?:\s+(?:or|and)\s+[\p{L}][\p{L}-]+)?`
)

// whatNounRE finds the noun a question asks for: "What dividends did …",
// "Which languages will …", "What forms or certifications do …".
var whatNounRE = regexp.MustCompile(whatNoun + `(` + nounWords + `)\s+(?:do|does|did|can|could|will|would|should|must|are|is|were|was|has|have|had)\b`)

// kindNouns name the kind of an answer rather than a thing a line says:
// "Which year has a higher value …" is answered by a row of years, which
// need not say "year", and "What industry does AMCOR operate in?" by
// "packaging", not by an auditor's "market and industry data".
var kindNouns = map[string]bool{
	"year": true, "years": true, "month": true, "quarter": true, "day": true, "date": true, "time": true,
	"percentage": true, "percent": true, "amount": true, "number": true, "way": true, "ways": true,
	"one": true, "part": true, "parts": true, "industry": true, "industries": true, "sector": true,
	"region": true, "regions": true, "country": true, "countries": true, "state": true, "city": true,
	"company": true, "companies": true, "segment": true, "segments": true,
}

// askedNouns are the nouns a "what N …" question asks for, lower case;
// nil if it asks for none or only for a kind.
func askedNouns(question string) []string {
	m := whatNounRE.FindStringSubmatch(question)
	if m == nil {
		return nil
	}
	var out []string
	for _, w := range strings.Fields(strings.ToLower(m[1])) {
		if w != "or" && w != "and" && !kindNouns[w] {
			out = append(out, w)
		}
	}
	return out
}

// nounFirst moves to the front, of the units that cover the question
// nearly as well as the best one, the first that says a noun the question
// asks for (see askedNouns), in a sentence or a row with figures, not in
// a heading.
func (e Extractive) nounFirst(question string, units []unit) []unit {
	nouns := askedNouns(question)
	if len(nouns) == 0 {
		return units
	}
	var terms []string
	for _, n := range nouns {
		terms = append(terms, e.Analyze(n)...)
	}
	says := func(text string) bool {
		if headingOf(text) != notHeading || !endsSentenceMark(text) && !hasFigure(text) {
			return false // a heading names the section that says it
		}
		for _, t := range e.Analyze(text) {
			if slices.Contains(terms, t) {
				return true
			}
		}
		return false
	}
	return firstOfKind(units, says, nil)
}

// "What forms or certifications do operators need?" asks about
// operators; in a library of annual reports the answer quoted the
// Sarbanes-Oxley certifications that accompany a Form 10-K, which say
// nothing of operators. A "what N does S …" question is answered by text
// that says its subject S, unless S is a name (the name check's) or a
// pronoun.

// whatSubjectRE finds the words after a "what N" question's auxiliary verb:
// "What forms or certifications do [operators need]?".
var whatSubjectRE = regexp.MustCompile(whatNoun + nounWords + `\s+(?:do|does|did|can|could|will|would|should|must)\s+(.+?)\s*\??\s*$`)

// determiners open a subject without being it.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"our": true, "your": true, "my": true, "their": true, "its": true, "his": true, "her": true,
}

// notSubject stand for a subject said before, or follow the auxiliary
// where there is none ("What steps can be taken").
var notSubject = map[string]bool{
	"i": true, "you": true, "we": true, "they": true, "he": true, "she": true, "it": true, "one": true,
	"be": true, "have": true, "not": true,
}

// askedSubject are the words of a "what N does S …" question's subject
// that the answer must say one of: the first two words after its
// auxiliary verb and the articles, leaving out the question's last word
// (the verb: "do operators need"); nil when the subject is a name, a
// pronoun or none.
func askedSubject(question string) []string {
	m := whatSubjectRE.FindStringSubmatch(question)
	if m == nil {
		return nil
	}
	words := strings.Fields(m[1])
	for len(words) > 0 && determiners[strings.ToLower(words[0])] {
		words = words[1:]
	}
	if len(words) < 2 || notSubject[strings.ToLower(words[0])] {
		return nil
	}
	words = words[:min(2, len(words)-1)]
	var out []string
	for _, w := range words {
		w = strings.Trim(w, ",;:")
		if w == "" || capitalised(w) || notSubject[strings.ToLower(w)] {
			return nil // a name's, or a phrase the name check reads
		}
		out = append(out, strings.ToLower(w))
	}
	return out
}

// saysSubject: text says a word of the question's subject (askedSubject).
func (e Extractive) saysSubject(question, text string) bool {
	subject := askedSubject(question)
	if len(subject) == 0 {
		return true
	}
	have := e.termSet(text)
	for _, w := range subject {
		for _, t := range e.Analyze(w) {
			if have[t] {
				return true
			}
		}
	}
	return false
}
