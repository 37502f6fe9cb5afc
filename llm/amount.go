package llm

import (
	"regexp"
	"strings"
)

// An amount asked for is a level, stated in the unit asked: "What was
// Boeing's FY2022 revenue from the 737 program?" is not answered by "BCA
// revenues increased by $6,374 million in 2022 compared with 2021
// primarily due to higher 737 and 787 deliveries", whose only money is
// the size of a change and whose other figures are model numbers; "what
// percentage of … are comprised of fixed income" is not answered by a
// sentence that states no percentage.

var (
	// moneyQuestion asks for a sum of money: a measure kept in money, or
	// what was paid or earned, or an answer in a currency.
	moneyQuestion = regexp.MustCompile(`(?i)\b(?:revenues?|net income|net sales|sales|costs?|expenses?|capex|capital expenditures?|earnings|profit|dividends?|paid|pay|earn|earned|spend|spent)\b|\bin (?:usd|us\$|eur\b|\$|€)`)
	// moneyAmount: a sum written as money, with its currency or its
	// scale ("$6,374 million", "€31 million", "12 cents").
	moneyAmount = regexp.MustCompile(`(?i)[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand|mn|bn|dollars|euros|cents)\b|\b(?:usd|eur|gbp)\s?\d`)
	// changeAmount: a figure that sizes a movement ("increased by $6,374
	// million", "fell 7 %", "an increase of $2.1 billion", "a $131.1
	// million increase").
	changeAmount = regexp.MustCompile(`(?i)\b(?:increas|decreas|declin|grew|grow|rose|fell|drop|gain|lower|higher|up|down)\w*\s+(?:by\s+|of\s+)?(?:approximately\s+|about\s+|nearly\s+|almost\s+)?[$€£¥]?\s?\d[\d,.]*\s*(?:%|percent|million|billion|thousand|mn|bn)?|[$€£¥]\s?\d[\d,.]*\s*(?:%|percent|million|billion|thousand|mn|bn)?\s+(?:increase|decrease|decline|rise|drop|reduction)\b`)
	// asksChange: the question asks for a movement, whose size is the
	// answer.
	asksChange = regexp.MustCompile(`(?i)\b(?:chang\w*|increas\w*|decreas\w*|grow\w*|grew|growth|rise|rose|declin\w*|drop\w*|fell|fall|differen\w*|compar\w*|more|less|higher|lower)\b`)
	// percentQuestion asks for a share as a percentage ("What is the
	// percentage of net sales from Cheese").
	percentQuestion = regexp.MustCompile(`(?i)\b(?:percentage|percent|proportion)\b`)
	// relativeQuestion asks for a figure relative to another, which is
	// no sum of money even when it is of one ("the gross margin", "EPS").
	relativeQuestion = regexp.MustCompile(`(?i)\b(?:ratios?|margins?|rates?|per share|eps|multiple|times|turnover|days)\b`)
	percentFigure    = regexp.MustCompile(`(?i)\d\s?%|\d[\s-]?(?:percent|per cent|percentage[\s-]points?|basis points?|bps)\b`)
)

// statesAmount: prose units answer an amount question with an amount of
// the kind asked, as a level: money for money, a percentage for a
// percentage, and not only the size of a change (unless a change is asked).
// A table row's bare figures take their unit from its header, so rows are
// left to the measure and period checks.
func statesAmount(question, units string) bool {
	if first, _, _ := strings.Cut(units, "\n"); tableRow(first) {
		return true
	}
	if !asksChange.MatchString(question) {
		units = changeAmount.ReplaceAllString(units, "")
	}
	if percentQuestion.MatchString(question) {
		return percentFigure.MatchString(units)
	}
	if moneyQuestion.MatchString(question) && !relativeQuestion.MatchString(question) {
		return moneyAmount.MatchString(units) && ofOnePlace(question, units)
	}
	return ofOnePlace(question, units)
}

// bareFigure: a word that is a figure alone ("6,374", "(12.5)", "$", "40%"),
// not a word with a digit in it ("1School", "Magpie-4").
var bareFigure = regexp.MustCompile(`^[($€£¥+-]*\d[\d,.]*%?\)?$`)

// tableRow: a line of a table, with a figure standing alone, that is no
// sentence or the fragment of one.
func tableRow(line string) bool {
	line = strings.TrimSpace(line)
	if !isDataRow(line) || strings.HasSuffix(line, ",") {
		return false
	}
	for _, w := range strings.Fields(line) {
		if bareFigure.MatchString(w) && !isYear(w) {
			return true
		}
	}
	return false
}

// placeAsked: the place a count or amount is asked for ("operate in
// Europe").
var placeAsked = regexp.MustCompile(`\bin ((?:\p{Lu}[\pL.]+\s?)+)`)

// ofOnePlace: the units give the figure of the place asked, not of a list
// of places it is one of: "approximately 2,800 retail stores in 28
// countries across North America, Europe, Asia" counts every store, not
// those in Europe.
func ofOnePlace(question, units string) bool {
	for _, m := range placeAsked.FindAllStringSubmatch(question, -1) {
		p := regexp.QuoteMeta(strings.TrimSpace(m[1]))
		listed := regexp.MustCompile(`\p{Lu}[\pL.]*,\s+` + p + `\b|\b` + p + `(?:,\s+|\s+and\s+)\p{Lu}`)
		if listed.MatchString(units) {
			return false
		}
	}
	return true
}
