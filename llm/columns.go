package llm

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"quire/search"
	"quire/store"
)

// A table row quoted alone does not say which figure is which year:
// "Total current liabilities 5,466,312 4,586,657" sits in a balance sheet
// whose columns are "2017 2016", under "(in thousands, except share and
// per share data)", often in the chunk before the row's. withColumns
// writes each quoted row with its column years and the table's stated
// unit: "Total current liabilities: 5,466,312 (2017) · 4,586,657 (2016)
// (in thousands)", and when the question names a year, that column
// first: "Total current liabilities, 2017: 5,466,312 (in thousands; 2016:
// 4,586,657)".

// maxHeadUp bounds how many lines above a row its column years are
// looked for, across the chunk before it too.
const maxHeadUp = 60

// scaleRE: the unit a table states for its figures ("(in thousands,
// except per share data)", "$ in millions", "(dollars in millions)",
// "(Millions, except share data)", a column's "2023 $ million").
var scaleRE = regexp.MustCompile(`(?i)\bin (thousands|millions|billions)\b|\((?:\$\s*|dollars\s+)?(thousands|millions|billions)\b|\$\s?(thousand|million|billion)\b`)

// columnHead is what a row's table says about its figures: each
// column's name (a year, or a date) and year, and the unit.
type columnHead struct {
	names []string
	years []int
	scale string // "in thousands", or "" when the table states none
	// perShareApart: the unit is stated "except per share data", which
	// the rows of earnings per share are in dollars.
	perShareApart bool
}

// headerColumns reads the columns of a header line: its dates, else its
// years.
func headerColumns(line string) (columnHead, bool) {
	if ds := dateColumns(line); ds != nil {
		h := columnHead{names: ds}
		for _, d := range ds {
			y, _ := strconv.Atoi(d[len(d)-4:])
			h.years = append(h.years, y)
		}
		return h, true
	}
	ys := headerYears(line)
	h := columnHead{years: ys}
	for _, y := range ys {
		h.names = append(h.names, strconv.Itoa(y))
	}
	for _, c := range changeColumns(line, len(ys)) {
		h.names, h.years = append(h.names, c), append(h.years, 0)
	}
	return h, len(ys) > 0
}

// changeColumns are the columns of the change between the years that a
// header line names after them with a sign alone: "2019 2018 $ %" heads
// "Selling expenses $ 11,062 $ 13,477 $ 2,415 17.9%", whose last two
// figures are the change in dollars and in percent, of no year.
func changeColumns(line string, years int) []string {
	ws := strings.Fields(line)
	i := len(ws) - 1
	for i >= 0 && !isYear(ws[i]) {
		i--
	}
	if years < 2 || i < 0 || i == len(ws)-1 {
		return nil
	}
	var out []string
	for _, w := range ws[i+1:] {
		switch w {
		case "$":
			out = append(out, "$ change")
		case "%":
			out = append(out, "% change")
		default:
			return nil
		}
	}
	return out
}

// cells splits a table row into its label and its figures, each figure
// with its sign, currency and parentheses ("$ (225 )" is one), a dash for
// an empty cell. ok is false for a line that does not end in figures after
// a label.
func cells(row string) (label string, out []string, ok bool) {
	fs := strings.Fields(row)
	i := len(fs)
	for i > 0 && cellPart(fs[i-1]) {
		i--
	}
	if i == 0 || i == len(fs) || strings.IndexFunc(fs[i-1], unicode.IsLetter) < 0 {
		return "", nil, false
	}
	for _, f := range fs[i:] {
		switch {
		case len(out) > 0 && (f == ")" || f == "%" || strings.HasSuffix(out[len(out)-1], "$")):
			out[len(out)-1] += " " + f
		default:
			out = append(out, f)
		}
	}
	for j, c := range out {
		out[j] = strings.ReplaceAll(strings.ReplaceAll(c, "$ ", "$"), " )", ")")
		if !strings.ContainsAny(c, "0123456789—–-") {
			return "", nil, false // a "$" alone
		}
	}
	return strings.Join(fs[:i], " "), out, true
}

// cellPart: a word that is a figure, a dash for an empty cell, or a sign
// written apart from its figure.
func cellPart(w string) bool {
	return bareFigure.MatchString(w) && !isYear(w) || w == "—" || w == "–" || w == "-" || w == "$" || w == ")" || w == "%"
}

