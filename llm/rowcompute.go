package llm

import "strings"

// The compute step (compute.go) reads figures from a unit that names the
// whole measure asked. A table row often names only its own part of it:
// "What is the change in provision (benefit) for state and local income
// taxes between 2018 and 2019?" is answered by the row "State and local
// 276 249" of the table "The provision (benefit) for income taxes
// consists of the following", under the columns "2019 2018". Once the
// answer has chosen that row to answer first (its table's words count
// there), the computation asked is worked on the row under its column
// years, and the row is quoted with its years, so the reader can check it.

// headedRow is a table row read under its table's columns.
type headedRow struct {
	label   string
	cells   []string // one for each column: "11,459 (12%)" for a figure and its share
	amounts []amount // each column's figure
	head    columnHead
}

// headedRow reads u as a table row under its table's column years: one
// figure for each column, or a figure and its share in percent for each
// ("Cheese 11,459 12% 11,486 11%" under "2019 2018").
func (s lineSource) headedRow(u unit) (headedRow, bool) {
	row := rowText(u)
	label, cs, ok := cells(row)
	if !ok || !tableRow(row) || len(cs) < 2 {
		return headedRow{}, false
	}
	r := headedRow{label: label, cells: cs, amounts: cellAmounts(cs)}
	if pairs, amounts, ok := withShares(cs); ok {
		r.cells, r.amounts = pairs, amounts
	}
	h, ok := s.headOf(u, len(r.cells))
	if !ok {
		return headedRow{}, false
	}
	r.head = h
	if percents(cs) || h.perShareApart && perShare(r.cells) {
		r.head.scale = "" // a table's "in millions" is not its rates', nor its earnings per share
	}
	return r, true
}

// rowSeries is a table row's figures by column year: under the header
// its line was read with, else as headedRow reads it.
func (s lineSource) rowSeries(u unit) (series, bool) {
	if r, ok := rowSeries(u); ok {
		return r, true
	}
	return s.headedSeries(u)
}

// headedSeries is u's figures by column year, read as headedRow reads
// them.
func (s lineSource) headedSeries(u unit) (series, bool) {
	r, ok := s.headedRow(u)
	if !ok {
		return nil, false
	}
	return zip(r.head.years, r.amounts)
}

// cellAmounts reads each cell's figure; with a dash (an empty cell) the
// row has none.
func cellAmounts(cs []string) []amount {
	var out []amount
	for _, c := range cs {
		_, as := split(readings(c))
		if len(as) != 1 {
			return nil
		}
		out = append(out, as[0])
	}
	return out
}

// withShares reads a row whose every figure is followed by its share in
// percent: each figure with its share as one cell, and the figures.
func withShares(cs []string) (pairs []string, amounts []amount, ok bool) {
	all := cellAmounts(cs)
	if len(cs)%2 != 0 || len(all) != len(cs) {
		return nil, nil, false
	}
	for i := 0; i < len(all); i += 2 {
		if all[i].percent || !all[i+1].percent {
			return nil, nil, false
		}
		pairs = append(pairs, cs[i]+" ("+strings.TrimSpace(cs[i+1])+")")
		amounts = append(amounts, all[i])
	}
	return pairs, amounts, true
}

// computeRow works the computation the question asks on the row the
// answer quotes first, when that row states a figure for every year
// asked.
func (e Extractive) computeRow(question string, chosen []unit, lead int, all []unit) (computed, bool) {
	a, ok := askedArithmetic(question)
	if !ok || lead == 0 {
		return computed{}, false
	}
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	r, ok := src.headedRow(chosen[0])
	if !ok {
		return computed{}, false
	}
	s, ok := zip(r.head.years, r.amounts)
	if !ok || !s.has(a.years) || s.percent(a.years) && !a.ofPercent {
		return computed{}, false
	}
	line, ok := work(a, s)
	if !ok {
		return computed{}, false
	}
	return computed{line: line, units: chosen[:1]}, true
}
