package llm

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"quire/search"
)

// Working a formula: each line item of each year is looked up in the
// statements of the documents the search found, best-ranked first; one
// that no statement states, or that two rows state differently, stops
// the computation. The answer says the formula, the figures it put in,
// and quotes every row it read them from.

// errNotStated: no statement states a line item for a year.
var errNotStated = errors.New("not stated")

// errAmbiguous: rows of one statement state a line item differently.
var errAmbiguous = errors.New("stated differently")

// maxFormulaDocs bounds the documents whose statements are read.
const maxFormulaDocs = 3

// lookup finds a line item's figure for a year in the statements.
func lookup(docs []stmtDoc, it *lineItem, year int) (amount, *stmtRow, int, error) {
	for d, sd := range docs {
		for _, re := range it.labels {
			var found *stmtRow
			for i := range sd.rows {
				r := &sd.rows[i]
				if r.kind != it.kind || !labelMatches(re, r.labels) {
					continue
				}
				a, ok := r.values[year]
				if !ok {
					continue
				}
				if found != nil && found.values[year].value != a.value {
					return amount{}, nil, 0, fmt.Errorf("%s %d: %w", it.name, year, errAmbiguous)
				}
				if found == nil {
					found = r
				}
			}
			if found != nil {
				a := found.values[year]
				if it.magnitude {
					a.value = math.Abs(a.value)
				}
				return a, found, d, nil
			}
		}
	}
	return amount{}, nil, 0, fmt.Errorf("%s %d: %w", it.name, year, errNotStated)
}

// labelMatches: one of a row's labels is the item's, with or without
// the remark in brackets it ends in ("Capital expenditures (including
// capitalized software)", "Purchases of property, plant and equipment
// (PP&E)"), and the row is not the minority's share of it.
func labelMatches(re interface{ MatchString(string) bool }, labels []string) bool {
	for _, l := range labels {
		if (re.MatchString(l) || re.MatchString(strings.TrimSpace(endRemark.ReplaceAllString(l, "")))) && !minorityShare(l) {
			return true
		}
	}
	return false
}

// minorityShare: a label of the share of others in a line
// ("Net income attributable to noncontrolling interests"), which is not
// the line.
func minorityShare(label string) bool {
	return strings.Contains(label, "noncontrolling") || strings.Contains(label, "non-controlling")
}

// endRemark is a bracketed remark that ends a label.
var endRemark = regexp.MustCompile(`\s*\([^()]*\)$`)

// usedRow is a row a computation read, with its document.
type usedRow struct {
	row *stmtRow
	doc int
}

// evaluation works a formula for one year.
type evaluation struct {
	docs []stmtDoc
	year int
	used []usedRow
	// names are the defined names met, in order, with their values
	// as written.
	names  []string
	values map[string]float64
	shown  map[string]string
	// decimals is the most the figures read have.
	decimals int
}

func (ev *evaluation) value(it *lineItem, year int) (amount, error) {
	a, r, d, err := lookup(ev.docs, it, year)
	if err != nil {
		return amount{}, err
	}
	ev.decimals = max(ev.decimals, a.decimals)
	for _, u := range ev.used {
		if u.row == r {
			return a, nil
		}
	}
	ev.used = append(ev.used, usedRow{r, d})
	return a, nil
}

// span is the years a leaf reads: its own, or the pair it averages or
// differences.
func (ev *evaluation) span(n *node) (from, to int) {
	to = n.year
	if to == 0 {
		to = ev.year
	}
	from = n.from
	if from == 0 {
		from = to - 1
	}
	return from, to
}

// eval computes n; numeric is n written with its figures.
func (ev *evaluation) eval(n *node) (v float64, numeric string, err error) {
	switch {
	case n.op != 0:
		return ev.evalOp(n)
	case n.def != nil:
		v, _, err := ev.eval(n.def)
		if err != nil {
			return 0, "", err
		}
		if _, seen := ev.values[n.name]; !seen {
			ev.names = append(ev.names, n.name)
			ev.values[n.name] = v
			dec := ev.decimals // an amount, written as its figures are
			if n.def.divides() {
				dec = 2
			}
			ev.shown[n.name] = number(v, dec, math.Abs(v) >= 1000)
		}
		return v, ev.shown[n.name], nil
	case n.item == nil:
		return n.number, strconv.FormatFloat(n.number, 'f', -1, 64), nil
	case n.avg || n.chg:
		from, to := ev.span(n)
		a, err := ev.value(n.item, from)
		if err != nil {
			return 0, "", err
		}
		b, err := ev.value(n.item, to)
		if err != nil {
			return 0, "", err
		}
		if n.avg {
			return (a.value + b.value) / 2, "(" + a.format() + " + " + b.format() + ") ÷ 2", nil
		}
		return b.value - a.value, "(" + b.format() + " − " + a.format() + ")", nil
	}
	_, year := ev.span(n)
	a, err := ev.value(n.item, year)
	return a.value, a.format(), err
}