// headerYears are the years a header line gives, in order, when it gives
// them once each and no other figure than the day of a date ("Year ended
// December 31, 2017 2016 2015").
func headerYears(line string) []int {
	ws := strings.Fields(line)
	if len(ws) > 16 || endsSentenceMark(line) {
		return nil
	}
	var ys []int
	for i, w := range ws {
		switch {
		case isYear(w):
			y, _ := strconv.Atoi(strings.Trim(w, "()[],;:"))
			if slices.Contains(ys, y) {
				return nil // "2019 2018 2019 2018": two groups of columns
			}
			ys = append(ys, y)
		case hasDigit(w) && !(i > 0 && monthRE.MatchString(ws[i-1]) && len(strings.Trim(w, ",")) <= 2):
			return nil
		}
	}
	return ys
}

// fullDateRE: a full date ("July 29, 2023", "Dec. 31, 2022").
var fullDateRE = regexp.MustCompile(`(?i)\b` + monthName + `\.?\s+\d{1,2},\s+(?:19|20)\d\d\b`)

// dateColumns are the dates of a line that is two or more full dates and
// nothing else, the columns of a quarterly balance sheet; nil otherwise.
func dateColumns(line string) []string {
	// Such a line begins with a month and holds a comma per date; most
	// lines do not, and fullDateRE costs 40 µs on a 300-byte line.
	if strings.Count(line, ",") < 2 || !startsWithMonth(line) {
		return nil
	}
	ds := fullDateRE.FindAllString(line, -1)
	if len(ds) < 2 || strings.TrimSpace(fullDateRE.ReplaceAllString(line, "")) != "" {
		return nil
	}
	return ds
}

// startsWithMonth: the first word of line begins as a month's name or
// abbreviation does.
func startsWithMonth(line string) bool {
	_, ok := monthNumber(strings.TrimSpace(line))
	return ok
}

// lineSource reads the lines above a unit: its hit's, then those of the
// chunk before its own.
type lineSource struct {
	at    places
	all   []unit
	chunk func(id string) (store.Chunk, error)
}

// above returns up to maxHeadUp lines above u, nearest first.
func (s lineSource) above(u unit) []string {
	var out []string
	pos := u.pos - 1
	for ; pos >= 0 && len(out) < maxHeadUp; pos-- {
		v, ok := s.at[[2]int{u.hit, pos}]
		if !ok {
			break
		}
		out = append(out, v.text)
	}
	first, ok := s.at[[2]int{u.hit, pos + 1}]
	if pos >= 0 || !ok || first.chunk == nil {
		return out
	}
	// A statement's rows run over several chunks below its header: the
	// chunks before are read until the table's top and the lines of its
	// title above it are in.
	for c := *first.chunk; c.Ord > 0 && len(out) < maxHeadUp && !topRead(out); {
		prev, at := s.chunkBefore(c)
		if prev == nil {
			break
		}
		for i := len(prev) - 1; i >= 0 && len(out) < maxHeadUp; i-- {
			out = append(out, prev[i])
		}
		c = at
	}
	return out
}

// topRead: lines, read upwards, hold a table's top (its header of years,
// or prose above it) and the lines of its title above that.
func topRead(lines []string) bool {
	for i, l := range lines {
		if len(headerYears(l)) > 0 || !isRowLike(l) {
			return len(lines) > i+maxScaleLines
		}
	}
	return false
}

// chunkBefore is the lines of the chunk before c, and that chunk: from a
// retrieved hit that holds it, else from the library.
func (s lineSource) chunkBefore(c store.Chunk) ([]string, store.Chunk) {
	for _, v := range s.all {
		if v.chunk != nil && v.chunk.DocID == c.DocID && v.chunk.Ord == c.Ord-1 {
			return Sentences(v.chunk.Text), *v.chunk
		}
	}
	if s.chunk == nil {
		return nil, store.Chunk{}
	}
	p, err := s.chunk(store.ChunkID(c.DocID, c.Ord-1))
	if err != nil {
		return nil, store.Chunk{} // no header then: the row is quoted as it is
	}
	return Sentences(p.Text), p
}

