package llm

import (
	"regexp"
	"slices"
	"strings"
)

// An analyst's question often gives the formula it asks for: "Define
// working capital ratio as total current assets divided by total current
// liabilities", "DIO is defined as: 365 * (average inventory between
// FY2018 and FY2019) / (FY2019 COGS)", or names a ratio whose definition
// is standard ("inventory turnover ratio", "EBITDA % margin", "capex as a
// % of revenue"). Such a question is answered by no sentence of the
// filing, but by its statements' line items and the formula. The formula
// is read whole or not at all: a word it does not know stops it, so that
// nothing is computed from a formula half understood.

// node is one part of a formula.
type node struct {
	op          byte // '+', '-', '*', '/'; 0 for a leaf
	left, right *node
	// A leaf is a number, a line item in a year (or the average of, or
	// the change between, two years), or a name defined by another
	// formula.
	number   float64
	item     *lineItem
	year     int  // the year asked when 0
	avg, chg bool // of years from and year
	from     int
	name     string
	percent  bool // the node is a share ×100 ("as a % of", "% margin")
	def      *node
}

// definition is a named formula.
type definition struct {
	name string
	expr string
}

// standardDefinitions are the ratios whose definition is standard, used
// when a question names one without defining it. Each is what an
// analyst computes from the statements, and the answer says it.
var standardDefinitions = []definition{
	{"working capital ratio", "total current assets / total current liabilities"},
	{"current ratio", "total current assets / total current liabilities"},
	{"net working capital", "total current assets - total current liabilities"},
	{"working capital", "total current assets - total current liabilities"},
	{"quick ratio", "(total current assets - inventories) / total current liabilities"},
	// Capital intensity as analysts most often work it: capital
	// expenditures as a share of revenue.
	{"capital intensity", "capex as a % of revenue"},
	{"capital-intensive", "capital intensity"},
	{"capital intensive", "capital intensity"},
	{"inventory turnover ratio", "cogs / average inventory"},
	{"inventory turnover", "cogs / average inventory"},
	{"fixed asset turnover ratio", "revenue / average pp&e"},
	{"asset turnover ratio", "revenue / average total assets"},
	// EBITDA unqualified may be the company's own measure, adjusted.
	{"unadjusted ebitda", "operating income + depreciation and amortization"},
	{"free cash flow", "cash from operations - capex"},
	{"operating cash flow ratio", "cash from operations / total current liabilities"},
	{"retention ratio", "(net income - dividends paid) / net income"},
	{"gross margin", "gross profit % margin"},
	{"operating margin", "operating income % margin"},
	{"net profit margin", "net income % margin"},
}

// tokKind is what a formula's word is.
type tokKind int

const (
	tUnknown tokKind = iota
	tOp              // + - * /
	tPercentOf
	tMargin
	tOpen
	tClose
	tNumber
	tYear
	tItem
	tName
	tAverage
	tChange
	tBetween
	tAnd
)

type token struct {
	kind       tokKind
	op         byte
	num        float64
	year       int
	item       *lineItem
	name       string
	start, end int // where it is in the text
}

var (
	opWordRE = regexp.MustCompile(`^(?:divided by|plus|minus|less|times|multiplied by|[-+*/×÷−–])`)
	pctOfRE  = regexp.MustCompile(`^as an? (?:%|percent(?:age)?) of\b`)
	marginRE = regexp.MustCompile(`^(?:%|percent(?:age)?)? ?margins?\b`)
	numRE    = regexp.MustCompile(`^\d+(?:\.\d+)?\b`)
	fyRE     = regexp.MustCompile(`^(?:fy\s?|fiscal (?:year )?)?((?:19|20)\d{2})\b`)
	wordRE   = regexp.MustCompile(`^[\pL\pN&'’.]+`)
	// fillers say nothing a formula needs.
	fillers = map[string]bool{"the": true, "unadjusted": true, "reported": true, "a": true, "an": true, "of": true, "its": true, "in": true, "for": true, "from": true, "annual": true, "year": true, "'s": true, "’s": true}
)

var formulaOps = map[string]byte{"divided by": '/', "÷": '/', "/": '/', "plus": '+', "+": '+', "minus": '-', "less": '-', "-": '-', "−": '-', "–": '-', "times": '*', "multiplied by": '*', "*": '*', "×": '*'}

