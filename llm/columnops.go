package llm

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"quire/search"
)

// A market-price table gives each quarter's low and high under a year:
//
//	2018
//	Low High
//	First Quarter $ 5.99 $ 8.40
//	Second Quarter $ 4.79 $ 6.48
//	…
//
// and questions ask of a column, not of a row: "What is the average
// quarterly low price in 2018?", "In 2018, how many quarters had stock
// prices lower than $2.00 during their lows?", "What was the low sale
// price per share for each quarters in 2018 in chronological order?",
// "In the first quarter of 2018, what is the difference between the low
// and high price?". The answer works the column of the year asked and
// quotes its rows.

// colBlock is one year's block of such a table: its column names and rows.
type colBlock struct {
	year int
	cols []string // lower case: "low", "high"
	rows []colRow
}

// colRow is a row of a colBlock.
type colRow struct {
	label string
	vals  []amount
	u     unit
}

var (
	yearLineRE = regexp.MustCompile(`^\s*((?:19|20)\d\d)\s*$`)
	colNamesRE = regexp.MustCompile(`^\s*([A-Za-z]+)(?:\s+([A-Za-z]+)){1,3}\s*$`)
)

// columnBlocks reads the year blocks of the hits' chunks (their own
// lines: a line that is only a year is no sentence of the answer's); their
// rows are quoted as the units all holds for them.
func columnBlocks(hits []search.Hit, all []unit) []colBlock {
	var out []colBlock
	for hit, h := range hits {
		lines := strings.Split(h.Chunk.Text, "\n")
		for i := 0; i+2 < len(lines); i++ {
			m := yearLineRE.FindStringSubmatch(lines[i])
			if m == nil || !colNamesRE.MatchString(lines[i+1]) {
				continue
			}
			y, _ := strconv.Atoi(m[1])
			b := colBlock{year: y, cols: strings.Fields(strings.ToLower(lines[i+1]))}
			for _, l := range lines[i+2:] {
				label, cs, ok := cells(strings.TrimSpace(l))
				vals := cellAmounts(cs)
				u, quoted := unitOf(all, hit, strings.TrimSpace(l))
				if !ok || len(vals) != len(b.cols) || !quoted {
					break
				}
				b.rows = append(b.rows, colRow{label: label, vals: vals, u: u})
			}
			if len(b.rows) >= 2 {
				out = append(out, b)
			}
		}
	}
	return out
}

// unitOf is the unit of hit whose line is line.
func unitOf(all []unit, hit int, line string) (unit, bool) {
	i := slices.IndexFunc(all, func(u unit) bool { return u.hit == hit && (u.text == line || u.loc == line) })
	if i < 0 {
		return unit{}, false
	}
	return all[i], true
}

var (
	belowRE   = regexp.MustCompile(`(?i)\b(?:lower|less|below|under)\s+than\s+\$?\s?(\d+(?:\.\d+)?)`)
	eachRE    = regexp.MustCompile(`(?i)\b(?:for each|each of the|in chronological order|per quarter)\b`)
	betweenRE = regexp.MustCompile(`(?i)\bdifference between the (\w+) and (?:the )?(\w+)\b`)
)

// computeColumn works what the question asks of a column of the year's
// block, if it asks of one.
func computeColumn(question string, hits []search.Hit, all []unit) (computed, bool) {
	q := strings.ToLower(question)
	years := questionYears(q)
	if len(years) != 1 {
		return computed{}, false
	}
	for _, b := range columnBlocks(hits, all) {
		if b.year != years[0] {
			continue
		}
		if c, ok := b.work(q); ok {
			return c, true
		}
	}
	return computed{}, false
}

