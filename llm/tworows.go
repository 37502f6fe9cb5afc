package llm

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// "What is the total of Tax Fees and All Other Fees in 2019?" and "What is
// the difference in net sales between drinkable Kefir other than ProBugs
// and Cheese in 2019?" name two rows of one table and a year: the answer
// adds or subtracts the two rows' figures in that year's column. It
// quotes both rows, so the reader can check the sum.

// rowsOp is the arithmetic asked on two rows.
type rowsOp int

const (
	rowsSum        rowsOp = iota + 1 // a + b
	rowsDifference                   // a − b
	rowsPercent                      // (a − b) ÷ b, in %
)

// twoRows is a question on two named rows in one year.
type twoRows struct {
	op   rowsOp
	a, b string // the rows' labels, as the question writes them
	// year is the column's; 0 for the Total column of a table with no
	// years, when the question compares totals ("the total compensation").
	year int
}

// totalWord says a question compares totals.
var totalWord = regexp.MustCompile(`(?i)\btotal\b`)

var (
	rowsSumRE  = regexp.MustCompile(`(?i)\b(?:total|sum) of (?:the )?(.+?) and (?:the )?(.+?) (?:in|for|during|at) (?:fiscal (?:year )?|fy ?)?((?:19|20)\d\d)\b`)
	rowsDiffRE = regexp.MustCompile(`(?i)\b(percent(?:age)? difference|difference)\b((?: (?:in|of) (?:the )?[^?]*?)?) between (?:the )?(.+?) and (?:the )?(.+?)(?: (?:in|for|during|at) (?:fiscal (?:year )?|fy ?)?((?:19|20)\d\d)\b|\s*\?|$)`)
)

// askedTwoRows reads a question on two rows, if it is one.
func askedTwoRows(question string) (twoRows, bool) {
	if m := rowsSumRE.FindStringSubmatch(question); m != nil {
		y, _ := strconv.Atoi(m[3])
		return twoRows{op: rowsSum, a: m[1], b: m[2], year: y}, true
	}
	if m := rowsDiffRE.FindStringSubmatch(question); m != nil {
		y, _ := strconv.Atoi(m[5])
		op := rowsDifference
		if strings.HasPrefix(strings.ToLower(m[1]), "percent") {
			op = rowsPercent
		}
		if y == 0 && !totalWord.MatchString(m[2]) {
			return twoRows{}, false // no column to compare in
		}
		return twoRows{op: op, a: m[3], b: m[4], year: y}, true
	}
	return twoRows{}, false
}

// computeTwoRows works the arithmetic on the two rows of one table whose
// labels are those asked, in the year's column.
func (e Extractive) computeTwoRows(question string, all []unit) (computed, bool) {
	q, ok := askedTwoRows(question)
	if !ok {
		return computed{}, false
	}
	at := placesOf(all)
	src := lineSource{at: at, all: all, chunk: e.Chunk}
	for _, a := range all {
		if !labelIs(a, q.a) {
			continue
		}
		for _, b := range all {
			if !sameTable(a, b) || !labelIs(b, q.b) {
				continue
			}
			va, okA := q.figure(a, src)
			vb, okB := q.figure(b, src)
			if !okA || !okB || va.percent || vb.percent {
				continue
			}
			if line, ok := q.work(va, vb); ok {
				return computed{line: line, units: []unit{a, b}}, true
			}
		}
	}
	return computed{}, false
}

// figure is the row's figure in the year's column, or in its table's
// Total column: the last, when a line above the rows ends with "Total".
func (q twoRows) figure(u unit, src lineSource) (amount, bool) {
	if q.year != 0 {
		s, ok := src.rowSeries(u)
		v, has := s[q.year]
		return v, ok && has
	}
	if !tableRow(rowText(u)) {
		return amount{}, false
	}
	_, cs := splitCells(rowText(u))
	if len(cs) < 2 || cs[len(cs)-1].blank || !totalColumn(u, src.at) {
		return amount{}, false
	}
	return cs[len(cs)-1].amount, true
}

// totalColumn: a line of the table's header, above u, ends with "Total".
func totalColumn(u unit, at places) bool {
	for _, v := range at.above(u) {
		f := strings.Fields(v.text)
		if len(f) > 0 && strings.EqualFold(strings.Trim(f[len(f)-1], "():"), "total") {
			return true
		}
	}
	return false
}