// lex reads a formula's text, lower case, into tokens; names are the
// defined names, longest first.
func lex(s string, names []string) []token {
	var out []token
	for i := 0; i < len(s); {
		if s[i] == ' ' || s[i] == ',' {
			i++
			continue
		}
		rest := s[i:]
		t, n := lexOne(rest, names)
		if n == 0 { // an unknown word
			n = len(wordRE.FindString(rest))
			if n == 0 {
				n = 1
			}
			if fillers[rest[:n]] {
				i += n
				continue
			}
			t.kind = tUnknown
		}
		t.start, t.end = i, i+n
		out = append(out, t)
		i += n
	}
	return out
}

// lexOne reads the token at the start of s; n is 0 when s starts with no
// known word.
func lexOne(s string, names []string) (token, int) {
	for _, nm := range names {
		if strings.HasPrefix(s, nm) && wordEnd(s, len(nm)) {
			return token{kind: tName, name: nm}, len(nm)
		}
	}
	best, bestN := (*lineItem)(nil), 0
	for _, it := range lineItems {
		if m := it.asked.FindString(s); len(m) > bestN {
			best, bestN = it, len(m)
		}
	}
	if best != nil {
		return token{kind: tItem, item: best}, bestN
	}
	switch {
	case pctOfRE.MatchString(s):
		return token{kind: tPercentOf}, len(pctOfRE.FindString(s))
	case marginRE.MatchString(s):
		return token{kind: tMargin}, len(marginRE.FindString(s))
	case strings.HasPrefix(s, "("):
		return token{kind: tOpen}, 1
	case strings.HasPrefix(s, ")"):
		return token{kind: tClose}, 1
	case strings.HasPrefix(s, "average ") || strings.HasPrefix(s, "avg "):
		return token{kind: tAverage}, strings.Index(s, " ")
	case strings.HasPrefix(s, "change in "):
		return token{kind: tChange}, len("change in")
	case strings.HasPrefix(s, "between "):
		return token{kind: tBetween}, len("between")
	case strings.HasPrefix(s, "and "):
		return token{kind: tAnd}, len("and")
	}
	if m := fyRE.FindStringSubmatch(s); m != nil {
		return token{kind: tYear, year: atoi(m[1])}, len(m[0])
	}
	if m := opWordRE.FindString(s); m != "" && (len(m) == 1 || wordEnd(s, len(m))) {
		return token{kind: tOp, op: formulaOps[m]}, len(m)
	}
	if m := numRE.FindString(s); m != "" {
		return token{kind: tNumber, num: parseNum(m)}, len(m)
	}
	return token{}, 0
}

// wordEnd: s has no letter right after its first n bytes.
func wordEnd(s string, n int) bool {
	return n >= len(s) || !isAlnum(s[n])
}

func parseNum(s string) float64 {
	a, _ := parseCell(s)
	return a.value
}

// parser reads tokens into a formula: sums of products of primaries.
type parser struct {
	toks []token
	pos  int
	defs map[string]*node
}

