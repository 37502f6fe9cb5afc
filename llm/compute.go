package llm

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"quire/search"
)

// Many questions about reports ask for arithmetic on what the report
// states: "What is the growth rate in amortization expense in 2009?" is
// answered by no sentence, but by two figures of one: "Amortization
// expense … was $7.4 million, $9.3 million and $9.2 million in fiscal
// 2009, 2008 and 2007, respectively." The answer computes it, says that it
// did and how, and quotes the figures it used with their source, so the
// reader can check every step.

// opKind is the arithmetic a question asks for.
type opKind int

const (
	opPercentChange opKind = iota + 1 // growth from the earlier year to the later, in %
	opChange                          // the later year's figure less the earlier's
	opSum                             // the years' figures added
	opMean                            // the years' figures averaged
)

// arithmetic is what a question asks to compute, and for which years.
type arithmetic struct {
	kind  opKind
	years []int // ascending
	// ofPercent is set when the measure itself is a percentage or rate
	// ("the average gross margin"); otherwise figures written as
	// percentages are another measure ("Gross profit % to net sales" for
	// "the average total net sales").
	ofPercent bool
}

var (
	percentChangeRE = regexp.MustCompile(`\b(growth rate|rate of (growth|increase|decrease|decline|change)|percent(age)? (change|increase|decrease|growth|decline)|% (change|increase|decrease)|year[- ]over[- ]year (change|growth)|yoy)\b|\b(change|increase|decrease|growth|decline)\b[^?]*\b(in (units of )?|as an? )(percent|percentage)s?\b`)
	changeRE        = regexp.MustCompile(`\b(net change|change in|difference|increase in|decrease in|decline in|how much (did|has|have) [^?]*(increase|decrease|change|grow|decline|rise|fall))\b`)
	sumRE           = regexp.MustCompile(`\b(total|combined|sum|in all|altogether)\b`)
	meanRE          = regexp.MustCompile(`\b(average|mean)\b`)
	yearRangeRE     = regexp.MustCompile(`\b(?:fy\s?)?((?:19|20)\d{2})\s*(?:-|–|to|through|until)\s*(?:fy\s?)?((?:19|20)\d{2})\b`)
	// formulaRE: a ratio of two measures ("inventory turnover ratio",
	// "capex as a % of revenue") is not one measure's change over years.
	formulaRE   = regexp.MustCompile(`\b(ratio|margin|turnover|defined as|as a (%|percent|percentage) of|days (payable|sales|inventory))\b`)
	askedYearRE = regexp.MustCompile(`(?i)(?:\bfy\s?|\bfiscal\s+(?:year\s+)?|\b)((?:19|20)\d{2})\b`)
)

// askedArithmetic reads the computation a question asks for, if any. A
// change with one year is the change into that year; a sum or mean needs
// at least two years, so that "total revenue in 2016" stays a look-up.
func askedArithmetic(question string) (arithmetic, bool) {
	a, ok := askedOp(strings.ToLower(question))
	a.ofPercent = percentMeasureRE.MatchString(percentChangeRE.ReplaceAllString(strings.ToLower(question), " "))
	return a, ok
}

// percentMeasureRE finds a measure that is a percentage or a rate.
var percentMeasureRE = regexp.MustCompile(`%|\b(percent|percentage|rate|share|proportion|portion)s?\b`)

// askedOp reads the computation of a question in lower case.
func askedOp(q string) (arithmetic, bool) {
	if formulaRE.MatchString(q) {
		return arithmetic{}, false
	}
	years := questionYears(q)
	switch {
	case percentChangeRE.MatchString(q):
		return changeYears(opPercentChange, years)
	case meanRE.MatchString(q) && len(years) >= 2:
		return arithmetic{kind: opMean, years: years}, true
	case changeRE.MatchString(q):
		return changeYears(opChange, years)
	case sumRE.MatchString(q) && len(years) >= 2 && !strings.Contains(q, "respectively"):
		return arithmetic{kind: opSum, years: years}, true
	}
	return arithmetic{}, false
}

// changeYears is a change from the earliest year asked to the latest, or
// into the one year asked from the year before it.
func changeYears(kind opKind, years []int) (arithmetic, bool) {
	switch len(years) {
	case 0:
		return arithmetic{}, false
	case 1:
		return arithmetic{kind: kind, years: []int{years[0] - 1, years[0]}}, true
	}
	return arithmetic{kind: kind, years: []int{years[0], years[len(years)-1]}}, true
}

// maxYearSpan bounds a range of years read as every year in it.
const maxYearSpan = 12

