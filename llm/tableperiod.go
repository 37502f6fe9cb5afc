package llm

import "strings"

// A table row's figures are of the period its table says: the years that
// head its columns ("2016 2015 2014"), or, when its columns are measures
// ("Fees Earned or Paid in Cash", "Stock Awards", "Total"), the period of
// the sentence that leads into the table ("… resulted in the following
// total compensation for our non-management directors in fiscal year
// 2019:"). Either is often in the chunk before the row's, where the row's
// own section (columnYears) does not reach; without it the check guessed
// the row's columns were years back from the report's, and "Keith Barnes
// 102,500 178,317 280,817" answered for 2017 from a table of 2019.

// tablePeriod is the lines above a table row that say its period: its
// table's header lines that give years, else the lead-in sentence above
// the table when it names a year; "" when neither does (a row quoted
// without its table, or a table whose lead-in names no year).
func (s lineSource) tablePeriod(u unit) string {
	for _, l := range s.above(u) {
		switch {
		case isHeader(l) && yearRE.MatchString(l):
			return l // the nearest header that gives years is the row's table's
		case strings.HasSuffix(strings.TrimSpace(l), ":") && yearRE.MatchString(namedYear.ReplaceAllString(l, "$1 $2")):
			return l // the lead-in, which the table completes
		case !isRowLike(l):
			return "" // prose that names no year: the table starts below it
		}
	}
	return ""
}

// rowPeriod is what states reads a quoted table row's period from: the
// header years of its section, else those tablePeriod finds above it.
func (e Extractive) rowPeriod(chosen []unit, at places) string {
	if ys := columnYears(chosen); ys != "" || rowScope(chosen) == "" {
		return ys
	}
	return lineSource{at: at, chunk: e.Chunk}.tablePeriod(chosen[0])
}
