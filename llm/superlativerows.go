package llm

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"quire/search"
)

// An earnings release compares its segments in tables that are no
// financial statement:
//
//	SUPPLEMENTAL DATA – ADJUSTED PROPERTY EBITDAR AND ADJUSTED EBITDAR
//	(In thousands)
//	Three months ended Twelve months ended
//	December 31, 2022  December 31, 2021  December 31, 2022  December 31, 2021
//	Las Vegas Strip Resorts $ 877,052 $ 698,739 $ 3,142,308 $ 1,738,211
//	Regional Operations 319,517 309,250 1,294,630 1,217,814
//	…
//
// "Which region had the highest EBITDAR contribution for MGM during
// FY2022?" asks which row is largest in one column: the table whose title
// names the measure asked, the column of the year (of the twelve months,
// as no quarter is asked). No sentence says so, and the answer abstained.
// It names the row, the column compared and the figure, then quotes the
// rows compared, that one first, so the reader can check it. A table whose
// columns cannot be told apart (two of the year asked, and no period
// words to choose between them) answers nothing.

// rowTable is a table read from a chunk's lines: the lines of its title,
// each column's year and period ("three months", "twelve months",
// "quarter", "year"; "" when unsaid), and its
// rows.
type rowTable struct {
	title   []string
	years   []int
	periods []string
	rows    []colRow
	cells   [][]string // each row's figures as written ("(203,136)")
}

var (
	// periodWordsRE: the words of a table's period header ("Three months
	// ended", "Twelve months ended", "December 31,", "Years ended").
	periodWordsRE = regexp.MustCompile(`(?i)\b(?:(?:three|six|nine|twelve)\s+months|months|years?|quarters?|weeks|ended|ending|fiscal|as\s+of|` + monthName + `)\b\.?|\b\d{1,2},|\b(?:19|20)\d\d\b|[,\s]`)
	// periodGroupRE: a column group's period, in the order the header names them.
	periodGroupRE = regexp.MustCompile(`(?i)\b(three|six|nine|twelve)\s+months\b|\b(quarter|years?)\s+ended\b`)
)

// asksQuarterRE: a question that asks of a quarter without naming which
// ("in the quarter", "the three months ended December 31, 2022", "4Q22").
var asksQuarterRE = regexp.MustCompile(`(?i)\bquarter|\b(?:three|3)[ -]months?\b|\b[1-4]Q`)

// maxTitleLines bounds the lines above a table's header read as its title.
const maxTitleLines = 4

// superlativeRows answers which row of a table in the hits is the largest
// or smallest in the column of the one year asked; ok is false unless
// exactly one table's title names what is asked and exactly one of its
// columns is of that year and period.
func (e Extractive) superlativeRows(question string, hits []search.Hit, all []unit) (computed, bool) {
	sup, year, ok := rowSuperlative(question)
	if !ok {
		return computed{}, false
	}
	measure := e.termSet(sup.measure)
	quarter := askedQuarter(question) > 0 || asksQuarterRE.MatchString(question)
	var found []computed
	for hit, h := range hits {
		lines, _ := hitLines(h)
		for _, t := range rowTables(lines, hit, all) {
			if !e.titleNames(t.title, measure) || e.rowsName(t, measure) {
				continue
			}
			col, ok := t.column(year, quarter)
			if !ok {
				continue
			}
			c := t.answer(sup, col, year, e.measureTitle(t.title, measure))
			if !slices.ContainsFunc(found, func(f computed) bool { return f.line == c.line }) {
				found = append(found, c) // a chunk read as one hit's and another's tail is one table
			}
		}
	}
	if len(found) != 1 {
		return computed{}, false // none, or tables that may disagree
	}
	return found[0], true
}

// rowSuperlative is what superlativeRows may answer: the largest or
// smallest of what, in the one year the question asks.
func rowSuperlative(question string) (sup superlative, year int, ok bool) {
	sup, ok = askedSuperlative(question)
	years := questionYears(question)
	if !ok || len(years) != 1 {
		return superlative{}, 0, false
	}
	return sup, years[0], true
}

// askedRowSuperlative: the question is one superlativeRows may answer.
func askedRowSuperlative(question string) bool {
	_, _, ok := rowSuperlative(question)
	return ok
}

// measured is how many of the measure's terms text holds.
func (e Extractive) measured(text string, measure map[string]bool) int {
	n := 0
	for t := range e.termSet(text) {
		if measure[t] {
			n++
		}
	}
	return n
}

// titleNames: the title holds at least half of the measure's terms, one
// at least.
func (e Extractive) titleNames(title []string, measure map[string]bool) bool {
	n := e.measured(strings.Join(title, " "), measure)
	return n > 0 && 2*n >= len(measure)
}

// rowsName: a row's label holds a term of the measure ("Las Vegas Strip
// Resorts net revenues", "Hold adjustment" under "Reconciliations of …
// net revenues"): the rows are the measure's parts or steps, not the
// members it is compared across.
func (e Extractive) rowsName(t rowTable, measure map[string]bool) bool {
	return slices.ContainsFunc(t.rows, func(r colRow) bool { return holdsAny(e.termSet(r.label), measure) })
}

// minComparedRows: a superlative over a table compares at least this many
// rows; two rows are a line and its adjustment as often as two members.
const minComparedRows = 3

