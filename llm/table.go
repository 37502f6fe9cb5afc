package llm

import (
	"strings"
	"unicode"
)

// Tables reach the answerer as a header row followed by data rows, one
// per line. A question often names a column ("response time") and a row
// ("the Enterprise tier"), so neither line answers it alone: tableUnits
// adds, for every data row, a unit that quotes the row with its header.

// maxTableRows bounds how far under a header rows are looked for.
const maxTableRows = 24

// tableUnits returns a header-plus-row unit for each data row found under
// a header row among one chunk's units (in chunk order).
func tableUnits(us []unit) []unit {
	var out []unit
	for i := 0; i < len(us); i++ {
		if !isHeader(us[i].text) || i >= 2 && labelRow(us[i-1].text) && labelRow(us[i-2].text) {
			// After two short lines of words alone, a third is one more
			// row of a label–value table ("CEO Iris Kallas", "CTO Bogdan
			// Vrabiescu", "Head of People Yuki Tanabe-Pereira"), not the
			// header of the rows after it.
			continue
		}
		j := i + 1
		for j < len(us) && j-i <= maxTableRows && isDataRow(us[j].text) {
			j++
		}
		if j-i-1 < 2 { // one line under a heading is not a table
			continue
		}
		h := us[i]
		for _, r := range us[i+1 : j] {
			terms := make(map[string]bool, len(h.terms)+len(r.terms))
			for t := range h.terms {
				terms[t] = true
			}
			for t := range r.terms {
				terms[t] = true
			}
			out = append(out, unit{hit: r.hit, pos: r.pos, text: h.text + ": " + r.text, loc: r.text, terms: terms, scope: r.scope, path: r.path, chunk: r.chunk})
		}
		i = j - 1
	}
	return out
}

// isHeader: a short line of column names, with no figures other than
// years and the dates of columns ("July 29, 2023 January 28, 2023"), no
// sentence end, and no empty cells closing it: "State and local -- --" is
// a row whose figures are blank.
func isHeader(line string) bool {
	words := strings.Fields(line)
	if len(words) < 2 || len(words) > 16 || endsSentenceMark(line) || blankCell(words[len(words)-1]) {
		return false
	}
	if dateColumns(line) != nil {
		return true
	}
	for _, w := range words {
		if hasDigit(w) && !isYear(w) {
			return false
		}
	}
	return true
}

// blankCell: a dash that stands for an empty cell.
func blankCell(w string) bool { return w == "—" || w == "–" || w == "-" || w == "--" }

// labelRow: a short line of words alone, no digit in it.
func labelRow(line string) bool { return isRowLike(line) && !hasDigit(line) }

// isRowLike: a short line that does not end a sentence.
func isRowLike(line string) bool {
	n := len(strings.Fields(line))
	return n > 0 && n <= 16 && !endsSentenceMark(line)
}

// isDataRow: a short line holding at least one figure (not only a year,
// nor the dates that head columns).
func isDataRow(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 30 || endsSentenceMark(line) || dateColumns(line) != nil {
		return false
	}
	for _, w := range words {
		if hasDigit(w) && !isYear(w) {
			return true
		}
	}
	return false
}

func endsSentenceMark(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.ContainsRune(".!?", rune(s[len(s)-1]))
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

func isYear(w string) bool {
	w = strings.Trim(w, "()[],;:")
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}
