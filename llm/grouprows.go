package llm

import (
	"regexp"
	"slices"
	"strings"
)

// A table may group its rows under a name and give one row per year:
//
//	Oleg Khaykin 2019 4,067,526 —
//	2018 2,457,750 909,900
//	2017 659,618 —
//	Amar Maletira 2019 1,379,350 —
//
// The name is written once, on the group's first row, and "2018 2,457,750
// 909,900" is Oleg Khaykin's 2018. groupUnits adds, for every year row of
// a group, a unit that quotes it with its group's name, so a question that
// names the person and the year finds the row that answers it.

var (
	// groupFirstRE: a group's first row, a label of words, a year, figures
	// ("Oleg Khaykin 2019 4,067,526 —"). Group 1 is the label.
	groupFirstRE = regexp.MustCompile(`^(\p{L}[^\d]*?)\s+(?:19|20)\d\d\s+[-—–(\d$€£]`)
	// groupYearRE: a row of the group after its first, a year and figures
	// alone ("2018 2,457,750 909,900"), a figure perhaps with its
	// footnote ("180,000(5)").
	groupYearRE = regexp.MustCompile(`^(?:19|20)\d\d(?:\s+(?:[-—–]|\(?[$€£]?\s?\d[\d,.]*\)?%?(?:\(\d\))?))+$`)
)

// maxGroupRows bounds the year rows one label is carried over.
const maxGroupRows = 8

// groupUnits returns, for each group among one chunk's units (in chunk
// order), its first row and each of its year rows with the group's name,
// all with the words of the table's head.
func groupUnits(us []unit) []unit {
	var out []unit
	for i := 0; i < len(us); i++ {
		m := groupFirstRE.FindStringSubmatch(us[i].text)
		if m == nil || !isDataRow(us[i].text) || i+1 == len(us) || !groupYearRE.MatchString(us[i+1].text) {
			continue
		}
		label, head := strings.TrimSpace(m[1]), headTerms(us, i)
		if above := labelAbove(us, i); above != "" {
			label = above + " " + label
		}
		first := us[i]
		out = append(out, unit{hit: first.hit, pos: first.pos, text: first.text, loc: first.text, terms: union(first.terms, head), scope: first.scope, path: first.path, chunk: first.chunk})
		labelTerms := map[string]bool{}
		for t := range first.terms {
			if !hasDigit(t) { // the first row's year and figures are not the others'
				labelTerms[t] = true
			}
		}
		j := i + 1
		for ; j < len(us) && j-i <= maxGroupRows && groupYearRE.MatchString(us[j].text); j++ {
			r := us[j]
			out = append(out, unit{hit: r.hit, pos: r.pos, text: label + " " + r.text, loc: r.text, terms: union(r.terms, labelTerms, head), scope: r.scope, path: r.path, chunk: r.chunk})
		}
		i = j - 1
	}
	return out
}

// labelAbove is the start of a group's label written on the lines above
// its first row ("Amar Maletira", "Executive Vice", "President and",
// "Chief Financial", "Officer 2019 500,000 …"), when a row of the group
// before ends it, or a column's unit in parentheses ("($)") above the
// first group; above a first group without one, the label's lines cannot
// be told from the column names.
func labelAbove(us []unit, i int) string {
	var ls []string
	for k := i - 1; k >= 0 && i-k <= maxLabelLines+1; k-- {
		l := us[k].text
		if isDataRow(l) && hasFigure(l) || columnUnit.MatchString(l) {
			slices.Reverse(ls)
			return strings.Join(ls, " ")
		}
		if !isRowLike(l) || hasDigit(l) {
			break
		}
		ls = append(ls, l)
	}
	return ""
}

// columnUnit: a line that gives a column's unit alone, with its note
// ("($)", "($) (4)", "(#)").
var columnUnit = regexp.MustCompile(`^\([$€£#%]\)(?:\s*\(\d\))?$`)

// maxLabelLines bounds the lines a group's label is written on.
const maxLabelLines = 5
