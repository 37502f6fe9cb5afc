package llm

import "strings"

// withoutRepeats drops, of units in the order quoted, a line that says
// again what an earlier one said: the same table row read from two pages
// that print it ("Brand names, 2019: 3,700 (2018: 3,700)" on a filing's
// pages 71 and 72) was quoted twice, under two citations. A short line
// ("2019 2018", a column header) may head a second table and is kept.
func withoutRepeats(us []unit) []unit {
	out := us[:0:0]
	said := map[string]bool{}
	for _, u := range us {
		key := squash(u.text)
		if said[key] && len(strings.Fields(u.text)) > minPieceWords {
			continue
		}
		said[key] = true
		out = append(out, u)
	}
	return out
}