// headOf finds the column years of a row with n figures, and the unit
// its table states: the nearest header line above the row within its
// table.
func (s lineSource) headOf(u unit, n int) (columnHead, bool) {
	lines := s.above(u)
	for i, l := range lines {
		if h, ok := headerColumns(l); ok {
			if len(h.names) < n {
				for _, c := range changesNamedAbove(lines[i+1:]) {
					h.names, h.years = append(h.names, c), append(h.years, 0)
				}
			}
			if len(h.names) != n {
				return columnHead{}, false
			}
			h.scale = scaleNear(lines[i:])
			h.perShareApart = h.scale != "" && exceptPerShare(lines[i:])
			return h, true
		}
		if !isRowLike(l) && !isDataRow(l) && !strings.HasSuffix(l, ":") {
			// Prose: the row's table starts below it. A long row is a
			// row still ("Accounts receivable, net of allowance for
			// doubtful accounts … respectively 6,692 6,276").
			return columnHead{}, false
		}
	}
	return columnHead{}, false
}

// An earnings release names its change columns above the line of its
// years, a word or two a line:
//
//	Reported ∆%
//	Comparable
//	constant
//	currency ∆%
//	Adjusted non-GAAP results 2022 $ million 2023 $ million
//	EBITDA 2,117 2,018 (5) 1
//
// Without them the row's four figures did not fit the two years, and
// "EBITDA 2,117 2,018 (5) 1" answered which was fiscal 2023's unsaid.

// changeMark ends the name of a change column ("Reported ∆%").
var changeMark = regexp.MustCompile(`(?:[∆Δ]\s*%|%\s*change|change\s*%)$`)

// maxChangeLines bounds the lines above a header read for change columns;
// a line of a name that does not end it holds at most maxNameWords words.
const (
	maxChangeLines = 8
	maxNameWords   = 3
)

// changesNamedAbove are the change columns named in the lines above a
// header (nearest first), in their order: each name runs down to a line
// that ends in a change mark. A row of figures or a longer line above
// them (the table's title or period) starts the reading afresh; words
// after the last name that end none make it no name of change columns.
func changesNamedAbove(above []string) []string {
	var names, name []string
	for i := min(len(above), maxChangeLines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(above[i])
		switch {
		case l == "":
		case changeMark.MatchString(l):
			names, name = append(names, strings.Join(append(name, l), " ")), nil
		case isDataRow(l) || len(strings.Fields(l)) > maxNameWords:
			names, name = nil, nil // a row or a title above: start afresh
		default:
			name = append(name, l)
		}
	}
	if len(name) > 0 && len(names) > 0 {
		return nil // words after the last change column's name: not its name
	}
	return names
}

// monthDayRE: a month and its day ("December 31,"), which are no figures
// of a row.
var monthDayRE = regexp.MustCompile(`(?i)\b` + monthName + `\.?\s+\d{1,2}\b,?`)

// maxScaleLines: the unit is stated in the header or a few lines above it
// (the title, then "(in thousands)", then "As of December 31,").
const maxScaleLines = 4

// scaleNear is the unit stated in the header (lines[0]) or the lines of
// the table's title above it; a row of figures or a sentence above ends
// the title, though a sentence that leads into the table may state it
// ("consists of the following (in thousands):").
func scaleNear(lines []string) string {
	for i := 0; i < len(lines) && i <= maxScaleLines; i++ {
		l := lines[i]
		if i > 0 && hasFigure(monthDayRE.ReplaceAllString(l, "")) {
			break
		}
		if sc := scaleOf(l); sc != "" {
			return sc
		}
		if !isRowLike(l) {
			break
		}
	}
	return ""
}

// exceptPerShareRE: a stated unit that leaves out the per-share figures
// ("(in millions, except per share data)", "(MILLIONS, EXCEPT PER COMMON
// SHARE DATA)", "except share and per share amounts").
var exceptPerShareRE = regexp.MustCompile(`(?i)\bexcept\b[^)]{0,30}\bper\b`)

// exceptPerShare: the unit scaleNear reads from lines is stated apart
// from per-share figures.
func exceptPerShare(lines []string) bool {
	for i := 0; i < len(lines) && i <= maxScaleLines; i++ {
		if scaleRE.MatchString(lines[i]) {
			return exceptPerShareRE.MatchString(lines[i])
		}
	}
	return false
}

