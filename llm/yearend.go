package llm

import (
	"regexp"
	"strings"
)

// A question may name its year by the day it ends: "the Cost of goods sold
// for year ended December 31, 2017". A statement whose columns are
// "Fiscal Years Ended January 28, 2017 …" reports years that end in
// another month, and its 2017 is not the year asked.

var (
	// askedYearEnd: the month of the year end a question names.
	askedYearEnd = regexp.MustCompile(`(?i)\b(?:years?|periods?|quarters?|months)\s+ended\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b`)
	// statedYearEnd: a period end a passage states ("Years Ended January
	// 28, 2017").
	statedYearEnd = regexp.MustCompile(`(?i)\bended\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b`)
)

// yearEndMatches: when the question names the month its year ends and the
// passage states the months its periods end, one of them is the month
// asked.
func yearEndMatches(question, passage string) bool {
	m := askedYearEnd.FindStringSubmatch(question)
	if m == nil {
		return true
	}
	stated := statedYearEnd.FindAllStringSubmatch(passage, -1)
	for _, s := range stated {
		if strings.EqualFold(s[1], m[1]) {
			return true
		}
	}
	return len(stated) == 0
}
