package llm

import (
	"regexp"
	"strconv"
	"strings"
)

// A series is what a unit states for each year: a table row under a
// header of years ("$ in millions 2016 2015 2014" over "Equity securities
// $2,573 $3,781 $4,579"), a sentence that lists figures and years
// "respectively", or rows whose labels carry the year ("Balance,
// November 3, 2007 … $ 9,889").

// amount is one figure as written.
type amount struct {
	value    float64
	decimals int  // digits after the point, as written
	grouped  bool // written with thousands separators
	percent  bool // a percentage: not summed
}

// series maps years to the amounts stated for them.
type series map[int]amount

var (
	// amountRE finds a figure: an optional opening parenthesis or minus
	// (a negative), a currency sign, the digits. Letters may touch it:
	// extraction glues words ("$1.7millionand$1.3million").
	amountRE = regexp.MustCompile(`(\(\s*)?([-−–]\s?)?[$€£]?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`)
	// monthRE: text that ends in a month's name or its abbreviation,
	// whose day may follow; not a word that begins like one
	// ("Marketing 5,458", "Decrease 12").
	monthRE = regexp.MustCompile(`(?i)\b` + monthName + `\.?\s*$`)
)

// monthName is a month's name or its abbreviation, as a whole word: not
// a word that begins like one ("Marketing", "Decrease").
const monthName = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b`

// reading is one figure found in text: a year or an amount.
type reading struct {
	year       int // set for a year
	amount     amount
	start, end int // where it is written in the text
}

// readings finds the years and amounts of text in order. A day of the
// month ("March 31, 2012") is neither.
func readings(text string) []reading {
	var out []reading
	for _, m := range amountRE.FindAllStringSubmatchIndex(text, -1) {
		digits := text[m[6]:m[7]]
		if monthRE.MatchString(text[:m[0]]) && !strings.Contains(digits, ",") && len(digits) <= 2 {
			continue
		}
		signed := negative(text, m)
		if !signed && !strings.ContainsAny(text[m[0]:m[7]], "$€£") && isYear(digits) {
			out = append(out, reading{year: atoi(digits), start: m[0], end: m[1]})
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil {
			continue
		}
		if signed {
			v = -v
		}
		a := amount{value: v, grouped: strings.Contains(digits, ","), percent: strings.HasPrefix(strings.TrimLeft(text[m[1]:], " "), "%")}
		if i := strings.IndexByte(digits, '.'); i >= 0 {
			a.decimals = len(digits) - i - 1
		}
		out = append(out, reading{amount: a, start: m[0], end: m[1]})
	}
	return out
}

// negative: the figure of match m is written as a negative, in
// parentheses ("(1,234)") or with a minus that is not a range's dash
// ("2008-2010").
func negative(text string, m []int) bool {
	if m[2] >= 0 && strings.HasPrefix(strings.TrimLeft(text[m[7]:], " "), ")") {
		return true
	}
	if m[4] < 0 {
		return false
	}
	return m[4] == 0 || !isAlnum(text[m[4]-1])
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// split returns the years and the amounts of readings, each in order.
func split(rs []reading) (years []int, amounts []amount) {
	for _, r := range rs {
		if r.year != 0 {
			years = append(years, r.year)
		} else {
			amounts = append(amounts, r.amount)
		}
	}
	return years, amounts
}

// zip pairs years with amounts in order, when there are as many of each
// and at least two, every year once.
func zip(years []int, amounts []amount) (series, bool) {
	if len(years) < 2 || len(years) != len(amounts) {
		return nil, false
	}
	s := series{}
	for i, y := range years {
		if y == 0 {
			continue // a column of no year: the change between them
		}
		if _, dup := s[y]; dup {
			return nil, false
		}
		s[y] = amounts[i]
	}
	return s, len(s) >= 2
}

// rowSeries reads a table row under its header: the header's years are
// its columns.
func rowSeries(u unit) (series, bool) {
	if u.loc == "" || !strings.HasSuffix(u.text, u.loc) {
		return nil, false
	}
	years, _ := split(readings(u.table().header))
	rowYears, amounts := split(withoutNoteRef(u.loc, readings(u.loc), len(years)))
	if len(rowYears) > 0 {
		return nil, false
	}
	return zip(years, amounts)
}

// noteRefRE is a footnote's mark at the start of a reading: "(1)" in
// "Audit Fees (1) $ 3,631,575" (a reading starts at a digit or the
// bracket before one, so only numbered marks reach it).
var noteRefRE = regexp.MustCompile(`^` + noteMark)

// withoutNoteRef drops a row's first reading when it is a footnote's
// number written after the row's label, and the row then holds as many
// figures as its header has columns: "(1)" is not a figure of −1.
func withoutNoteRef(row string, rs []reading, columns int) []reading {
	if len(rs) != columns+1 || rs[0].year != 0 || rs[0].start == 0 || !noteRefRE.MatchString(row[rs[0].start:]) {
		return rs
	}
	return rs[1:]
}

// respectivelySeries reads a sentence that states figures for years
// "respectively".
func respectivelySeries(u unit) (series, bool) {
	if !strings.Contains(strings.ToLower(u.text), "respectively") {
		return nil, false
	}
	return zip(split(readings(u.text)))
}

// pairedSeries reads a sentence that gives each figure with its year, in
// turn: "Rent charged to operating expense was $244 million for 2016,
// $249 million for 2015 and $309 million for 2014."
func pairedSeries(u unit) (series, bool) {
	rs := readings(u.text)
	if len(rs) < 4 || len(rs)%2 != 0 {
		return nil, false
	}
	yearFirst := rs[0].year != 0
	var years []int
	var amounts []amount
	for i := 0; i < len(rs); i += 2 {
		y, a := rs[i], rs[i+1]
		if !yearFirst {
			y, a = a, y
		}
		if y.year == 0 || a.year != 0 || pairGap(u.text, rs[i], rs[i+1]) > maxPairGap {
			return nil, false
		}
		years = append(years, y.year)
		amounts = append(amounts, a.amount)
	}
	return zip(years, amounts)
}

// maxPairGap is the most words between a figure and its year ("$244
// million for 2016"); further apart, the sentence is saying more than
// which year a figure is for ("of $838 during the year ended December
// 31, 2019 compared to a net decrease … of $1,980").
const maxPairGap = 3

// pairGap counts the words between two readings, scale words aside.
func pairGap(text string, a, b reading) int {
	n := 0
	for _, w := range strings.Fields(text[a.end:b.start]) {
		if !scaleWord[strings.ToLower(strings.Trim(w, ",.;"))] {
			n++
		}
	}
	return n
}

var scaleWord = map[string]bool{"thousand": true, "million": true, "billion": true, "%": true, "percent": true}

// labelYear reads a row whose label holds one year and whose value is one
// amount ("Balance, October 31, 2009 … $18,161"); stem is the label
// without its date, for finding the same row of other years.
func labelYear(text string) (stem string, year int, a amount, ok bool) {
	years, amounts := split(readings(text))
	if len(years) != 1 || len(amounts) != 1 || endsSentenceMark(text) {
		return "", 0, amount{}, false
	}
	return squash(monthNameRE.ReplaceAllString(amountRE.ReplaceAllString(text, " "), " ")), years[0], amounts[0], true
}

// monthNameRE is a month name with its day, left when the figures are taken
// out of a row label.
var monthNameRE = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?`)
