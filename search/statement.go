package search

import (
	"regexp"
	"strings"
	"unicode"
)

// An analyst's question often says which financial statement holds its
// answer ("… relying on the details shown in the cash flow statement",
// "Basing your judgments off of the balance sheet"), and a filing's
// notes repeat the statement's line items in many other places: the
// statement itself ranked below a note on the same words. A question that
// names a statement, or asks for one of its standard lines ("total current
// liabilities", "capital expenditure"), has the chunks that are that
// statement (they carry its title as a line of their own) put first, in
// the order they ranked.

// statement is one kind of financial statement: how a question names it
// or its lines, and how a filing titles it.
type statement struct {
	asked, title *regexp.Regexp
}

var statements = []statement{
	{
		regexp.MustCompile(`(?i)\bbalance sheets?\b|\bstatements? of financial (?:position|condition)\b|\btotal (?:current )?(?:assets|liabilities)\b|\baccounts payable\b|\baccounts receivable\b|\binventor(?:y|ies)\b|\b(?:share|stock)holders'? equity\b`),
		title(`balance sheets?|statements? of financial (?:position|condition)`),
	},
	{
		regexp.MustCompile(`(?i)\bincome statements?\b|\bstatements? of (?:consolidated )?(?:income|operations|earnings)\b|\bP&L\b|\bprofit (?:and|&) loss\b|\bnet (?:sales|revenues?)\b|\btotal revenues?\b|\bcost of (?:goods sold|sales|revenues?)\b|\bCOGS\b|\bgross (?:profit|margin)\b|\boperating income\b|\bnet income\b`),
		title(`income statements?|statements? of (?:consolidated )?(?:income|operations|earnings)|(?:statements? of )?profit (?:and|&) loss`),
	},
	{
		regexp.MustCompile(`(?i)\bcash ?flows? statements?\b|\bstatements? of (?:consolidated )?cash flows?\b|\bcapital expenditures?\b|\bcapex\b|\bcash (?:provided by|from) operating activities\b|\boperating cash flows?\b|\bdividends paid\b`),
		title(`cash flows? statements?|statements? of (?:consolidated )?cash flows?`),
	},
}

// title matches the start of a line that may be a statement's title.
func title(names string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:consolidated |combined )?(?:` + names + `)\b`)
}

// titleRest matches what may follow a statement's title on its line: its
// units, a continuation mark, the company's name ("Consolidated Statements
// of Income Corning Incorporated and Subsidiary Companies"); not "as of
// December 31, 2017 and 2016," of a list of exhibits, nor the full stop
// of a sentence's "… on the Consolidated Balance Sheets." wrapped onto a
// line of its own.
var titleRest = regexp.MustCompile(`^(?:\s*\([^)]*\)?)?(?:\s*[-—–]?\s*\(?(?:continued|Continued|CONTINUED)\)?)?(?:\s+(?:[A-Z][\w.,&'’-]*|and|of|the|&))*\s*$`)

// maxTitleWords bounds a statement's title line: "CONSOLIDATED
// STATEMENTS OF OPERATIONS (in millions, except per share data)" is one,
// a sentence that begins with the words is not.
const maxTitleWords = 12

// statementsFirst moves to the front of hits, in rank order, those whose
// chunk is a statement the question names or asks a line of, of the
// documents it names (named) or else of the best hit's; the others follow
// in order.
func statementsFirst(question string, hits []Hit, named bool) []Hit {
	var asked []statement
	for _, s := range statements {
		if s.asked.MatchString(question) {
			asked = append(asked, s)
		}
	}
	if len(asked) == 0 || len(hits) == 0 {
		return hits
	}
	// Unless the question named its documents, only the best hit's: in a
	// library of many filings, another company's statement is no answer
	// to a question about this one.
	doc := hits[0].Doc.ID
	var first, rest []Hit
	for _, h := range hits {
		if (named || h.Doc.ID == doc) && isStatement(h.Chunk.Text, asked) {
			first = append(first, h)
		} else {
			rest = append(rest, h)
		}
	}
	return append(first, rest...)
}

var pageNumberEnd = regexp.MustCompile(`\s\d{1,3}$`)

func endsInPageNumber(line string) bool { return pageNumberEnd.MatchString(line) }

// isStatement reports whether a line of text is the title of one of the
// statements.
func isStatement(text string, ss []statement) bool {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || len(strings.Fields(line)) > maxTitleWords || !unicode.IsUpper([]rune(line)[0]) {
			continue
		}
		if endsInPageNumber(line) {
			continue // a contents line: "Consolidated Balance Sheets 55"
		}
		for _, s := range ss {
			if m := s.title.FindString(line); m != "" && titleRest.MatchString(line[len(m):]) {
				return true
			}
		}
	}
	return false
}
