package llm

import (
	"cmp"
	"maps"
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

// statementWords name the statements; a row does not answer by holding
// them ("Cash and cash equivalents" for a question on the cash flow
// statement).
const statementWords = "statement statements balance sheet sheets cash flow flows income operations earnings financial position condition profit loss"

// fromStatement is stated over the rows of the hits that are a statement
// the question names: rows whose label holds a word asked besides the
// statement's name and the question's names, and whose columns, when
// they say their years, hold the year asked. The row whose label is most
// wholly what is asked is tried first: "Net income" before "Other
// comprehensive income (loss): Net change in foreign currency …".
func (e Extractive) fromStatement(question string, terms []search.Term, units, all []unit, res search.Result) (chosen []unit, lead int, ok bool) {
	if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.Statement }) {
		return nil, 0, false
	}
	asked := e.lowerAsked(question)
	measure := maps.Clone(asked)
	for _, t := range e.Analyze(statementWords) {
		delete(measure, t)
	}
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	years := search.AskedYears(question)
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
	return e.stated(question, terms, ordered, all, res)
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
	r, ok := src.headedRow(u)
	if !ok || len(years) == 0 {
		return true
	}
	return slices.ContainsFunc(years, func(y int) bool { return slices.Contains(r.head.years, y) })
}