var opSign = map[byte]string{'+': " + ", '-': " − ", '*': " × ", '/': " ÷ "}

func (ev *evaluation) evalOp(n *node) (float64, string, error) {
	l, ls, err := ev.eval(n.left)
	if err != nil {
		return 0, "", err
	}
	r, rs, err := ev.eval(n.right)
	if err != nil {
		return 0, "", err
	}
	ls, rs = bracketed(n, n.left, ls, false, true), bracketed(n, n.right, rs, true, true)
	var v float64
	switch n.op {
	case '+':
		v = l + r
	case '-':
		v = l - r
	case '*':
		v = l * r
	case '/':
		if r == 0 {
			return 0, "", fmt.Errorf("division by zero: %w", errNotStated)
		}
		v = l / r
	}
	s := ls + opSign[n.op] + rs
	if n.percent {
		v *= 100
		s = "(" + s + ") × 100"
	}
	return v, s, nil
}

// bracketed brackets a part written inside a stronger operation.
func bracketed(parent, child *node, s string, right, figures bool) string {
	weak := child.op == '+' || child.op == '-'
	divided := child.op == '/' || child.op == '*' || figures && child.avg // an average's figures are written "(a + b) ÷ 2"
	if weak && (parent.op == '*' || parent.op == '/' || right && parent.op == '-') || divided && right && parent.op == '/' {
		return "(" + s + ")"
	}
	return s
}

// symbolic writes n with its line items' names.
func symbolic(n *node, year int) string {
	switch {
	case n.op != 0:
		s := bracketed(n, n.left, symbolic(n.left, year), false, false) + opSign[n.op] + bracketed(n, n.right, symbolic(n.right, year), true, false)
		if n.percent {
			s = "(" + s + ") × 100"
		}
		return s
	case n.def != nil:
		return displayName(n.name)
	case n.item == nil:
		return strconv.FormatFloat(n.number, 'f', -1, 64)
	}
	if year == 0 && n.year == 0 { // the formula of every year averaged
		switch {
		case n.avg:
			return "average " + n.item.name + " of the year and the year before"
		case n.chg:
			return "change in " + n.item.name + " from the year before"
		}
		return n.item.name
	}
	ev := evaluation{year: year}
	from, to := ev.span(n)
	switch {
	case n.avg:
		return fmt.Sprintf("average %s %d–%d", n.item.name, from, to)
	case n.chg:
		return fmt.Sprintf("change in %s %d–%d", n.item.name, from, to)
	}
	return fmt.Sprintf("%s %d", n.item.name, to)
}

// displayName writes a name's acronyms in capitals ("DIO", "unadjusted
// EBITDA"): a one-word name of up to six letters is one, and so is
// "ebitda" anywhere.
func displayName(name string) string {
	if len(name) <= 6 && !strings.Contains(name, " ") {
		return strings.ToUpper(name)
	}
	words := strings.Fields(name)
	for i, w := range words {
		if w == "ebitda" || w == "ebit" {
			words[i] = strings.ToUpper(w)
		}
	}
	return strings.Join(words, " ")
}

// definitionsOf lists the named formulas n uses, each once, outermost
// first.
func definitionsOf(n *node, seen map[string]bool) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	if n.def != nil && !seen[n.name] {
		seen[n.name] = true
		out = append(out, n)
		out = append(out, definitionsOf(n.def, seen)...)
		return out
	}
	return append(definitionsOf(n.left, seen), definitionsOf(n.right, seen)...)
}

// formulaResult is a formula worked for each year asked.
type formulaResult struct {
	line string
	used []usedRow
}

// work computes f on the statements and writes the computed line.
func (f askedFormula) work(docs []stmtDoc) (formulaResult, error) {
	if f.trend {
		return f.workTrend(docs)
	}
	years := f.years
	if !f.mean {
		years = years[:1]
	}
	var clauses []string
	var values []float64
	var used []usedRow
	for _, y := range years {
		v, clause, more, err := f.yearOf(docs, y, used)
		if err != nil {
			return formulaResult{}, err
		}
		values, clauses, used = append(values, v), append(clauses, clause), more
	}
	result := values[0]
	head := fmt.Sprintf("for %d", years[0])
	if f.mean {
		result = 0
		var ys []string
		for i, v := range values {
			result += v
			ys = append(ys, strconv.Itoa(years[i]))
		}
		result /= float64(len(values))
		head = "on average for " + andList(ys)
	}
	line := fmt.Sprintf("Computed: %s %s: %s = %s", f.format(result, used, docs), head, f.title(), strings.Join(clauses, "; "))
	return formulaResult{line: line, used: used}, nil
}

