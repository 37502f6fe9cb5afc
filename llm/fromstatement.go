package llm

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"quire/internal/stats"
	"quire/search"
)

// A question that names a financial statement ("… based on the balance
// sheet") asks for one of its rows, and the notes repeat the row's words
// in sentences that cover the question better: "Total $ 47 $ 9 $ 56" of
// a note's table was quoted for Best Buy's inventories while the balance
// sheet's "Merchandise inventories 5,409 5,209" ranked first. The
// statement's rows are tried first; when none of them states what is
// asked, the answer is sought among every unit as before.

// fromStatement answers from the rows of the hits that are a statement
// the question names. A row that is the line item the question names in
// an analyst's words (itemRow) answers first; else the rows whose label
// holds a word asked besides the statement's name ("Cash and cash
// equivalents" does not answer for holding "cash" of "the cash flow
// statement") and the question's names, and whose columns, when they say
// their years, hold the year asked, are tried from the one whose label is
// most wholly what is asked: "Net income" before "Other comprehensive
// income (loss): Net change in foreign currency …".
func (e Extractive) fromStatement(question string, terms []search.Term, units, all []unit, res search.Result) (chosen []unit, lead int, ok bool) {
	if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.Statement }) {
		return nil, 0, false
	}
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	years := search.AskedYears(question)
	if chosen, lead, ok := e.itemRow(question, terms, all, res, src, years); ok {
		return chosen, lead, true
	}
	asked := e.lowerAsked(question)
	measure := e.lowerAsked(search.WithoutStatementNames(question))
	var rows []unit
	var precision []float64
	for _, u := range units {
		if res.Hits[u.hit].Statement && e.rowAnswers(u, measure, years, src) {
			rows = append(rows, u)
			precision = append(precision, e.labelPrecision(u, asked))
		}
	}
	if len(rows) == 0 {
		return nil, 0, false
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(precision[b], precision[a]) })
	ordered := make([]unit, len(rows))
	for i, j := range idx {
		ordered[i] = rows[j]
	}
	return e.stated(question, terms, ordered, nil, all, res)
}

// itemRow answers from the statement row that is the line item the
// question names in an analyst's words (lineitem.go), however the filing
// labels it: "capital expenditure" is 3M's "Purchases of property, plant
// and equipment (PP&E)". The row is checked as stating what is asked with
// the question in the filing's words, the item's name replaced by the
// row's label.
func (e Extractive) itemRow(question string, terms []search.Term, all []unit, res search.Result, src lineSource, years []int) (chosen []unit, lead int, ok bool) {
	items := askedItems(question)
	if len(items) == 0 {
		return nil, 0, false
	}
	for _, u := range all {
		said, label, ok := labelsItem(u, items)
		if !ok || !res.Hits[u.hit].Statement || !yearsHold(u, years, src) {
			continue
		}
		if chosen, lead, ok := e.stated(replaceFold(question, said, label), terms, []unit{u}, nil, all, res); ok {
			return chosen, lead, true
		}
	}
	return nil, 0, false
}

// replaceFold replaces the first old in s, in any case, by new.
func replaceFold(s, old, new string) string {
	i := strings.Index(strings.ToLower(s), strings.ToLower(old))
	if i < 0 {
		return s
	}
	return s[:i] + new + s[i+len(old):]
}

// lowerAsked are the analysed words asked (askedTerms) that the question
// writes in lower case: a statement's lines are asked so ("accounts
// payable"), and its capitalised words name the company ("Due to MGM
// Resorts International" is no answer about MGM Resorts' payables).
func (e Extractive) lowerAsked(question string) map[string]bool {
	asked := e.askedTerms(question)
	lower := map[string]bool{}
	for _, w := range strings.Fields(question) {
		if w == strings.ToLower(w) {
			for _, t := range e.Analyze(w) {
				lower[t] = asked[t]
			}
		}
	}
	for t, ok := range lower {
		if !ok {
			delete(lower, t)
		}
	}
	return lower
}

// labelPrecision is the share of a row label's words that are asked.
func (e Extractive) labelPrecision(u unit, asked map[string]bool) float64 {
	label, _, _ := cells(rowText(u))
	return stats.ShareIn(e.Analyze(label), asked)
}

// rowAnswers: u is a row of figures whose label holds a word of the
// measure asked and whose columns, if known, are of a year asked.
func (e Extractive) rowAnswers(u unit, measure map[string]bool, years []int, src lineSource) bool {
	label, _, ok := cells(rowText(u))
	if !ok || !tableRow(rowText(u)) {
		return false
	}
	if !slices.ContainsFunc(e.Analyze(label), func(t string) bool { return measure[t] }) {
		return false
	}
	return yearsHold(u, years, src)
}

// yearsHold: a row's column years, when known, hold a year asked.
func yearsHold(u unit, years []int, src lineSource) bool {
	r, ok := src.headedRow(u)
	if !ok || len(years) == 0 {
		return true
	}
	return slices.ContainsFunc(years, func(y int) bool { return slices.Contains(r.head.years, y) })
}

// askedItem is a statement line (lineitem.go) the question names in an
// analyst's words, and those words.
type askedItem struct {
	item *lineItem
	said string
}

// askedItems are the statement lines the question names. A line's words
// name no other line: the "sales" of "cost of sales" is not revenue
// ("What was Boeing's cost of sales in 2022?" was answered with its total
// revenues).
func askedItems(question string) []askedItem {
	q := strings.ToLower(question)
	var out []askedItem
	for i := 0; i < len(q); i++ {
		if i > 0 && isAlnum(q[i-1]) {
			continue // a phrase starts at a word
		}
		end := i
		for _, it := range lineItems {
			if m := it.asked.FindString(q[i:]); m != "" && !slices.ContainsFunc(out, func(a askedItem) bool { return a.item == it }) {
				out = append(out, askedItem{it, m})
				end = max(end, i+len(m)-1)
			}
		}
		i = end
	}
	return out
}

// itemWords are the analysed words with which the question names
// statement lines.
func (e Extractive) itemWords(question string) map[string]bool {
	out := map[string]bool{}
	for _, a := range askedItems(question) {
		for _, t := range e.Analyze(a.said) {
			out[t] = true
		}
	}
	return out
}

// labelsItem returns the words of the asked line item whose label, as
// filings give it, the row's is, and that label.
func labelsItem(u unit, items []askedItem) (said, label string, ok bool) {
	label, _, ok = cells(rowText(u))
	if !ok || !tableRow(rowText(u)) {
		return "", "", false
	}
	l := normLabel(label)
	if minorityShare(l) {
		return "", "", false
	}
	short := strings.TrimSpace(abbrevEnd.ReplaceAllString(l, ""))
	for _, a := range items {
		for _, re := range a.item.labels {
			if re.MatchString(l) || re.MatchString(short) {
				return a.said, short, true
			}
		}
	}
	return "", "", false
}

// abbrevEnd is the abbreviation a label may end in: "Purchases of
// property, plant and equipment (PP&E)".
var abbrevEnd = regexp.MustCompile(`\s*\([a-z&]{2,6}\)$`)