// work writes the result of the arithmetic on a's and b's figures.
func (q twoRows) work(a, b amount) (string, bool) {
	decimals, grouped := max(a.decimals, b.decimals), a.grouped || b.grouped
	switch q.op {
	case rowsSum:
		return fmt.Sprintf("Computed: %s in total %s (%s + %s)", number(a.value+b.value, decimals, grouped), q.column("for"), a.format(), b.format()), true
	case rowsDifference:
		return fmt.Sprintf("Computed: %s difference %s (%s − %s)", number(a.value-b.value, decimals, grouped), q.column("in"), a.format(), b.format()), true
	case rowsPercent:
		if b.value == 0 {
			return "", false
		}
		pct := (a.value - b.value) / math.Abs(b.value) * 100
		return fmt.Sprintf("Computed: %s%% difference %s ((%s − %s) ÷ %s)", signed(pct, 2, false), q.column("in"), a.format(), b.format(), b.format()), true
	}
	return "", false
}

// column says which column the figures are of: the year's, after prep
// ("for 2019", "in 2019"), or the Total column.
func (q twoRows) column(prep string) string {
	if q.year == 0 {
		return "in the Total column"
	}
	return prep + " " + strconv.Itoa(q.year)
}

// labelIs: the row's label is the one asked, words compared in lower case
// without a footnote's number ("All Other Fees (4)" is "All Other Fees").
func labelIs(u unit, asked string) bool {
	label, ok := tableRowLabel(u)
	if !ok {
		return false
	}
	return labelWords(label) == labelWords(asked) && labelWords(asked) != ""
}

// namedRows are the table rows among units whose whole label the
// question says ("All Other Fees" in "the change in All Other Fees as a
// percentage"): the measure's words alone ("fee") hold for every row of
// the table. A row that names its table's subject ("Net sales" under "Net
// sales of products by category", for "the net sales for cheese") comes
// after the others; then the longest label, and of two alike the one the
// question says later.
func namedRows(question string, units []unit, at places) []unit {
	q := " " + labelWords(question) + " "
	type named struct {
		u          unit
		subject    bool
		words, pos int
	}
	var ns []named
	for _, u := range units {
		label, ok := tableRowLabel(u)
		w := labelWords(label)
		if ok && w != "" && strings.Contains(q, " "+w+" ") && !genericRow[w] {
			ns = append(ns, named{u, subjectRow(u, w, at), len(w), strings.LastIndex(q, " "+w+" ")})
		}
	}
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := ns[i], ns[j]
		if a.subject != b.subject {
			return !a.subject
		}
		if a.words != b.words {
			return a.words > b.words
		}
		return a.pos > b.pos
	})
	out := make([]unit, len(ns))
	for i, n := range ns {
		out[i] = n.u
	}
	return out
}

// subjectRow: the lines above u, up to its table's lead-in, say its label
// (words, as labelWords writes them). What is said above the lead-in is
// not the table's: Lifeway's list of product lines ("• Frozen Kefir,
// available in …") precedes "Net sales of products by category were as
// follows …", whose subject is net sales, not frozen kefir.
func subjectRow(u unit, words string, at places) bool {
	for _, v := range at.above(u) {
		if strings.Contains(" "+labelWords(v.text)+" ", " "+words+" ") {
			return true
		}
		if endsLeadIn(v.text) {
			return false
		}
	}
	return false
}

// endsLeadIn: a sentence that ends before a table, "… were as follows for the
// years ended December 31:".
func endsLeadIn(line string) bool {
	line = strings.TrimSpace(line)
	return len(strings.Fields(line)) >= 4 && (strings.HasSuffix(line, ":") || strings.HasSuffix(line, "."))
}

// genericRow are labels every table may have.
var genericRow = map[string]bool{"total": true, "other": true, "net": true, "subtotal": true}

// tableRowLabel is the label of u when it is a table row with figures
// ("Cheese" of "Cheese 11,459 12% 11,486 11%").
func tableRowLabel(u unit) (string, bool) {
	label, cs, ok := cells(rowText(u))
	return label, ok && len(cs) > 0 && tableRow(rowText(u))
}

// sameTable: two rows of one table: under one header, or, where no
// header was read, near each other in one passage.
func sameTable(a, b unit) bool {
	if a.hit != b.hit || a.pos == b.pos || (a.loc == "") != (b.loc == "") {
		return false
	}
	if a.loc != "" {
		return a.table() == b.table()
	}
	return abs(a.pos-b.pos) <= maxYearRows
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// labelWords is a label's words, lower case, footnote numbers and
// punctuation left out.
func labelWords(s string) string {
	s = noteMarkRE.ReplaceAllString(s, " ")
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
	return strings.Join(f, " ")
}

// noteMark is a footnote's number or letter in brackets: "(4)", "(a)".
const noteMark = `\(\s*(?:\d{1,2}|[a-z])\s*\)`

var noteMarkRE = regexp.MustCompile(noteMark)