func (p *parser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

// expr := term (('+'|'-') term)*
func (p *parser) expr() (*node, bool) {
	left, ok := p.term()
	for ok {
		t, more := p.peek()
		if !more || t.kind != tOp || (t.op != '+' && t.op != '-') {
			break
		}
		p.pos++
		var right *node
		if right, ok = p.term(); ok {
			left = &node{op: t.op, left: left, right: right}
		}
	}
	return left, ok
}

// term := primary (('*'|'/'|as a % of) primary | % margin)*
func (p *parser) term() (*node, bool) {
	left, ok := p.primary()
	for ok {
		t, more := p.peek()
		switch {
		case more && t.kind == tOp && (t.op == '*' || t.op == '/'):
			p.pos++
			var right *node
			if right, ok = p.primary(); ok {
				left = &node{op: t.op, left: left, right: right}
			}
		case more && t.kind == tPercentOf:
			p.pos++
			var right *node
			if right, ok = p.primary(); ok {
				left = &node{op: '/', left: left, right: right, percent: true}
			}
		case more && t.kind == tMargin:
			p.pos++
			left = &node{op: '/', left: left, right: &node{item: revenueItem()}, percent: true}
		default:
			return left, ok
		}
	}
	return left, ok
}

// primary := number | [year] item | [year] name | average item between
// year and year | change in item between year and year | ( expr )
func (p *parser) primary() (*node, bool) {
	t, ok := p.peek()
	if !ok {
		return nil, false
	}
	p.pos++
	switch t.kind {
	case tNumber:
		return &node{number: t.num}, true
	case tOpen:
		n, ok := p.expr()
		if c, more := p.peek(); !ok || !more || c.kind != tClose {
			return nil, false
		}
		p.pos++
		return n, true
	case tYear:
		n, ok := p.primary()
		if !ok || n.item == nil && n.name == "" || n.year != 0 || n.avg || n.chg {
			return nil, false
		}
		n.year = t.year
		return n, true
	case tItem:
		return &node{item: t.item}, true
	case tName:
		return &node{name: t.name, def: p.defs[t.name]}, p.defs[t.name] != nil
	case tAverage, tChange:
		return p.span(t.kind == tAverage)
	}
	return nil, false
}

// span reads "average inventory between FY2018 and FY2019"; without its
// years, an average is of the year asked and the year before.
func (p *parser) span(avg bool) (*node, bool) {
	t, ok := p.peek()
	if !ok || t.kind != tItem {
		return nil, false
	}
	p.pos++
	n := &node{item: t.item, avg: avg, chg: !avg}
	if b, more := p.peek(); !more || b.kind != tBetween {
		return n, avg
	}
	p.pos++
	var ys []int
	for _, want := range []tokKind{tYear, tAnd, tYear} {
		t, more := p.peek()
		if !more || t.kind != want {
			return nil, false
		}
		p.pos++
		if want == tYear {
			ys = append(ys, t.year)
		}
	}
	if ys[1] != ys[0]+1 {
		return nil, false
	}
	n.from, n.year = ys[0], ys[1]
	return n, true
}

func revenueItem() *lineItem {
	for _, it := range lineItems {
		if it.name == "revenue" {
			return it
		}
	}
	return nil
}

// parseFormula reads the whole of text as a formula.
func parseFormula(text string, names []string, defs map[string]*node) (*node, bool) {
	p := &parser{toks: lex(text, names), defs: defs}
	n, ok := p.expr()
	return n, ok && p.pos == len(p.toks)
}

// operators reports whether a formula, its names' formulas included,
// computes anything: a line item alone is a look-up.
func (n *node) operators() bool {
	switch {
	case n == nil:
		return false
	case n.op != 0 || n.avg || n.chg:
		return true
	case n.def != nil:
		return n.def.operators()
	}
	return false
}

var (
	defineRE  = regexp.MustCompile(`^(?:.*?[:,] )?define (.+?) as:? (.+)$`)
	definedRE = regexp.MustCompile(`^(.+?) (?:here )?(?:is|are) (?:here )?defined as:? (.+)$`)
	// remarkRE: brackets that say where a figure is from, or the unit
	// of the answer, not what to compute.
	remarkRE  = regexp.MustCompile(`\[[^\]]*\]|\((?:from|as|in|using|on|per|excluding|including|i\.e\.)\b[^)]*\)`)
	acronymRE = regexp.MustCompile(`([a-z][a-z&' -]+?) \(([a-z]{2,6})\)`)
	sentEndRE = regexp.MustCompile(`[.?;!]\s+|[.?!]$`)
)

// askedFormula is the formula a question asks to compute, and for when.
type askedFormula struct {
	root  *node
	years []int // the years to compute for: one, or several averaged
	mean  bool
	trend bool // the years' values side by side (trend.go)
	asks  asks // what a trend's yes-or-no question asks (verdict.go)
	round int  // decimals asked for, -1 if none
}

// readFormula reads the formula a question asks to compute, with its
// definitions and the standard ones.
func readFormula(question string) (askedFormula, bool) {
	q := strings.ToLower(strings.NewReplacer("’", "'", "\n", " ").Replace(question))
	q = remarkRE.ReplaceAllString(q, "")
	aliases := map[string]string{}
	for _, m := range acronymRE.FindAllStringSubmatch(q, -1) {
		aliases[m[2]] = trimName(m[1])
	}
	q = acronymRE.ReplaceAllString(q, "$1")
	sentences := splitSentences(q)
	defs, names, ok := definitions(sentences, aliases)
	if !ok {
		return askedFormula{}, false
	}
	for _, s := range sentences {
		asked, ok := askingClause(s)
		if !ok {
			continue
		}
		f, ok := targetFormula(asked, names, defs)
		if ok {
			f.round = roundAsked(q)
			return f, true
		}
	}
	for _, s := range sentences {
		if f, ok := trendFormula(s, names, defs); ok {
			f.round = roundAsked(q)
			return f, true
		}
	}
	return askedFormula{}, false
}

// definitions reads the question's definitions, then the standard ones
// it does not give, in order: a definition may use those before it and
// after it ("CCC is defined as: DIO + DSO - DPO. DIO is defined as …").
func definitions(sentences []string, aliases map[string]string) (map[string]*node, []string, bool) {
	var given []definition
	for _, s := range sentences {
		m := defineRE.FindStringSubmatch(s)
		if m == nil {
			m = definedRE.FindStringSubmatch(s)
		}
		if m != nil {
			given = append(given, definition{trimName(m[1]), strings.TrimSpace(m[2])})
		}
	}
	all := append(given, standardDefinitions...)
	defs := map[string]*node{}
	var names []string
	for _, d := range all {
		if !slices.Contains(names, d.name) {
			names = append(names, d.name)
		}
	}
	for short, long := range aliases {
		if slices.Contains(names, short) && !slices.Contains(names, long) {
			names = append(names, long)
			all = append(all, definition{long, short})
		}
		if slices.Contains(names, long) && !slices.Contains(names, short) {
			names = append(names, short)
			all = append(all, definition{short, long})
		}
	}
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	// Definitions refer to one another in any order: parse until no more
	// resolve.
	for range all {
		for _, d := range all {
			if defs[d.name] != nil {
				continue
			}
			if n, ok := parseFormula(d.expr, names, defs); ok {
				defs[d.name] = n
			}
		}
	}
	for _, d := range given {
		if defs[d.name] == nil {
			return nil, nil, false // a formula the question gives and this cannot read
		}
	}
	return defs, names, true
}

// trimName is a defined name without its leading fillers.
func trimName(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"the ", "fy ", "a ", "an "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.Trim(s, " :,")
}

func splitSentences(q string) []string {
	var out []string
	for _, s := range sentEndRE.Split(q, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// askingRE starts the clause that asks: "what is", "calculate".
var askingRE = regexp.MustCompile(`\b(?:what(?:'s| is| was| were| are)|calculate|compute|how much (?:is|was))\s+(.+)$`)

func askingClause(s string) (string, bool) {
	m := askingRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// notStatementRE: the measure asked is not the statements' own (an
// adjusted or segment figure), or not a fiscal year's (a quarter's).
var notStatementRE = regexp.MustCompile(`(?:^|[^n])\badjusted\b|\bnon[- ]?gaap\b|\b(?:core|organic|underlying|normali[sz]ed|comparable|pro forma|segment|constant currency)\b|\bq[1-4]\b|\b[1-4]q\b|\bquarter|\bh[12]\b|\bhalf\b|\bytd\b|\btrailing\b|\bttm\b|\bmonths?\b`)

var (
	yearAverageRE = regexp.MustCompile(`\b(?:three|two|four|five|\d)[- ]year average(?: of)?\b|\baverage(?: of)?\b`)
	roundRE       = regexp.MustCompile(`\bround(?:ed)?(?: your answer| the answer| answer)? to (one|two|three|1|2|3|zero|0) decimal`)
)

// targetFormula finds the formula in the asking clause: the longest run
// of its words that reads as one and computes something, and the years.
func targetFormula(asked string, names []string, defs map[string]*node) (askedFormula, bool) {
	if notStatementRE.MatchString(asked) {
		return askedFormula{}, false
	}
	years := questionYears(asked)
	mean := false
	if m := yearRangeRE.FindStringIndex(asked); m != nil && len(years) >= 2 {
		if !yearAverageRE.MatchString(asked) {
			return askedFormula{}, false // a change over years: compute.go's
		}
		asked = asked[:m[0]] + " " + asked[m[1]:]
		asked = yearAverageRE.ReplaceAllString(asked, " ")
		mean = true
	} else if len(years) != 1 {
		return askedFormula{}, false
	}
	toks := lex(asked, names)
	var kept []token
	for _, t := range toks {
		if t.kind != tYear || mean { // the year asked is the evaluation's
			kept = append(kept, t)
		}
	}
	best, bestLen := (*node)(nil), 0
	for i := range kept {
		for j := len(kept); j > i+bestLen; j-- {
			p := &parser{toks: kept[i:j], defs: defs}
			if n, ok := p.expr(); ok && p.pos == j-i && n.operators() {
				best, bestLen = n, j-i
				break
			}
		}
	}
	if best == nil {
		return askedFormula{}, false
	}
	return askedFormula{root: best, years: years, mean: mean, round: -1}, true
}

func roundAsked(q string) int {
	m := roundRE.FindStringSubmatch(q)
	if m == nil {
		return -1
	}
	return map[string]int{"zero": 0, "0": 0, "one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3}[m[1]]
}
