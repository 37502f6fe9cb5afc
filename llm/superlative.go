package llm

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"quire/search"
)

// "What was the largest liability in American Express's Balance Sheet in
// 2022?" names no line: it asks which line of a statement's section is
// the largest. No sentence says so; the balance sheet's rows under
// "Liabilities" do, compared in the year asked. The answer names the row,
// says what it was compared with, and quotes the section's rows, so the
// reader can check it. A section the statement does not head with the
// words asked ("Current liabilities" for "liability") answers nothing:
// a part of the liabilities is not all of them.

// superlative is what a question asks the largest or smallest of.
type superlative struct {
	word    string   // "largest", as the question says it
	largest bool     // else the smallest
	groups  []string // the sections it may mean, normalised ("liability")
	measure string   // the words after the superlative, as written ("EBITDAR Contribution")
}

var (
	superlativeRE = regexp.MustCompile(`(?i)\b(largest|biggest|highest|greatest|smallest|lowest)\s+([a-z][a-z' -]*?)\s*(?:\b(?:in|of|for|on|at|during|among|as|from|within|reported|recorded|shown|listed|line)\b|[?,.;]|$)`)
	whichWhat     = regexp.MustCompile(`(?i)^\s*(?:which|what)\b`)
	amongRE       = regexp.MustCompile(`(?i)\bamong (?:the |all )?(?:of )?(?:the )?([a-z][a-z' -]*?)\s*(?:\b(?:in|of|for|on|at|during|as|from|within|reported)\b|[?,.;]|$)`)
)

// askedSuperlative reads "the largest X" or "… among the Xs" from a
// question that asks which or what.
func askedSuperlative(question string) (superlative, bool) {
	if !whichWhat.MatchString(question) {
		return superlative{}, false
	}
	m := superlativeRE.FindStringSubmatch(question)
	if m == nil {
		return superlative{}, false
	}
	w := strings.ToLower(m[1])
	s := superlative{word: w, largest: w != "smallest" && w != "lowest", measure: m[2]}
	if a := amongRE.FindStringSubmatch(question); a != nil {
		s.groups = append(s.groups, groupName(a[1]))
	}
	s.groups = append(s.groups, groupName(m[2]))
	return s, true
}

// groupName is a section's name as compared: lower case, words apart,
// each in the singular ("Short-term investments:" → "short term
// investment").
func groupName(s string) string {
	s = strings.ToLower(strings.NewReplacer("-", " ", "’", "'", ":", " ").Replace(s))
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = singular(w)
	}
	return strings.Join(words, " ")
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"):
		return strings.TrimSuffix(w, "es")
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// minSectionRows: a superlative compares at least this many rows.
const minSectionRows = 2

// superlativeStatement answers which row of a statement's section is the
// largest or smallest in the one year asked, from the statements of the
// documents asked about; ok is false when no section is headed with the
// words asked, or a row of it states no figure for the year.
func (e Extractive) superlativeStatement(question string, res search.Result) (computed, bool) {
	if e.Chunk == nil || !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.Statement }) {
		return computed{}, false
	}
	sup, ok := askedSuperlative(question)
	years := questionYears(question)
	if !ok || len(years) != 1 {
		return computed{}, false
	}
	docs := e.statementDocs(question, res)
	for di, d := range docs {
		for _, g := range sup.groups {
			if rows, ok := sectionRows(d.rows, g, years[0]); ok {
				return sup.answer(rows, di, docs, res, years[0]), true
			}
		}
	}
	return computed{}, false
}

// answer names the largest (or smallest) of rows in year and quotes every
// row compared, that one first, with its column years.
func (sup superlative) answer(rows []*stmtRow, doc int, docs []stmtDoc, res search.Result, year int) computed {
	best := pick(rows, year, sup.largest)
	used := make([]usedRow, len(rows))
	for i := range rows {
		used[i] = usedRow{row: rows[i], doc: doc}
	}
	units, extra := formulaUnits(used, docs, res, []int{year})
	r := rows[best]
	line := fmt.Sprintf("Computed: %s is the %s of the %d lines under %s in %d (%s%s).",
		rowName(r), sup.word, len(rows), strconv.Quote(sectionTitle(r)), year, r.values[year].format(), scaleNote(r.scale))
	return computed{line: line, units: toFront(units, best), extra: extra}
}

// toFront is us with its i-th unit moved first, the others in their
// order; us is not changed.
func toFront(us []unit, i int) []unit {
	return append(us[i:i+1:i+1], append(us[:i:i], us[i+1:]...)...)
}

// sectionRows are the rows of the first statement section named group,
// its total left out, when every one of them states a figure for year.
func sectionRows(rows []stmtRow, group string, year int) ([]*stmtRow, bool) {
	var out []*stmtRow
	for i := range rows {
		r := &rows[i]
		if r.section == "" || groupName(r.section) != group {
			if len(out) > 0 && hasDigit(r.section) {
				// A row of the section read as a heading ("Marketing 5,458
				// 5,291 3,696" in American Express's expenses): its
				// figures are not compared, so nothing is.
				return nil, false
			}
			if len(out) > 0 {
				break // the section ended
			}
			continue
		}
		if isTotal(r.labels[0], r.section) {
			if len(out) > 0 {
				break
			}
			continue
		}
		if _, ok := r.values[year]; !ok || !strings.ContainsFunc(rowName(r), unicode.IsLetter) {
			return nil, false // a row that cannot be compared: no answer rather than a wrong one
		}
		out = append(out, r)
	}
	return out, len(out) >= minSectionRows
}

// isTotal: a section's total row ("Total liabilities", or the section's
// name again).
func isTotal(label, section string) bool {
	return strings.HasPrefix(label, "total") || groupName(label) == groupName(section)
}

// pick is the index of the row with the largest (or smallest) figure for
// year.
func pick(rows []*stmtRow, year int, largest bool) int {
	best := 0
	for i, r := range rows {
		v, b := r.values[year].value, rows[best].values[year].value
		if largest && v > b || !largest && v < b {
			best = i
		}
	}
	return best
}

// rowName is a row's label as the statement writes it.
func rowName(r *stmtRow) string {
	label, _ := splitCells(r.loc)
	if label == "" {
		return r.labels[0]
	}
	return strings.TrimSpace(strings.TrimRight(label, "$ "))
}

// sectionTitle is the section's name with its first letter in capitals.
func sectionTitle(r *stmtRow) string {
	s := r.section
	c, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(c)) + s[n:]
}

func scaleNote(scale string) string {
	if scale == "" {
		return ""
	}
	return ", " + scale
}
