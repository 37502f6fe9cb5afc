package llm

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

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
		case balanceRE.MatchString(l):
			return balancePeriod(l)
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

// A statement of equity runs the years down its rows, not across its
// columns: "Balance, January 1, 2019" opens the rows of 2019 ("Net income
// 16,026 16,026 29 16,056"), "Balance, December 31, 2019" those of 2020.
// Its column names are measures ("Retained Earnings", "Total Equity"),
// so without the balance line above it a row of 2019 answered for 2021.

// balanceRE: a line that opens a period's rows with the balance on a date.
var balanceRE = regexp.MustCompile(`(?i)^balances?\b[^0-9]{0,20}?\b(` + monthName + `)\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b`)

// balancePeriod is the year of the rows a balance line opens: the year
// in which the twelve months after its date end ("January 1, 2019" opens
// 2019, "December 31, 2019" and "February 3, 2018", a retailer's year
// end, open the years that end in 2020 and 2019).
func balancePeriod(line string) string {
	m := balanceRE.FindStringSubmatch(line)
	month, ok := monthNumber(m[1])
	if !ok {
		return ""
	}
	day, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	opened := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return strconv.Itoa(opened.AddDate(1, 0, -1).Year())
}

// monthPrefixes are the months' first three letters, January first.
var monthPrefixes = [12]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthNumber reads a month's name or its abbreviation by its first three
// letters.
func monthNumber(name string) (time.Month, bool) {
	if len(name) < 3 {
		return 0, false
	}
	i := slices.Index(monthPrefixes[:], strings.ToLower(name[:3]))
	return time.Month(i + 1), i >= 0
}
