package llm

import "regexp"

// "Does Adobe have an improving operating margin profile as of FY2022?"
// is a yes-or-no question, and the measure worked for the two years
// answers it: the answer says "No." before the working that shows why
// (34.6% for 2022, 36.8% for 2021, down 2.2 points). A question that
// asks nothing the figures settle ("Is 3M a capital-intensive
// business?", "a reasonably healthy liquidity profile", "improved or
// declined") is answered with the figures alone, for the reader to judge.

// asks is what a yes-or-no question about a measure asks of it.
type asks int

const (
	askNone     asks = iota
	askUp            // it rose from the earlier year to the later
	askDown          // it fell
	askPositive      // it is above zero in the later year
	askNegative      // it is below zero
)

var (
	upRE       = regexp.MustCompile(`\b(?:increas(?:e|ed|ing)|gr[eo]w(?:n|ing)?|ris(?:e|en|ing)|rose|higher)\b`)
	downRE     = regexp.MustCompile(`\b(?:decreas(?:e|ed|ing)|declin(?:e|ed|ing)|f[ae]ll(?:en|ing)?|drop(?:ped|ping)?|shr[iau]nk(?:ing)?|lower)\b`)
	improveRE  = regexp.MustCompile(`\bimprov(?:e|ed|es|ing)\b`)
	positiveRE = regexp.MustCompile(`\bpositive\b`)
	negativeRE = regexp.MustCompile(`\bnegative\b`)
)

// higherIsBetter are the measures for which "improving" means rising:
// margins, liquidity, cash conversion, turnover, returns and coverage. For
// another (a debt ratio, days payable) it could mean either.
var higherIsBetter = regexp.MustCompile(`margin|quick ratio|current ratio|working capital|cash flow|conversion|turnover|return on|coverage`)

// asksOf reads what the yes-or-no sentence s (lower case, after its
// verb) asks of the measure named; askNone when it asks two things or
// none.
func asksOf(s, measure string) asks {
	var cs []asks
	if upRE.MatchString(s) || improveRE.MatchString(s) && higherIsBetter.MatchString(measure) {
		cs = append(cs, askUp)
	}
	if downRE.MatchString(s) {
		cs = append(cs, askDown)
	}
	if positiveRE.MatchString(s) {
		cs = append(cs, askPositive)
	}
	if negativeRE.MatchString(s) {
		cs = append(cs, askNegative)
	}
	if len(cs) != 1 {
		return askNone
	}
	return cs[0]
}

// verdict is "Yes." or "No." to what f asks of values (the later year's
// first), compared as the answer shows them; ok is false when f asks
// nothing the figures settle, or the earlier year is missing.
func (f askedFormula) verdict(values []float64, used []usedRow, docs []stmtDoc) (string, bool) {
	if len(values) == 0 {
		return "", false
	}
	later := f.shown(values[0], used, docs)
	var yes bool
	switch f.asks {
	case askUp, askDown:
		if len(values) < 2 {
			return "", false
		}
		d := later - f.shown(values[1], used, docs)
		yes = f.asks == askUp && d > 0 || f.asks == askDown && d < 0
	case askPositive:
		yes = later > 0
	case askNegative:
		yes = later < 0
	default:
		return "", false
	}
	if yes {
		return "Yes.", true
	}
	return "No.", true
}