// questionYears are the years a question names, ascending; a range
// ("fiscal years 2010 to 2012") names every year in it.
func questionYears(q string) (years []int) {
	for _, m := range yearRangeRE.FindAllStringSubmatch(q, -1) {
		a, b := atoi(m[1]), atoi(m[2])
		if a < b && b-a <= maxYearSpan {
			for y := a; y <= b; y++ {
				years = append(years, y)
			}
		}
	}
	for _, m := range askedYearRE.FindAllStringSubmatch(q, -1) {
		years = append(years, atoi(m[1]))
	}
	slices.Sort(years)
	return slices.Compact(years)
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// computeAny works whatever computation the question asks for, if the
// units state the figures for it.
func (e Extractive) computeAny(question string, units, all []unit, res search.Result) (computed, bool) {
	if c, ok := e.computeFormula(question, res); ok {
		return c, true
	}
	if c, ok := e.computeRevision(question, units, res); ok {
		return c, true
	}
	if c, ok := e.computeTwoRows(question, all); ok {
		return c, true
	}
	if c, ok := computeColumn(question, res.Hits, all); ok {
		return c, true
	}
	if measure, quarter, ok := askedQuarterShare(question); ok {
		return e.computeQuarterShare(question, measure, quarter, all, e.notMeasure(res))
	}
	whole, part, share := askedShare(question)
	a, arith := askedArithmetic(question)
	if !share && !arith {
		return e.computeGrowth(question, res) // most questions: nothing to analyse
	}
	skip := e.notMeasure(res)
	if share {
		if c, ok := e.computeShare(question, whole, part, all, skip); ok {
			return c, true
		}
	}
	if arith {
		measure := e.measureTerms(question, skip)
		at := placesOf(all)
		if c, ok := e.computeNamed(a, namedRows(question, units, at), all, at, measure, res.Hits); ok {
			return c, true
		}
		if c, ok := e.compute(a, units, all, measure); ok {
			return c, true
		}
	}
	// No passage found states the series: the statements may (growth.go).
	return e.computeGrowth(question, res)
}

// computedShare is how much less of the question than the best unit a unit
// with the figures may cover and still be computed from: a row's label
// ("Total cost of common share repurchases") holds fewer of the
// question's words than prose about the same thing.
const computedShare = 0.4

// computed is an answer worked out from figures the documents state.
type computed struct {
	line  string // the result and how it was reached
	units []unit // the units whose figures it used, in document order
	// extra are the chunks it read beyond the search's hits (a formula's
	// statements, see formulawork.go), cited after them.
	extra []search.Hit
	// also are the same computation on the row of the same name in other
	// documents: "the change in Audit Fees between 2018 and 2019" asked
	// of a library with two companies' proxy statements may mean either.
	also []computed
}

// compute works the arithmetic on the best-covering unit whose figures
// cover every year asked.
func (e Extractive) compute(a arithmetic, units, all []unit, measure []string) (computed, bool) {
	if len(units) == 0 {
		return computed{}, false
	}
	labelled := labelSeries(all)
	for _, u := range units {
		if u.cov < computedShare*units[0].cov {
			break
		}
		if !holdsMeasure(u, measure) {
			continue
		}
		s, from, ok := seriesFor(u, labelled)
		if !ok || !s.has(a.years) || s.percent(a.years) && !a.ofPercent {
			continue
		}
		line, ok := work(a, s)
		if !ok {
			continue
		}
		return computed{line: line, units: usedUnits(from, a.years)}, true
	}
	return computeLabelled(a, all, labelled, measure)
}

// computeNamed works the arithmetic on the first of rows, whose whole
// labels the question says, that states a figure for every year asked,
// read under its table's column years where its own line does not say
// them. The measure's other words may be its table's lead-in ("Net sales
// of products by category …" above "Frozen Kefir (a) 1,617 2% 1,434 1%").
// The row of the same label in each other document is worked too, into
// the first computation's also (see computedEach).
func (e Extractive) computeNamed(a arithmetic, rows, all []unit, at places, measure []string, hits []search.Hit) (computed, bool) {
	src := lineSource{at: at, all: all, chunk: e.Chunk}
	labelled := labelSeries(all)
	var found []computed
	var label string
	seen := map[uint64]bool{}
	for _, u := range rows {
		l, _ := tableRowLabel(u)
		doc, words := hits[u.hit].Doc.ID, labelWords(l)
		if seen[doc] || len(found) > 0 && words != label || !leadInHolds([]unit{u}, at, measure) {
			continue
		}
		s, from, ok := seriesFor(u, labelled)
		if !ok {
			s, ok = src.headedSeries(u)
			from = []unit{u}
		}
		if !ok || !s.has(a.years) || s.percent(a.years) && !a.ofPercent {
			continue
		}
		if line, ok := work(a, s); ok {
			found = append(found, computed{line: line, units: usedUnits(from, a.years)})
			seen[doc], label = true, words
		}
	}
	if len(found) == 0 {
		return computed{}, false
	}
	c := found[0]
	c.also = found[1:]
	return c, true
}

// computeLabelled works the arithmetic on rows whose labels carry the
// year ("Balance, November 3, 2007 … $ 9,889"): such a row names little
// of the question, and its table's lead-in ("the changes in the total
// amounts of uncertain tax positions") names the measure.
func computeLabelled(a arithmetic, all []unit, labelled map[labelKey]labelled, measure []string) (computed, bool) {
	at := placesOf(all)
	keys := slices.SortedFunc(maps.Keys(labelled), func(x, y labelKey) int {
		if x.hit != y.hit {
			return x.hit - y.hit
		}
		return labelled[x].units[0].pos - labelled[y].units[0].pos
	})
	for _, k := range keys {
		l := labelled[k]
		if len(l.series) < 2 || !l.series.has(a.years) || !leadInHolds(l.units, at, measure) {
			continue
		}
		if line, ok := work(a, l.series); ok {
			return computed{line: line, units: usedUnits(l.units, a.years)}, true
		}
	}
	return computed{}, false
}

// leadInHolds: the rows and the lines above the first of them state
// every word of the measure.
func leadInHolds(rows []unit, at places, measure []string) bool {
	terms := map[string]bool{}
	for _, r := range rows {
		for t := range r.terms {
			terms[t] = true
		}
	}
	for _, v := range at.above(rows[0]) {
		for t := range v.terms {
			terms[t] = true
		}
	}
	return holdsMeasure(unit{terms: terms}, measure)
}

// has reports whether s states a figure for every year.
func (s series) has(years []int) bool {
	for _, y := range years {
		if _, ok := s[y]; !ok {
			return false
		}
	}
	return len(years) > 0
}

// seriesFor is the series a unit states, and the units it is read from.
func seriesFor(u unit, labelled map[labelKey]labelled) (series, []unit, bool) {
	if s, ok := rowSeries(u); ok {
		return s, []unit{u}, true
	}
	if s, ok := respectivelySeries(u); ok {
		return s, []unit{u}, true
	}
	if s, ok := pairedSeries(u); ok && u.loc == "" {
		return s, []unit{u}, true
	}
	if u.loc != "" {
		return nil, nil, false
	}
	stem, _, _, ok := labelYear(u.text)
	if !ok {
		return nil, nil, false
	}
	l := labelled[labelKey{u.hit, stem}]
	return l.series, l.units, len(l.series) >= 2
}

// labelKey names a row label within one hit.
type labelKey struct {
	hit  int
	stem string
}

// labelled is the series of rows that share a label but for its date.
type labelled struct {
	series series
	units  []unit
}

// labelSeries groups the rows whose labels hold a year by hit and label.
func labelSeries(all []unit) map[labelKey]labelled {
	out := map[labelKey]labelled{}
	for _, u := range all {
		if u.loc != "" {
			continue
		}
		stem, y, a, ok := labelYear(u.text)
		if !ok {
			continue
		}
		k := labelKey{u.hit, stem}
		l := out[k]
		if l.series == nil {
			l.series = series{}
		}
		if _, dup := l.series[y]; dup {
			continue
		}
		l.series[y] = a
		l.units = append(l.units, u)
		out[k] = l
	}
	return out
}

// usedUnits keeps, of the rows a labelled series is read from, those of
// the years used.
func usedUnits(from []unit, years []int) []unit {
	if len(from) < 2 {
		return from
	}
	var out []unit
	for _, u := range from {
		if _, y, _, ok := labelYear(u.text); ok && slices.Contains(years, y) {
			out = append(out, u)
		}
	}
	return out
}

// opWords say what to compute or for when ("for years ended December
// 31"), not what to compute it on, or name no measure ("the amount of
// common share repurchases").
var opWords = map[string]bool{"growth": true, "rate": true, "percent": true, "percentage": true, "change": true, "increase": true, "decrease": true, "decline": true,
	"difference": true, "net": true, "total": true, "combined": true, "sum": true, "altogether": true, "average": true, "mean": true, "year": true, "years": true,
	"fiscal": true, "fy": true, "amount": true, "value": true, "both": true, "ended": true, "ending": true, "end": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true, "figure": true, "much": true, "millions": true, "billions": true, "thousands": true, "between": true, "period": true, "yoy": true, "respectively": true}

// measureTerms are the analysed words of the measure a computation is
// asked on: the question's words besides those of skip (notMeasure: the
// company's, the frame's and the computation's) and years.
// Capitalised words stay: "the average Restricted cash" asks for
// restricted cash, not any cash.
func (e Extractive) measureTerms(question string, skip map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range e.Analyze(coreQuestion(question)) {
		if !skip[t] && !hasDigit(t) && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// notMeasure are the analysed words that name no measure: the hits'
// documents' titles, the computation's words and the frame words. A
// share question reads three measures with them, so they are analysed
// once.
func (e Extractive) notMeasure(res search.Result) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for _, t := range e.Analyze(s) {
			out[t] = true
		}
	}
	for _, h := range res.Hits {
		add(h.Doc.Title())
	}
	for w := range opWords {
		add(w)
	}
	for w := range frameWords {
		add(w)
	}
	return out
}

// holdsMeasure: the unit states every word of the measure. A row that
// names part of it ("Total operating expenses" for "rent charged to
// operating expense") is another measure.
func holdsMeasure(u unit, measure []string) bool {
	for _, t := range measure {
		if !u.terms[t] {
			return false
		}
	}
	return len(measure) > 0
}
