package llm

import (
	"slices"

	"quire/search"
)

// "How much did American Water Works pay out in cash dividends for
// FY2020? … using the statement of cash flows" asks for one line of a
// statement for one year. The search brings the statement's first
// chunks, and its "Dividends paid" row is five chunks further down; an
// analyst reads the statement itself. So does this, as a formula's terms
// are read (statements.go): the row that is the line asked, in the
// statements of the documents asked about, quoted with its column years
// and cited to its page.

// lookupStatement answers a question that names a financial statement and
// asks for one line item (lineitem.go) for one year from the row that
// states it; ok is false when the question asks for more, or the
// statements state it for that year in no row, or in two rows differently.
func (e Extractive) lookupStatement(question string, res search.Result) (computed, bool) {
	if e.Chunk == nil || !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.Statement }) {
		return computed{}, false
	}
	items := askedItems(question)
	years := questionYears(question)
	if len(items) != 1 || len(years) != 1 {
		return computed{}, false
	}
	docs := e.statementDocs(question, res)
	_, row, d, err := lookup(docs, items[0].item, years[0])
	if err != nil {
		return computed{}, false
	}
	units, extra := formulaUnits([]usedRow{{row: row, doc: d}}, docs, res, years)
	return computed{units: units, extra: extra}, true
}

// yearsRow writes a statement's row with its column years, the year
// asked first (see writeRow); text, as formulaUnits quotes it, when its
// header gives no column for each figure.
func yearsRow(text string, row *stmtRow, asked []int) string {
	h, ok := headerColumns(row.header)
	if !ok {
		return text
	}
	h.scale = row.scale
	label, cs, ok := cells(row.loc)
	if !ok || len(cs) != len(h.names) {
		return text
	}
	return writeRow(label, cs, h, asked)
}
