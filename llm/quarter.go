package llm

import (
	"regexp"
	"strconv"
	"strings"
)

// A quarterly report (JPMORGAN_2021Q1_10Q.pdf) is written when its
// quarter closes: it holds no figures of a later quarter. "Which of JPM's
// business segments had the lowest net revenue in 2021 Q3?" is not
// answered by the first quarter's report, whose segment table states the
// first quarter's revenue, however well its words match.

var (
	// yearQuarter: a year then its quarter ("2021 Q3", "FY2023Q1").
	yearQuarter = regexp.MustCompile(`(?i)\b(?:fy\s*'?)?((?:19|20)\d\d)\s*q([1-4])\b`)
	// quarterYear: a quarter then its year ("Q3 2023", "Q2 of FY2023",
	// "Q2'2023", "Q4 FY23").
	quarterYear = regexp.MustCompile(`(?i)\bq([1-4])(?:\s+of)?\s*(?:fy\s*)?'?((?:19|20)\d\d|\d\d)\b`)
	// quarterWords: "the third quarter of 2023", "first quarter of fiscal 2018".
	quarterWords = regexp.MustCompile(`(?i)\b(first|second|third|fourth)\s+quarter\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?(?:fy\s*)?((?:19|20)\d\d)\b`)
	// nameQuarter: the period of a quarterly report's file name (2021Q1).
	nameQuarter = regexp.MustCompile(`(?i)\b((?:19|20)\d\d)\s*q([1-4])\b`)
)

var quarterNumbers = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}

// quarterIndex counts quarters from year 0, so that later is larger.
func quarterIndex(year, q int) int { return year*4 + q - 1 }

// askedQuarter is the latest quarter the question asks about, as a
// quarterIndex, 0 if it names no quarter.
func askedQuarter(question string) int {
	latest := 0
	add := func(y string, q int) {
		v, _ := strconv.Atoi(y)
		if v < 100 {
			v += 2000
		}
		latest = max(latest, quarterIndex(v, q))
	}
	for _, m := range yearQuarter.FindAllStringSubmatch(question, -1) {
		q, _ := strconv.Atoi(m[2])
		add(m[1], q)
	}
	for _, m := range quarterYear.FindAllStringSubmatch(question, -1) {
		q, _ := strconv.Atoi(m[1])
		add(m[2], q)
	}
	for _, m := range quarterWords.FindAllStringSubmatch(question, -1) {
		add(m[2], quarterNumbers[strings.ToLower(m[1])])
	}
	return latest
}

// reportQuarter is the quarter a quarterly report's name gives, as a
// quarterIndex, 0 for any other document.
func reportQuarter(nameWords string) int {
	m := nameQuarter.FindStringSubmatch(nameWords)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	q, _ := strconv.Atoi(m[2])
	return quarterIndex(y, q)
}

// quarterCovered: a question about a quarter is not answered from a
// quarterly report that closed before it.
func quarterCovered(question, docName string) bool {
	asked, report := askedQuarter(question), reportQuarter(docName)
	return asked == 0 || report == 0 || asked <= report
}