// perShareRE: a figure of dollars and cents, as earnings per share are
// written ("$ 3.92", "(0.45)").
var perShareRE = regexp.MustCompile(`^\(?\$?\s*\d{1,3}\.\d\d\)?$`)

// perShare: every figure of the row is written as dollars and cents.
func perShare(cs []string) bool {
	for _, c := range cs {
		if !perShareRE.MatchString(strings.TrimSpace(c)) {
			return false
		}
	}
	return len(cs) > 0
}

// withColumns rewrites each quoted table row with its column years and
// its table's unit, the question's year first. The lines that gave only
// the years ("As of December 31,", "2019 2018") are left out of an answer
// whose rows below them now say their years, or that quotes no row below
// them, and a header line that a
// quoted row carries is not quoted again; lead, the count of units that
// answer first, is returned for what is left.
func (e Extractive) withColumns(question string, chosen, all []unit, lead int) ([]unit, int) {
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	asked := search.AskedYears(question)
	out := slices.Clone(chosen)
	written := map[int]int{} // hit → the last position of a row written with its years
	for i, u := range out {
		r, ok := src.headedRow(u)
		if !ok {
			continue
		}
		out[i].text = writeRow(r.label, r.cells, r.head, asked)
		out[i].loc = rowText(u)
		written[u.hit] = max(written[u.hit], u.pos+1)
	}
	carried := map[string]bool{} // header lines a quoted row carries
	for _, u := range out {
		if h, ok := strings.CutSuffix(u.text, ": "+u.loc); ok && u.loc != "" {
			carried[h] = true
		}
	}
	kept := out[:0]
	n := lead
	for i, u := range out {
		if columnsLine(u.text) && (u.pos < written[u.hit]-1 || !rowBelow(out, u)) || i > 0 && u.loc == "" && carried[u.text] {
			if i < lead {
				n--
			}
			continue
		}
		kept = append(kept, u)
	}
	return kept, n
}

// rowBelow: the answer quotes a row of u's passage below it, whose
// columns a line of years or dates heads; without one, that line says
// nothing.
func rowBelow(out []unit, u unit) bool {
	for _, v := range out {
		if v.hit == u.hit && v.pos > u.pos && tableRow(rowText(v)) {
			return true
		}
	}
	return false
}

// periodLine: a line that says only what the columns below it are dated
// ("As of December 31,", "Year Ended December 31,").
var periodLine = regexp.MustCompile(`(?i)^(?:as of|(?:for the )?(?:fiscal )?(?:years?|quarters?|periods?|months?) ended)?\s*` + monthName + `\.?\s+\d{1,2},?$`)

// columnsLine: a line of column years alone, or of the date they end on.
func columnsLine(line string) bool {
	if periodLine.MatchString(strings.TrimSpace(line)) {
		return true
	}
	ys := headerYears(line)
	return len(ys) > 0 && len(strings.Fields(line)) <= 2*len(ys)
}

// writeRow writes a row's figures each with its column; the figure of
// the one column of an asked year goes first, the others after the unit.
func writeRow(label string, cs []string, head columnHead, asked []int) string {
	first := askedColumn(head.years, asked)
	label = strings.TrimRight(label, ":")
	if first < 0 {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = c + " (" + head.names[i] + ")"
		}
		return label + ": " + strings.Join(parts, " · ") + paren(head.scale)
	}
	var rest []string
	if head.scale != "" {
		rest = append(rest, head.scale)
	}
	for i, c := range cs {
		if i != first {
			rest = append(rest, head.names[i]+": "+c)
		}
	}
	return label + ", " + head.names[first] + ": " + cs[first] + paren(strings.Join(rest, "; "))
}

// askedColumn is the first column of a year asked, -1 if none is or if
// that year heads two columns (two dates of one year: which is asked is
// not known).
func askedColumn(years, asked []int) int {
	for i, y := range years {
		if slices.Contains(asked, y) {
			if slices.Contains(years[i+1:], y) {
				return -1
			}
			return i
		}
	}
	return -1
}

// percents: every figure of the row is a percentage.
func percents(cs []string) bool {
	for _, c := range cs {
		if !strings.HasSuffix(c, "%") {
			return false
		}
	}
	return true
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
