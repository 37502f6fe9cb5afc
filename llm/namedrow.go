package llm

import (
	"slices"

	"quire/search"
)

// In a large library a question that names a table's row ("What is the
// value of vehicles in 2018 and 2019 respectively?") matches prose of
// other filings better, word for word, than the row itself ("Vehicles
// 778 937"), which says one of its words: "The fair value of the
// investment vehicles was $44 million and $99 million at February 2,
// 2019, and February 3, 2018, respectively" was quoted. The search marks
// the hit that holds the row (search.Hit.Row); its rows whose whole label
// the question says are tried first.

// fromNamedRow answers as stated does, with the rows of the hits marked
// search.Hit.Row whose whole label the question says (namedRows) and
// whose label alone states the whole measure asked tried first, in
// namedRows' order; the other units follow as before, and may be quoted
// beside the row. A label that states part of the measure ("Restricted
// cash" for "the amount in escrow as restricted cash", "Buildings" for
// "buildings and improvements") is another line than the one asked.
func (e Extractive) fromNamedRow(question string, terms []search.Term, units, all []unit, res search.Result) (chosen []unit, lead int, ok bool) {
	if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.Row }) {
		return nil, 0, false
	}
	measure := e.measureTerms(question, e.notMeasure(res))
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	asked := search.AskedYears(question)
	var rows, elsewhere []unit
	for _, u := range namedRows(question, units, src.at) {
		switch {
		case !e.labelHolds(u, measure):
		case !ofAskedYears(asked, u.text, src.tablePeriod(u)):
		case res.Hits[u.hit].Row:
			rows = append(rows, u)
		default:
			elsewhere = append(elsewhere, u)
		}
	}
	if len(rows) == 0 {
		return nil, 0, false
	}
	chosen, lead, ok = e.stated(question, terms, merge(rows, units), nil, all, res)
	if !ok {
		return nil, 0, false
	}
	more := otherDocuments(chosen[0], elsewhere, chosen, res)
	out := append(slices.Clone(chosen[:lead]), more...)
	return merge(out, chosen[lead:]), lead + len(more), true
}

// otherDocuments is the first of rows from each document other than
// first's, that chosen does not quote: where another filing holds a row
// of the same name ("Audit Fees" of two companies' proxy statements),
// the question may mean either, and the answer quotes both, one after
// the other.
func otherDocuments(first unit, rows, chosen []unit, res search.Result) []unit {
	seen := map[uint64]bool{res.Hits[first.hit].Doc.ID: true}
	var out []unit
	for _, u := range rows {
		if d := res.Hits[u.hit].Doc.ID; !seen[d] && !slices.ContainsFunc(chosen, u.same) {
			seen[d] = true
			out = append(out, u)
		}
	}
	return out
}

// labelHolds: the label of the row u states every word of measure.
func (e Extractive) labelHolds(u unit, measure []string) bool {
	label, _ := tableRowLabel(u)
	return holdsMeasure(unit{terms: e.termSet(label)}, measure)
}

// ofAskedYears: a row that names no year is of its table's period; when
// the question asks for years, a period that names none of them is
// another one's (the rows of 2020 in a statement of equity, asked for
// 2021).
func ofAskedYears(asked []int, row, period string) bool {
	return len(asked) == 0 || yearRE.MatchString(row) || !yearRE.MatchString(period) || namesYear(period, asked)
}
