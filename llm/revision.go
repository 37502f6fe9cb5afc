package llm

import (
	"fmt"
	"regexp"
	"strings"

	"quire/search"
)

// "By how many percentage points did Pepsico raise full year guidance in
// respect of core constant currency EPS growth?" is answered by no
// figure: the release says "core constant currency EPS to increase 9
// percent (previously 8 percent)", beside the same for organic revenue.
// A revised figure is written with the one it replaces in brackets; the
// answer is their difference, for the pair whose words are the measure
// asked, with the sentence quoted.

// revisionAsked: the question asks by how much an outlook was revised.
var revisionAsked = regexp.MustCompile(`(?i)\bby how (?:much|many (?:percentage )?points|many percent)\b.*\b(?:rais|lower|cut|increas|reduc|revis|chang|updat|tighten|narrow)\w*\b.*\b(?:guidance|outlook|forecast|expectations?|targets?)\b`)

// previouslyRE is a revised figure and the one it replaces: "9 percent
// (previously 8 percent)", "$7.27 (previously $7.20)".
var previouslyRE = regexp.MustCompile(`(?i)(\(?[-−]?\$?\d[\d,]*(?:\.\d+)?\)?\s*(?:%|percent)?)\s*([^()\d]{0,60}?)\s*\(previously\s+(?:an?\s+)?([-−]?\$?\d[\d,]*(?:\.\d+)?\s*(?:%|percent)?)\)`)

// revisionWords ask about the revision, not what it is of.
const revisionWords = "how many much raise raised lower lowered cut increase increased reduce reduced revise revised change changed update updated tighten narrow guidance outlook forecast expectation expectations target targets point points percentage percent full year fiscal respect regard terms"

// revisionPair is one revised figure of a unit.
type revisionPair struct {
	now, before amount
	nowText     string // the figures as written
	beforeText  string
	context     string // the words that say what it measures
}

// revisions reads the revised figures of a text: each with the words
// between the previous one and it, which name what it measures.
func revisions(text string) []revisionPair {
	var out []revisionPair
	from := 0
	for _, m := range previouslyRE.FindAllStringSubmatchIndex(text, -1) {
		now, before := figureOf(text[m[2]:m[3]]), figureOf(text[m[6]:m[7]])
		if now == nil || before == nil || now.percent != before.percent {
			from = m[1]
			continue
		}
		out = append(out, revisionPair{now: *now, before: *before, nowText: strings.TrimSpace(text[m[2]:m[3]]), beforeText: strings.TrimSpace(text[m[6]:m[7]]), context: text[from:m[0]] + " " + text[m[4]:m[5]]})
		from = m[1]
	}
	return out
}

// figureOf reads the one amount of s, "8 percent" a percentage.
func figureOf(s string) *amount {
	_, as := split(readings(s))
	if len(as) != 1 {
		return nil
	}
	a := as[0]
	a.percent = a.percent || strings.Contains(strings.ToLower(s), "percent")
	return &a
}

// computeRevision answers by how much an outlook was revised from the
// unit, among the best-covering ones, whose revised figure is written
// beside the most words of the measure asked (half of them at least).
func (e Extractive) computeRevision(question string, units []unit, res search.Result) (computed, bool) {
	if !revisionAsked.MatchString(question) || e.Analyze == nil {
		return computed{}, false
	}
	skip := e.notMeasure(res)
	for _, t := range e.Analyze(revisionWords) {
		skip[t] = true
	}
	measure := e.measureTerms(question, skip)
	// Two revised figures that say the measure alike and moved by other
	// amounts leave the question open ("growth" of revenue and of EPS).
	best, bestN, tie := -1, 0, false
	var pick revisionPair
	for i, u := range units {
		for _, p := range revisions(u.text) {
			switch n := e.wordsOf(measure, p.context); {
			case n > bestN:
				best, bestN, pick, tie = i, n, p, false
			case n == bestN && n > 0:
				tie = tie || p.now.value-p.before.value != pick.now.value-pick.before.value
			}
		}
	}
	if best < 0 || tie || 2*bestN < len(measure) {
		return computed{}, false
	}
	return computed{line: "Computed: " + revisionLine(pick), units: units[best : best+1]}, true
}

// wordsOf counts the terms of measure that text holds.
func (e Extractive) wordsOf(measure []string, text string) int {
	have := e.termSet(text)
	n := 0
	for _, t := range measure {
		if have[t] {
			n++
		}
	}
	return n
}

// revisionLine says which way and by how much the figure was revised.
func revisionLine(p revisionPair) string {
	d := p.now.value - p.before.value
	way := "raised"
	if d < 0 {
		way, d = "lowered", -d
	}
	decimals := max(p.now.decimals, p.before.decimals)
	by := number(d, decimals, p.now.grouped)
	switch {
	case d == 0:
		return fmt.Sprintf("unchanged: %s, previously %s", p.nowText, p.beforeText)
	case p.now.percent:
		unit := "percentage points"
		if by == "1" {
			unit = "percentage point"
		}
		return fmt.Sprintf("%s by %s %s: %s, previously %s", way, by, unit, p.nowText, p.beforeText)
	}
	return fmt.Sprintf("%s by %s: %s, previously %s", way, by, p.nowText, p.beforeText)
}