// rowTables reads the tables of a chunk's lines: runs of at least minComparedRows rows
// with a label and the same number of figures, under a header that gives
// a year for each figure. Each row must be a unit of all, to be quoted.
func rowTables(lines []string, hit int, all []unit) []rowTable {
	var out []rowTable
	for i := 0; i < len(lines); i++ {
		label, cs, ok := cells(strings.TrimSpace(lines[i]))
		if !ok || len(cellAmounts(cs)) != len(cs) || !strings.ContainsFunc(label, unicode.IsLetter) {
			continue
		}
		years, periods, top := periodHeader(lines[:i])
		if len(years) != len(cs) {
			continue
		}
		t := rowTable{title: titleAbove(lines[:top]), years: years, periods: periods}
		j := i
		for ; j < len(lines); j++ {
			r, rcs, ok := labelledRow(strings.TrimSpace(lines[j]), len(cs), hit, all)
			if !ok {
				break
			}
			if !strings.HasPrefix(strings.ToLower(r.label), "total") {
				t.rows, t.cells = append(t.rows, r), append(t.cells, rcs)
			}
		}
		if len(t.rows) >= minComparedRows {
			out = append(out, t)
		}
		i = j
	}
	return out
}

// labelledRow reads a labelled row of n figures that is a unit of all,
// and its figures as written.
func labelledRow(line string, n, hit int, all []unit) (colRow, []string, bool) {
	label, cs, ok := cells(line)
	vals := cellAmounts(cs)
	if !ok || len(cs) != n || len(vals) != n || !strings.ContainsFunc(label, unicode.IsLetter) {
		return colRow{}, nil, false
	}
	u, quoted := unitOf(all, hit, line)
	if !quoted {
		return colRow{}, nil, false
	}
	label = strings.TrimSpace(strings.TrimRight(label, "$ "))
	return colRow{label: footnoteMark.ReplaceAllString(label, ""), vals: vals, u: u}, cs, true
}

// footnoteMark: a footnote's number on a row's label ("Corporate(2)").
var footnoteMark = regexp.MustCompile(`\(\d\)$`)

// periodHeader reads the header lines just above a table's first row,
// read upwards while they hold only period words, dates and years: each
// column's year in order, its period when the header names it or groups
// of columns ("Three months ended Twelve months ended"; a 10-Q's "Three
// Months Ended March 31," heads every column), and the index of the
// header's top line.
func periodHeader(above []string) (years []int, periods []string, top int) {
	top = len(above)
	for top > 0 && strings.TrimSpace(periodWordsRE.ReplaceAllString(above[top-1], "")) == "" {
		top--
	}
	var groups []string
	for _, l := range above[top:] {
		for _, m := range periodGroupRE.FindAllStringSubmatch(l, -1) {
			g := strings.ToLower(m[1]) + " months"
			if m[1] == "" {
				g = strings.TrimSuffix(strings.ToLower(m[2]), "s")
			}
			groups = append(groups, g)
		}
		for _, w := range strings.Fields(l) {
			if isYear(w) {
				y, _ := strconv.Atoi(strings.Trim(w, "()[],;:"))
				years = append(years, y)
			}
		}
	}
	periods = make([]string, len(years))
	if len(groups) > 0 && len(years)%len(groups) == 0 {
		per := len(years) / len(groups)
		for i := range periods {
			periods[i] = groups[i/per]
		}
	}
	return years, periods, top
}

// titleAbove is the table's title: up to maxTitleLines lines above its
// header, blank ones aside, up to a row of figures or a sentence (a
// lead-in that ends in ":" is part of it).
func titleAbove(lines []string) []string {
	var out []string
	for i := len(lines) - 1; i >= 0 && len(out) < maxTitleLines; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		if isDataRow(l) || endsSentenceMark(l) {
			break
		}
		out = append([]string{l}, out...)
	}
	return out
}

// column is the one column of year and of the period asked: a quarter's
// ("three months", "quarter") when the question asks a quarter, else a
// whole year's ("twelve months", "year"); ok is false when none or more
// than one is.
func (t rowTable) column(year int, quarter bool) (int, bool) {
	col := -1
	for i, y := range t.years {
		p := t.periods[i]
		if y != year || p != "" && (p == "three months" || p == "quarter") != quarter || p == "six months" || p == "nine months" {
			continue
		}
		if col >= 0 {
			return 0, false
		}
		col = i
	}
	return col, col >= 0
}

// answer names the largest (or smallest) row in column col and quotes
// every row compared, that one first, each with its figure of that
// column (the row's whole line is what its citation shows); title is the
// table's line quoted for it.
func (t rowTable) answer(sup superlative, col, year int, title string) computed {
	best := 0
	for i, r := range t.rows {
		v, b := r.vals[col].value, t.rows[best].vals[col].value
		if sup.largest && v > b || !sup.largest && v < b {
			best = i
		}
	}
	period := strconv.Itoa(year)
	if p := t.periods[col]; p != "" && p != "year" {
		period = fmt.Sprintf("the %s of %d", p, year)
	}
	scale := ""
	nearestFirst := slices.Clone(t.title)
	slices.Reverse(nearestFirst)
	if s := scaleNear(nearestFirst); s != "" {
		scale = " (" + s + ")"
	}
	line := fmt.Sprintf("Computed: %s is the %s of the %d rows of %s in %s: %s%s.",
		t.rows[best].label, sup.word, len(t.rows), strconv.Quote(title), period, t.cells[best][col], scale)
	units := make([]unit, len(t.rows))
	for i, r := range t.rows {
		units[i] = r.u
		units[i].loc = rowText(r.u)
		units[i].text = fmt.Sprintf("%s, %s: %s", r.label, period, t.cells[i][col])
	}
	return computed{line: line, units: toFront(units, best)}
}

// measureTitle is the title's line that names the measure best, the
// nearest the header of those alike.
func (e Extractive) measureTitle(title []string, measure map[string]bool) string {
	best, most := "", 0
	for _, l := range title {
		if n := e.measured(l, measure); n >= most && n > 0 {
			best, most = l, n
		}
	}
	return best
}
