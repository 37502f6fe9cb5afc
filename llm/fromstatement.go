package llm

import (
	"slices"

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
// statement's name, and whose columns, when they say their years, hold
// the year asked.
func (e Extractive) fromStatement(question string, terms []search.Term, units, all []unit, res search.Result) (chosen []unit, lead int, ok bool) {
	if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.Statement }) {
		return nil, 0, false
	}
	asked := e.askedTerms(question)
	for _, t := range e.Analyze(statementWords) {
		delete(asked, t)
	}
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	years := search.AskedYears(question)
	var rows []unit
	for _, u := range units {
		if res.Hits[u.hit].Statement && e.rowAnswers(u, asked, years, src) {
			rows = append(rows, u)
		}
	}
	if len(rows) == 0 {
		return nil, 0, false
	}
	return e.stated(question, terms, rows, all, res)
}

// rowAnswers: u is a row of figures whose label holds a word asked and
// whose columns, if known, are of a year asked.
func (e Extractive) rowAnswers(u unit, asked map[string]bool, years []int, src lineSource) bool {
	label, _, ok := cells(rowText(u))
	if !ok || !tableRow(rowText(u)) {
		return false
	}
	if !slices.ContainsFunc(e.Analyze(label), func(t string) bool { return asked[t] }) {
		return false
	}
	r, ok := src.headedRow(u)
	if !ok || len(years) == 0 {
		return true
	}
	return slices.ContainsFunc(years, func(y int) bool { return slices.Contains(r.head.years, y) })
}
