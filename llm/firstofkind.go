package llm

// firstOfKind moves to the front the unit of the kind asked (holds), of
// those that cover the question nearly as well as the best unit
// (figureShare of its coverage); it leaves the order alone when the best
// unit is of that kind or none is. Of several, it takes the one of the
// latest document when year is given ("Who is the CEO of Nike?" asks
// about now: the 2021 10-K's chief executive, not the 2019 one's), else
// the first.
func firstOfKind(units []unit, holds func(string) bool, year func(unit) int) []unit {
	if len(units) == 0 || year == nil && holds(units[0].text) {
		return units
	}
	pick := -1
	for i, u := range units {
		if u.cov < figureShare*units[0].cov {
			break
		}
		if !holds(u.text) {
			continue
		}
		if pick < 0 || year != nil && year(u) > year(units[pick]) {
			pick = i
		}
		if year == nil {
			break
		}
	}
	if pick <= 0 {
		return units
	}
	return moveTo(units, pick, 0)
}
