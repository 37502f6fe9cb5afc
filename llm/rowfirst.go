package llm

import (
	"strconv"
	"strings"

	"quire/search"
)

// A sentence that introduces a table ("Capitalized software development
// costs as of December 31, 2019 and 2018 consisted of the following (in
// thousands):") may match a question best, and brings its rows along;
// but the answer is the row that holds what is asked ("Capitalized
// software development costs $ 6,029 $ 5,102"), and that row goes first.
// Once it carries its column years and unit (withColumns), the lead-in
// follows it as its context.

// rowFirst moves to the front of the answer the table row of its first
// unit's passage that holds the most of what a question for a figure
// asks, in its own line, when one row holds more than every other and
// more than the first unit; it returns the count of units that answer
// first, the row now among them. A row that went first for its table's
// head words ("Goodwill $ 10,368 …" under "Goodwill and indefinite-lived
// intangible assets consisted of the following:") gives way to the row
// that names the measure asked itself.
func (e Extractive) rowFirst(question string, chosen []unit, lead int, at places) ([]unit, int) {
	years := search.AskedYears(question)
	if len(chosen) < 2 || !expectsFigure(question) && len(years) == 0 {
		return chosen, lead
	}
	asked := e.askedTerms(question)
	best, most, tie := -1, 0, false
	if tableRow(rowText(chosen[0])) {
		most = rowScore(at.own(chosen[0]), asked, years)
	}
	for i, u := range chosen[1:] {
		if u.hit != chosen[0].hit || !tableRow(rowText(u)) || !endsInCells(rowText(u)) {
			continue
		}
		n := rowScore(at.own(u), asked, years)
		switch {
		case n > most:
			best, most, tie = i+1, n, false
		case n == most && n > 0:
			tie = true
		}
	}
	if best < 0 || tie {
		return chosen, lead
	}
	out := append([]unit{at.withHeader(chosen[best])}, chosen[:best]...)
	if best >= lead {
		lead++
	}
	return append(out, chosen[best+1:]...), lead
}

// own is the unit of u's line alone, without a header's or a table
// head's words, when there is one.
func (at places) own(u unit) unit {
	if v, ok := at[[2]int{u.hit, u.pos}]; ok && v.loc == "" {
		return v
	}
	return u
}

// rowScore counts the asked words a row's own line holds, and the year
// that labels it when the year is asked ("2024 1,097 862" of a table
// whose rows are years).
func rowScore(u unit, asked map[string]bool, years []int) int {
	n := 0
	for t := range u.terms {
		if asked[t] {
			n++
		}
	}
	first, _, _ := strings.Cut(rowText(u), " ")
	for _, y := range years {
		if isYear(first) && strings.Trim(first, "()[],;:") == strconv.Itoa(y) {
			n++
		}
	}
	return n
}

// endsInCells: the row's figures close it, after a label or a year ("2024
// 1,097 862"); a line whose only figure is a date's day, or whose figures
// are inside its words, is prose.
func endsInCells(row string) bool {
	if _, _, ok := cells(row); ok {
		return true
	}
	fs := strings.Fields(row)
	if len(fs) < 2 || !isYear(fs[0]) {
		return false
	}
	for _, f := range fs[1:] {
		if !cellPart(f) {
			return false
		}
	}
	return true
}

// withHeader is u's row with its table's header line of names before it
// ("Year Pension Benefits Health Care and Life: 2024 1,097 862"), when
// its label is a year, so the row says what its figures are; a row
// labelled with words is its own (withColumns gives it its years).
func (at places) withHeader(u unit) unit {
	row := rowText(u)
	first, _, _ := strings.Cut(row, " ")
	if !isYear(first) {
		return u
	}
	for _, v := range at.above(u) {
		if isDataRow(v.text) {
			continue
		}
		if !isHeader(v.text) || headerYears(v.text) != nil {
			return u
		}
		h := u
		h.text, h.loc = v.text+": "+row, row
		return h
	}
	return u
}
