package llm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// "What percent of Ulta Beauty's total spend on stock repurchases for
// fiscal 2022 occurred in Q4 of fiscal 2022?" asks for a quarter's share
// of its year, which a report states in two sentences of one passage:
// "During the fourth quarter of fiscal 2022, the Company repurchased
// 722,457 shares of its common stock at a cost of $328.1 million. During
// fiscal 2022, the Company repurchased 2.2 million shares of its common
// stock at a cost of $900.0 million." The answer divides the one by the
// other and quotes both.

var (
	quarterShareRE = regexp.MustCompile(`(?i)\bwhat (?:percent(?:age)?|portion|proportion|share|fraction|%) of (.+?)\s+(?:occurred|was|were|came|happened|took place|fell)?\s*(?:in|during)\s+(?:the\s+)?(q[1-4]|(?:first|second|third|fourth) (?:fiscal )?quarter)\b`)
	// moneyRE is a sum of money with its scale word.
	moneyRE = regexp.MustCompile(`(?i)[$€£]\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion))?\b`)
	// quarterRE names a quarter in a sentence.
	quarterRE = regexp.MustCompile(`(?i)\b(?:(first|second|third|fourth) (?:fiscal )?quarter|q([1-4]))\b|\b(?:three|thirteen|3|13)[- ](?:months|weeks) ended\b`)
)

var quarterOrdinal = map[string]string{"first": "1", "second": "2", "third": "3", "fourth": "4"}

// askedQuarterShare reads the measure and the quarter (1–4) of a quarter
// share question.
func askedQuarterShare(question string) (measure, quarter string, ok bool) {
	m := quarterShareRE.FindStringSubmatch(coreQuestion(question))
	if m == nil {
		return "", "", false
	}
	measure = ownerRE.ReplaceAllString(m[1], "")
	q := strings.ToLower(m[2])
	if n, ok := quarterOrdinal[strings.Fields(q)[0]]; ok {
		return measure, n, true
	}
	return measure, q[1:], true
}

// ownerRE is the company a measure is said of ("Ulta Beauty's "), which
// its sentences call "the Company".
var ownerRE = regexp.MustCompile(`^(?:the\s+)?(?:\p{Lu}[\pL\pN&.-]*\s+)*\p{Lu}[\pL\pN&.-]*['’]s\s+`)

// money is the one sum of money a sentence states, as written and read.
type money struct {
	text  string
	value float64
	scale string
}

// oneSum is the only sum of money in text; ok is false when it states
// none or several.
func oneSum(text string) (money, bool) {
	ms := moneyRE.FindAllStringSubmatch(text, -1)
	if len(ms) != 1 {
		return money{}, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(ms[0][1], ",", ""), 64)
	return money{text: strings.TrimSpace(ms[0][0]), value: v, scale: strings.ToLower(ms[0][2])}, err == nil && v > 0
}

// inQuarter reports whether text speaks of the quarter asked, and whether
// it speaks of a quarter at all.
func inQuarter(text, quarter string) (asked, any bool) {
	for _, m := range quarterRE.FindAllStringSubmatch(text, -1) {
		any = true
		if quarterOrdinal[strings.ToLower(m[1])] == quarter || m[2] == quarter {
			asked = true
		}
	}
	return asked, any
}

// computeQuarterShare works a quarter's share of its year from two
// sentences of one passage that state the measure's sum, one for the
// quarter asked and one for the year (measure and quarter as
// askedQuarterShare reads them).
func (e Extractive) computeQuarterShare(question, measure, quarter string, all []unit, skip map[string]bool) (computed, bool) {
	years := questionYears(strings.ToLower(question))
	if len(years) != 1 {
		return computed{}, false
	}
	terms := e.measureTerms(measure, skip)
	year := strconv.Itoa(years[0])
	for _, q := range all {
		asked, _ := inQuarter(q.text, quarter)
		part, ok := oneSum(q.text)
		if !asked || !ok || !holdsMost(q, terms) {
			continue
		}
		for _, y := range all {
			_, quarterly := inQuarter(y.text, quarter)
			whole, ok := oneSum(y.text)
			if y.hit != q.hit || quarterly || !ok || whole.scale != part.scale || whole.value <= part.value ||
				!strings.Contains(y.text, year) || !holdsMost(y, terms) {
				continue
			}
			pct := part.value / whole.value * 100
			line := fmt.Sprintf("Computed: %s%% in the %s quarter (%s of %s for the year)",
				number(pct, pctDecimals(pct), false), ordinalWord(quarter), part.text, whole.text)
			us := []unit{q, y}
			if y.pos < q.pos {
				us = []unit{y, q}
			}
			return computed{line: line, units: us}, true
		}
	}
	return computed{}, false
}

// holdsMost: the unit states most of the measure's words (a release says
// "the Company repurchased … shares of its common stock at a cost of",
// not "spend on stock repurchases").
func holdsMost(u unit, terms []string) bool {
	n := 0
	for _, t := range terms {
		if u.terms[t] {
			n++
		}
	}
	return n > 0 && 2*n >= len(terms)
}

func ordinalWord(quarter string) string {
	for w, n := range quarterOrdinal {
		if n == quarter {
			return w
		}
	}
	return "Q" + quarter
}
