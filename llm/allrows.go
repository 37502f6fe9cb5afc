package llm

import (
	"regexp"
	"strings"
)

// A table row seldom says everything about its line: "Standard €2,150 4
// hours 750,000" is what the Standard tier costs and gives, and the
// sentence above the table, "All tiers include the Magpie-7 hardware,
// basic onboarding, and access to the customer portal.", is what it
// includes besides. withAllRows brings such a sentence along with the row.

// allRowsRE is a sentence about every row of a table: "All tiers include",
// "All of our plans cover".
var allRowsRE = regexp.MustCompile(`(?i)\ball (?:of (?:the|our) )?(\w+?)s? (?:include|includes|come with|have|get|offer|cover|are|receive)\b`)

// withAllRows appends to an answer that starts with a table row the
// sentence above its table that speaks of all its rows, when the rows'
// header or the row itself names them ("Tier" under "All tiers include").
func withAllRows(primary []unit, at places) []unit {
	u := primary[0]
	if !isDataRow(u.text) {
		return primary
	}
	var between []string
	for _, v := range at.above(u) {
		m := allRowsRE.FindStringSubmatch(v.text)
		if m == nil || !endsSentenceMark(v.text) {
			between = append(between, v.text)
			continue
		}
		if namesRows(strings.ToLower(m[1]), append(between, u.text)) {
			return merge(primary, []unit{v})
		}
		return primary
	}
	return primary
}

// namesRows: a line between the sentence and the row (the header) or the
// row itself holds the noun, so the sentence is about these rows.
func namesRows(noun string, lines []string) bool {
	for _, l := range lines {
		for _, w := range strings.Fields(strings.ToLower(l)) {
			if strings.TrimRight(strings.Trim(w, ".,:;()"), "s") == noun {
				return true
			}
		}
	}
	return false
}
