package llm

import (
	"regexp"
	"strings"
)

// "What percentage of total net revenue of the Investing & Lending segment
// is due to equity securities in 2015?" asks for one row of a table as a
// share of its total row, in the year's column: "Equity securities $2,573
// $3,781 $4,579" of "Total net revenues 4,080 5,436 6,825" under "$ in
// millions 2016 2015 2014". "What percentage of future minimum rental
// payments are due in 2018?" asks the same of a table whose rows are
// years: "2018 $ 317" of "Total $2,163".

var (
	shareRE     = regexp.MustCompile(`(?i)\bwhat (?:percent(?:age)?|portion|proportion|share|fraction|%) of (?:the )?(.+?)\s+(?:is|are|was|were)\s+(.+?)\s*\?*\s*$`)
	partFillers = regexp.MustCompile(`(?i)^(?:comprised of|made up of|due to|due|related to|attributable to|accounted for by|from|for|in)\s+`)
)

// constitutionRE: "What is the percentage constitution of brand names
// among the total goodwill and indefinite lived intangible assets in
// 2019?" names the part first.
var constitutionRE = regexp.MustCompile(`(?i)\b(?:percent(?:age)?|share|proportion) (?:constitution )?of (.+?) (?:among|in|of|within) (?:the )?(total .+?)(?:\s+(?:in|for|as of|at|during)\s+(?:fiscal (?:year )?|fy ?)?(?:19|20)\d\d)?\s*\?*\s*$`)

// askedShare reads the whole and the part of a share question.
func askedShare(question string) (whole, part string, ok bool) {
	q := coreQuestion(question)
	if m := shareRE.FindStringSubmatch(q); m != nil {
		return m[1], partFillers.ReplaceAllString(m[2], ""), true
	}
	if m := constitutionRE.FindStringSubmatch(q); m != nil {
		return m[2], partFillers.ReplaceAllString(m[1], ""), true
	}
	return "", "", false
}

// tableKey names one table: its hit and its header.
type tableKey struct {
	hit    int
	header string
}

func (u unit) table() tableKey {
	return tableKey{u.hit, strings.TrimSuffix(strings.TrimSuffix(u.text, u.loc), ": ")}
}

// computeShare works a share question on the table rows among all.
func (e Extractive) computeShare(question, whole, part string, all []unit, skip map[string]bool) (computed, bool) {
	years := questionYears(strings.ToLower(question))
	if len(years) != 1 {
		return computed{}, false
	}
	wholeTerms := e.measureTerms(whole, skip)
	inWhole := e.termSet(whole)
	var partTerms []string
	for _, t := range e.measureTerms(part, skip) {
		if !inWhole[t] {
			partTerms = append(partTerms, t)
		}
	}
	y := years[0]
	if len(partTerms) == 0 {
		return yearShare(all, wholeTerms, y)
	}
	src := lineSource{at: placesOf(all), all: all, chunk: e.Chunk}
	for _, p := range all {
		ps, ok := src.rowSeries(p)
		if !ok || !holdsMeasure(p, partTerms) {
			continue
		}
		if _, ok := ps[y]; !ok {
			continue
		}
		w, ok := totalRow(p, all, wholeTerms, y, whole, src)
		if !ok {
			continue
		}
		ws, _ := src.rowSeries(w)
		if ws[y].value == 0 {
			continue
		}
		return computed{line: shareLine(y, ps[y], ws[y]), units: []unit{p, w}}, true
	}
	return computed{}, false
}

// totalRow is the row of p's table that totals it: labelled "Total", and
// naming the most words of the whole.
func totalRow(p unit, all []unit, whole []string, year int, named string, src lineSource) (unit, bool) {
	var best unit
	most := -1
	// A table may total its rows under the whole's own name, without
	// "Total" ("Goodwill and indefinite lived intangible assets $ 12,824").
	own := labelWords(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(named)), "total "))
	for _, w := range all {
		if w.loc == "" || w.table() != p.table() || w.pos == p.pos {
			continue
		}
		if label, _ := tableRowLabel(w); !strings.HasPrefix(strings.ToLower(w.loc), "total") && labelWords(label) != own {
			continue
		}
		s, ok := src.rowSeries(w)
		if !ok {
			continue
		}
		if _, ok := s[year]; !ok {
			continue
		}
		n := 0
		for _, t := range whole {
			if w.terms[t] {
				n++
			}
		}
		if n > most {
			best, most = w, n
		}
	}
	return best, most > 0 || len(whole) == 0 && most == 0
}

// maxYearRows bounds how far below a year's row its table's total is
// looked for, and how far above a row its table's lead-in.
const maxYearRows = 12

// above is the lines of u's hit above it, nearest first, up to
// maxYearRows: where a table's header and lead-in are.
func (at places) above(u unit) []unit {
	var out []unit
	for i := 1; i <= maxYearRows; i++ {
		if v, ok := at[[2]int{u.hit, u.pos - i}]; ok {
			out = append(out, v)
		}
	}
	return out
}

// yearShare works a share question on a table whose rows are years
// ("2018 $ 317" … "Total $2,163"): the year's row over the total row
// below it.
func yearShare(all []unit, whole []string, year int) (computed, bool) {
	at := placesOf(all)
	for _, p := range all {
		pa, ok := yearRow(p.text, year)
		if !ok || p.loc != "" {
			continue
		}
		for i := 1; i <= maxYearRows; i++ {
			w, ok := at[[2]int{p.hit, p.pos + i}]
			if !ok {
				break
			}
			if !strings.HasPrefix(strings.ToLower(w.text), "total") {
				continue
			}
			_, amounts := split(readings(w.text))
			if len(amounts) != 1 || amounts[0].value == 0 {
				break
			}
			named, ok := namingLine(w, p, at, whole)
			if !ok {
				break
			}
			line := shareLine(year, pa, amounts[0])
			used := []unit{p, w}
			if named.pos != w.pos {
				used = []unit{named, p, w} // the lead-in says what the rows are of
			}
			return computed{line: line, units: used}, true
		}
	}
	return computed{}, false
}

// yearRow reads a row that is a year and one amount ("2018 $ 317").
func yearRow(text string, year int) (amount, bool) {
	rs := readings(text)
	if len(rs) != 2 || rs[0].year != year || rs[1].year != 0 || rs[0].start != 0 {
		return amount{}, false
	}
	return rs[1].amount, true
}

// namingLine is the line that names a word of the whole: the total row,
// or a line above the year's row (the table's lead-in: "Total" alone
// totals the table the question names by its lead-in, "The table below
// presents future minimum rental payments").
func namingLine(total, row unit, at places, whole []string) (unit, bool) {
	for _, l := range append([]unit{total}, at.above(row)...) {
		for _, t := range whole {
			if l.terms[t] {
				return l, true
			}
		}
	}
	return unit{}, false
}
