package llm

import (
	"regexp"
	"strconv"
	"strings"
)

// A question that asks for a list ("List all company history milestones
// from 2020 onwards") wants every item the list holds, and only those of
// the years asked; the answer otherwise quoted a lead-in and its first
// four items, 2017 and 2018 among them.

// maxListItems bounds the items quoted when a question asks for all of a
// list; other answers quote maxFollow.
const maxListItems = 12

// listAsk is what a question asks of a list.
type listAsk struct {
	all      bool // every item ("list all", "what are all")
	from, to int  // the years asked, inclusive; 0 leaves that end open
}

var (
	allItemsRE = regexp.MustCompile(`(?i)^\s*list\b|\b(?:list|name|give|what are|which are)\s+(?:all|every)\b|\ball (?:the )?(?:\w+ ){0,3}(?:milestones|items|steps|services|benefits|events|dates|tiers|options|requirements)\b`)
	sinceRE    = regexp.MustCompile(`(?i)\b(?:from|since|after|starting(?: in)?)\s+((?:19|20)\d\d)(\s+(?:onwards?|on|forward|and later|or later))?\b|\b((?:19|20)\d\d)\s+(?:onwards?|and later|or later)\b`)
	untilRE    = regexp.MustCompile(`(?i)\b(?:until|through|before|up to)\s+((?:19|20)\d\d)\b`)
	leadYearRE = regexp.MustCompile(`^((?:19|20)\d\d)\b`)
)

// askedList reads a question's list request.
func askedList(question string) listAsk {
	l := listAsk{all: allItemsRE.MatchString(question)}
	if m := sinceRE.FindStringSubmatch(question); m != nil {
		y := m[1] + m[3]
		l.from, _ = strconv.Atoi(y)
		if strings.HasPrefix(strings.ToLower(m[0]), "after") {
			l.from++
		}
	}
	if m := untilRE.FindStringSubmatch(question); m != nil {
		l.to, _ = strconv.Atoi(m[1])
		if strings.HasPrefix(strings.ToLower(m[0]), "before") {
			l.to--
		}
	}
	return l
}

// asked reports whether the question asks for a list: all of one, or
// the items of some years.
func (l listAsk) asked() bool { return l.all || l.from > 0 || l.to > 0 }

// limit is how many items of a list the answer quotes.
func (l listAsk) limit() int {
	if l.all {
		return maxListItems
	}
	return maxFollow
}

// keeps reports whether a list item is of the years asked: an item that
// starts with a year outside them is left out, any other item kept.
func (l listAsk) keeps(item string) bool {
	m := leadYearRE.FindStringSubmatch(item)
	if m == nil {
		return true
	}
	y, _ := strconv.Atoi(m[1])
	return (l.from == 0 || y >= l.from) && (l.to == 0 || y <= l.to)
}
