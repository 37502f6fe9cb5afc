package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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

// statement is one kind of financial statement: how a question names
// it, how it asks for one of its standard lines, and how a filing titles
// it.
type statement struct {
	named, line, title *regexp.Regexp
	// metric matches a measure an analyst works from the statement's
	// lines ("operating margin", "quick ratio", "free cash flow"): the
	// statement is where its figures are, as if named.
	metric *regexp.Regexp
}

var statements = []statement{
	{
		regexp.MustCompile(`(?i)\bbalance sheets?\b|\bstatements? of financial (?:position|condition)\b`),
		regexp.MustCompile(`(?i)\btotal (?:current )?(?:assets|liabilities)\b|\baccounts payable\b|\baccounts receivable\b|\binventor(?:y|ies)\b|\b(?:share|stock)holders'? equity\b`),
		title(`balance sheets?|statements? of financial (?:position|condition)`),
		regexp.MustCompile(`(?i)\b(?:quick|current|acid[- ]test) ratio\b|\bworking capital\b|\bdebt[- ]to[- ](?:equity|assets?|capital)\b|\bcapital[- ]intensi(?:ve|ty)\b|\b(?:inventory|asset|receivables?) turnover\b|\bdays (?:sales|inventory|payables?) outstanding\b|\bcash conversion cycle\b|\breturn on (?:assets|equity)\b`),
	},
	{
		regexp.MustCompile(`(?i)\bincome statements?\b|\bstatements? of (?:consolidated )?(?:income|operations|earnings)\b|\bP&L\b|\bprofit (?:and|&) loss\b`),
		regexp.MustCompile(`(?i)\bnet (?:sales|revenues?)\b|\btotal revenues?\b|\bcost of (?:goods sold|sales|revenues?)\b|\bCOGS\b|\bgross (?:profit|margin)\b|\boperating income\b|\bnet income\b`),
		title(`income statements?|statements? of (?:consolidated )?(?:income|operations|earnings)|(?:statements? of )?profit (?:and|&) loss`),
		regexp.MustCompile(`(?i)\b(?:operating|gross|net|profit|ebitda?) (?:profit )?margins?\b|\bcapital[- ]intensi(?:ve|ty)\b|\b(?:inventory|asset) turnover\b|\breturn on (?:assets|equity)\b`),
	},
	{
		regexp.MustCompile(`(?i)\bcash ?flows? statements?\b|\bstatements? of (?:consolidated )?cash flows?\b`),
		regexp.MustCompile(`(?i)\bcapital expenditures?\b|\bcapex\b|\bcash (?:provided by|from) operating activities\b|\boperating cash flows?\b|\bdividends paid\b`),
		title(`cash flows? statements?|statements? of (?:consolidated )?cash flows?`),
		regexp.MustCompile(`(?i)\bfree cash ?flows?\b|\bcash ?flow conversion\b|\bcapital[- ]intensi(?:ve|ty)\b`),
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

// statementsFirst moves to the front of hits, in rank order, those that
// are a statement the question names (withStatements marked them, with
// the chunks that continue it) or whose chunk is one it asks a line of,
// of the documents it names (named) or else of the best hit's; the others
// follow in order.
func statementsFirst(question string, hits []Hit, named bool) []Hit {
	var asked []statement
	for _, k := range askedStatements(question, true) {
		asked = append(asked, statements[k])
	}
	if len(hits) == 0 || len(asked) == 0 && !slices.ContainsFunc(hits, func(h Hit) bool { return h.Statement }) {
		return hits
	}
	// Unless the question named its documents, only the best hit's: in a
	// library of many filings, another company's statement is no answer
	// to a question about this one.
	doc := hits[0].Doc.ID
	var first, rest []Hit
	for _, h := range hits {
		if h.Statement || (named || h.Doc.ID == doc) && isStatement(h.Chunk.Text, asked) {
			first = append(first, h)
		} else {
			rest = append(rest, h)
		}
	}
	return append(first, rest...)
}

// WithoutStatementNames is the question without the names of the
// statements it says its answer is in: "the statement of income" names
// where to look, not the measure asked ("What is the FY2016 COGS …,
// using the statement of income?" asks for no income).
func WithoutStatementNames(question string) string {
	for _, s := range statements {
		question = s.named.ReplaceAllString(question, " ")
	}
	return question
}

// askedStatements are the kinds of statement (indexes in statements) the
// question names or asks a measure of, or with lines also those it asks
// a standard line of.
func askedStatements(question string, lines bool) []int {
	var out []int
	for k, s := range statements {
		if s.named.MatchString(question) || metricOf(question, s) || lines && s.line.MatchString(question) {
			out = append(out, k)
		}
	}
	return out
}

// metricOf: the question asks a measure worked from s's lines, not what
// moved it, and does not name s.
func metricOf(question string, s statement) bool {
	asking, _, _ := strings.Cut(question, "?") // not "… If operating margin is not a useful metric, explain why."
	return !s.named.MatchString(question) && s.metric.MatchString(question) && !asksWhy.MatchString(asking)
}

// asksWhy: a question about what moved a measure ("What drove operating
// margin change …?") is answered by the discussion of the results, not by
// the statement's figures.
var asksWhy = regexp.MustCompile(`(?i)\b(?:why|drove|drive[sn]?|driver?s?|reasons?|explain|attributed?)\b`)

var pageNumberEnd = regexp.MustCompile(`\s\d{1,3}$`)

func endsInPageNumber(line string) bool { return pageNumberEnd.MatchString(line) }

// isStatement reports whether a line of text is the title of one of the
// statements.
func isStatement(text string, ss []statement) bool {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || !startsUpper(line) || !mayName(line) || len(strings.Fields(line)) > maxTitleWords {
			continue
		}
		if endsInPageNumber(line) {
			continue // a contents line: "Consolidated Balance Sheets 55"
		}
		line = joinedLetters.ReplaceAllString(line, "$1$2")
		for _, at := range titleStarts(line) {
			for _, s := range ss {
				if m := s.title.FindString(line[at:]); m != "" && titleRest.MatchString(line[at+len(m):]) {
					return true
				}
			}
		}
	}
	return false
}

// mayName: a line holds a word every statement's title holds, before any
// expression is tried on it.
func mayName(line string) bool {
	return hasFold(line, "statement") || hasFold(line, "balance") || hasFold(line, "profit")
}

// hasFold reports whether s holds word, a lower-case ASCII word, in any
// case; unlike a case-insensitive expression it allocates nothing, for
// every line of a document is tried.
func hasFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && s[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// joinedLetters finds a word's last letter set apart from it, as a
// title's letter spacing extracts: "Consolidated Balance Shee t",
// "Statement of Cash Flow s". A lone "a" is a word.
var joinedLetters = regexp.MustCompile(`\b([A-Za-z]{3,}) ([b-zB-Z])\b`)

// titleStarts are where a statement's title may start in a line: at its
// start, or after the company's name ("AMAZON.COM, INC. CONSOLIDATED
// STATEMENTS OF OPERATIONS"), which is capitalised words before
// "Consolidated".
func titleStarts(line string) []int {
	out := []int{0}
	l := strings.ToLower(line)
	for _, w := range []string{"consolidated ", "combined "} {
		i := strings.Index(l, w)
		if i > 0 && companyName.MatchString(line[:i]) {
			out = append(out, i)
		}
	}
	return out
}

// companyName matches capitalised words, with the joining words of a
// company's name ("3M Company and Subsidiaries ").
var companyName = regexp.MustCompile(`^(?:(?:[A-Z0-9][\w.,&'’-]*|and|of|&)\s+)+$`)

func startsUpper(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(r)
}