// yearOf works f for one year: its value, the clause that shows the
// working, and used with the rows it read added.
func (f askedFormula) yearOf(docs []stmtDoc, y int, used []usedRow) (float64, string, []usedRow, error) {
	ev := &evaluation{docs: docs, year: y, values: map[string]float64{}, shown: map[string]string{}}
	v, numeric, err := ev.eval(f.root)
	if err != nil {
		return 0, "", used, err
	}
	for _, u := range ev.used {
		if !containsRow(used, u.row) {
			used = append(used, u)
		}
	}
	return v, f.clause(y, numeric, v, ev), used, nil
}

func containsRow(used []usedRow, r *stmtRow) bool {
	for _, u := range used {
		if u.row == r {
			return true
		}
	}
	return false
}

// title names what is computed: the name asked, or its formula.
func (f askedFormula) title() string {
	year := f.years[0]
	if f.mean {
		year = 0
	}
	if f.root.def == nil {
		return symbolic(f.root, year)
	}
	return displayName(f.root.name) + " = " + symbolic(f.resolved(), year)
}

// resolved is the formula asked for, through the names that alias it
// ("days payable outstanding" for "DPO").
func (f askedFormula) resolved() *node {
	n := f.root
	for n.def != nil {
		n = n.def
	}
	return n
}

// clause writes one year's computation with its figures, and the named
// parts' own.
func (f askedFormula) clause(year int, numeric string, v float64, ev *evaluation) string {
	s := numeric
	if f.root.def != nil {
		_, s, _ = ev.eval(f.resolved())
	}
	if f.mean {
		s = fmt.Sprintf("%d: %s = %s", year, s, f.format(v, nil, nil))
	}
	defs := definitionsOf(f.root, map[string]bool{})
	for _, d := range defs {
		if d == f.root || d.name == f.root.name || d.def.def != nil || d.def == f.resolved() {
			continue // the answer's own formula, or an alias of it
		}
		_, dn, err := ev.eval(d.def)
		if err != nil {
			continue
		}
		s += fmt.Sprintf(" (%s = %s = %s = %s)", displayName(d.name), symbolic(d.def, year), dn, ev.shown[d.name])
	}
	return s
}

// format writes the result: to the decimals asked, or a percentage to
// one, a ratio to two, an amount as its figures are written.
func (f askedFormula) format(v float64, used []usedRow, docs []stmtDoc) string {
	pct := f.root.isPercent()
	decimals := f.round
	if decimals < 0 {
		switch {
		case pct:
			decimals = 1
		case f.root.divides():
			decimals = 2
		default:
			decimals = 0
			for _, u := range used {
				for _, a := range u.row.values {
					decimals = max(decimals, a.decimals)
				}
			}
		}
	}
	s := number(v, decimals, !pct && math.Abs(v) >= 1000)
	if pct {
		s += "%"
	}
	return s
}

func (n *node) isPercent() bool {
	if n.def != nil {
		return n.def.isPercent()
	}
	return n.percent
}

// divides: n is a ratio, its outermost operation a division.
func (n *node) divides() bool {
	if n.def != nil {
		return n.def.divides()
	}
	if n.op == '+' || n.op == '-' {
		return n.left.divides() || n.right.divides()
	}
	return n.op == '/' || n.op == '*'
}

// computeFormula works the formula a question asks for on the statements
// of the documents the search found.
func (e Extractive) computeFormula(question string, res search.Result) (computed, bool) {
	f, ok := readFormula(question)
	if !ok || e.Chunk == nil {
		return computed{}, false
	}
	docs := e.statementDocs(question, res)
	r, err := f.work(docs)
	if err != nil {
		return computed{}, false
	}
	units, extra := formulaUnits(r.used, docs, res, nil)
	return computed{line: r.line, units: units, extra: extra}, true
}