// work answers q (lower case) from the block, if q names one of its
// columns and asks what work can do.
func (b colBlock) work(q string) (computed, bool) {
	if m := betweenRE.FindStringSubmatch(q); m != nil {
		return b.span(q, m[1], m[2])
	}
	words := strings.Fields(labelWords(q))
	col := slices.IndexFunc(b.cols, func(c string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return w == c || w == c+"s" }) // "low", "lows"
	})
	if col < 0 {
		return computed{}, false
	}
	var vals []string
	sum := 0.0
	for _, r := range b.rows {
		vals = append(vals, r.vals[col].format())
		sum += r.vals[col].value
	}
	us := b.units()
	switch {
	case meanRE.MatchString(q):
		mean := sum / float64(len(b.rows))
		return computed{line: fmt.Sprintf("Computed: %s on average over the %d rows of %d (%s)", number(mean, 2, false), len(b.rows), b.year, strings.Join(vals, ", ")), units: us}, true
	case belowRE.MatchString(q) && strings.Contains(q, "how many"):
		bound, _ := strconv.ParseFloat(belowRE.FindStringSubmatch(q)[1], 64)
		var under []string
		for _, r := range b.rows {
			if r.vals[col].value < bound {
				under = append(under, r.label)
			}
		}
		verb := "are"
		if len(under) == 1 {
			verb = "is"
		}
		return computed{line: fmt.Sprintf("Computed: %d of the %d rows of %d %s below %s in the %s column (%s)", len(under), len(b.rows), b.year, verb, number(bound, 2, false), b.cols[col], strings.Join(vals, ", ")), units: us}, true
	case eachRE.MatchString(q):
		return computed{line: fmt.Sprintf("The %s column for %d, in order: %s", b.cols[col], b.year, strings.Join(vals, ", ")), units: us}, true
	}
	return b.cell(q, col)
}

// cell is the figure of the row the question names in column col, said
// with its row, year and column: the blocks of two years have rows of the
// same names ("First Quarter $ 5.99 $ 8.40" under 2018 and "First Quarter
// $ 1.98 $ 2.75" under 2019), and quoted alone a row does not say which.
func (b colBlock) cell(q string, col int) (computed, bool) {
	r, ok := b.rowNamed(q)
	if !ok {
		return computed{}, false
	}
	label := strings.TrimSpace(r.label)
	var others []string
	for i, v := range r.vals {
		if i != col {
			others = append(others, b.cols[i]+" "+v.format())
		}
	}
	line := fmt.Sprintf("%s %d, %s: %s", label, b.year, b.cols[col], r.vals[col].format())
	if len(others) > 0 {
		line += " (" + strings.Join(others, ", ") + ")"
	}
	return computed{line: line, units: []unit{r.u}}, true
}

// rowNamed is the first row whose label q (lower case) says.
func (b colBlock) rowNamed(q string) (colRow, bool) {
	i := slices.IndexFunc(b.rows, func(r colRow) bool {
		label := strings.ToLower(strings.TrimSpace(r.label))
		return label != "" && strings.Contains(q, label)
	})
	if i < 0 {
		return colRow{}, false
	}
	return b.rows[i], true
}

// span is the difference between two columns in the row the question
// names, as a positive figure: the distance between a low and a high.
func (b colBlock) span(q, c1, c2 string) (computed, bool) {
	i, j := slices.Index(b.cols, c1), slices.Index(b.cols, c2)
	if i < 0 || j < 0 || i == j {
		return computed{}, false
	}
	r, ok := b.rowNamed(q)
	if !ok {
		return computed{}, false
	}
	a, z := r.vals[i], r.vals[j]
	d := math.Abs(z.value - a.value)
	dec := max(a.decimals, z.decimals)
	return computed{line: fmt.Sprintf("Computed: %s between the %s (%s) and the %s (%s), %s %d", number(d, dec, false), c1, a.format(), c2, z.format(), strings.TrimSpace(r.label), b.year), units: []unit{r.u}}, true
}

// units are the block's rows, to quote.
func (b colBlock) units() []unit {
	out := make([]unit, len(b.rows))
	for i, r := range b.rows {
		out[i] = r.u
	}
	return out
}