// statementDocs reads the statements of the documents the question
// names, best-ranked first, or else of the best hit's document alone:
// a formula's figures are one company's. The best hit's document must
// hold the names the question asks about: "Does AMEX have an improving
// operating margin profile …?", in a library where "AMEX" named no
// file, had Corning's margin computed.
func (e Extractive) statementDocs(question string, res search.Result) []stmtDoc {
	var out []stmtDoc
	seen := map[uint64]bool{}
	for _, h := range res.Hits {
		if seen[h.Doc.ID] || len(out) == maxFormulaDocs || len(res.Scope) == 0 && len(out) == 1 || len(res.Scope) > 0 && !slices.Contains(res.Scope, h.Doc.ID) {
			continue
		}
		seen[h.Doc.ID] = true
		if len(res.Scope) == 0 && !holdsNames(question, docText(h.Doc.ID, res)) {
			break // the best hit's document is about something else
		}
		d, err := e.Statements.read(h.Doc, e.Chunk)
		if err != nil {
			continue // a document that cannot be read states nothing
		}
		out = append(out, d)
	}
	return out
}

// docText is what the search returned of a document: its name, heading
// and the text of its hits.
func docText(doc uint64, res search.Result) string {
	var b strings.Builder
	for _, h := range res.Hits {
		if h.Doc.ID == doc {
			if b.Len() == 0 {
				b.WriteString(h.Doc.Name + "\n" + h.Doc.Heading + "\n")
			}
			b.WriteString(h.Chunk.Text + "\n")
		}
	}
	return b.String()
}

// holdsNames: text holds each name of the asking sentence (see namesPresent)
// and each word it writes in capitals that is neither a measure's
// abbreviation ("AMEX", not "EBITDA") nor one it defines ("CCC is
// defined as"), compared without case.
func holdsNames(question, text string) bool {
	question = coreQuestion(question) // the sentence that asks: not a definition's "Revenue"
	if !namesPresent(question, text, text, commonWords(text)) {
		return false
	}
	flat, low := flatten(text), strings.ToLower(question)
	for _, w := range strings.Fields(question) {
		w = strings.Trim(w, "?.,;:()'’s")
		l := strings.ToLower(w)
		if len(w) < 3 || !isAllCaps(w) || periodRE.MatchString(w) || measureAbbrev[l] || strings.IndexFunc(w, unicode.IsDigit) >= 0 ||
			strings.Contains(low, "("+l+")") || strings.Contains(low, l+" is defined") || strings.Contains(low, "define "+l) {
			continue
		}
		if !strings.Contains(flat, l) {
			return false
		}
	}
	return true
}

// measureAbbrev are the abbreviations of measures and units an analyst
// writes in capitals; they name no company.
var measureAbbrev = map[string]bool{"usd": true, "eur": true, "gbp": true, "eps": true, "ebit": true, "ebitda": true, "ebitdar": true, "cogs": true, "cagr": true, "capex": true, "gaap": true, "ttm": true, "ytd": true, "roa": true, "roe": true, "roic": true, "dso": true, "dpo": true, "dio": true, "ccc": true, "fcf": true, "ppe": true, "ppne": true, "pp&e": true, "d&a": true, "sg&a": true, "r&d": true, "yoy": true, "qoq": true, "ceo": true, "cfo": true, "usa": true, "u.s": true}

// formulaUnits quotes the rows used, each cited by the hit that holds its
// chunk, or by a hit added for it, and written with its column years, a
// year asked first (see yearsRow).
func formulaUnits(used []usedRow, docs []stmtDoc, res search.Result, asked []int) ([]unit, []search.Hit) {
	var units []unit
	var extra []search.Hit
	for i, u := range used {
		d := docs[u.doc]
		c := d.chunks[u.row.chunk]
		hit := -1
		for j, h := range res.Hits {
			if h.Doc.ID == c.DocID && h.Chunk.Ord == c.Ord {
				hit = j
			}
		}
		for j, h := range extra {
			if h.Chunk.Ord == c.Ord && h.Doc.ID == c.DocID {
				hit = len(res.Hits) + j
			}
		}
		if hit < 0 {
			extra = append(extra, search.Hit{Doc: d.doc, Chunk: c})
			hit = len(res.Hits) + len(extra) - 1
		}
		text := u.row.text
		if u.row.header != "" {
			text = u.row.header + ": " + text
		}
		// Each figure with its column's year and the statement's unit:
		// "Total current assets: 7,659 (2021) · 8,004 (2020) (in millions)".
		text = yearsRow(text, u.row, asked)
		units = append(units, unit{hit: hit, pos: formulaPos + i, text: text, loc: u.row.loc, chunk: &d.chunks[u.row.chunk]})
	}
	return units, extra
}

// formulaPos places quoted rows after every line of their hit: they are
// not read among its lines (see withColumns).
const formulaPos = 1 << 20
