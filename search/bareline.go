package search

import (
	"regexp"
	"slices"
	"strings"
)

// A standard line alone ("net revenue") may be a segment's, so by itself
// it only moves the statements that ranked first (statementsFirst). But a
// question that says nothing beside the line, the company it names and
// the period ("What was 3M's total revenue in 2022?") asks for the
// company's own total, which is the income statement's; a hundred notes
// that mention revenue ranked above it, and the answer abstained. Any
// other word ("net sales of Post-it Notes", "AWS operating income in
// Europe", "which of JPM's business segments") keeps the line the
// segment's it may be.

// periodWords say a line's period or unit, not whose line it is.
const periodWords = `fiscal year years quarter annual usd dollars dollar millions million billions billion thousands thousand amount figure value reported`

// bareRevenue: revenue or sales said alone ("Nike's revenue in fiscal
// 2019"), which statementsFirst does not take for a statement's line (a
// segment's revenue is said so too); asked of a company alone, it is its
// total.
var bareRevenue = regexp.MustCompile(`(?i)\b(?:revenues?|sales)\b`)

// incomeStatement indexes the income statement in statements.
const incomeStatement = 1

// bareLine returns the statements (indexes in statements) whose standard
// line the question asks of the documents of scope (which it names),
// when it says nothing else but their names, its period and its unit.
func (s *Searcher) bareLine(question string, scope []uint64) ([]int, error) {
	rest := question
	var kinds []int
	for k, st := range statements {
		if st.line.MatchString(rest) {
			kinds = append(kinds, k)
			rest = st.line.ReplaceAllString(rest, " ")
		}
	}
	if len(kinds) == 0 && bareRevenue.MatchString(rest) {
		kinds, rest = []int{incomeStatement}, bareRevenue.ReplaceAllString(rest, " ")
	}
	if len(kinds) == 0 {
		return nil, nil
	}
	rest = fiscalYear.ReplaceAllString(rest, " ")
	docs, _, err := s.scoper.load(s.store)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	known := termSet(s.store.Analyze(periodWords + " 's"))
	for _, d := range docs {
		if slices.Contains(scope, d.id) {
			names[d.name] = true
			for _, t := range s.store.Analyze(strings.Join(d.words, " ")) {
				known[t] = true
			}
		}
	}
	for _, t := range s.store.Analyze(withoutNames(rest, names)) {
		if !s.asking[t] && !known[t] && !isNumber(t) {
			return nil, nil
		}
	}
	return kinds, nil
}

// withoutNames is text without the runs of words that spell one of names
// (a document's name words joined: "Best Buy's" spells "bestbuy").
func withoutNames(text string, names map[string]bool) string {
	var b strings.Builder
	last, next := 0, 0
	for _, r := range nameRuns(text) {
		if r.first >= next && names[r.joined] {
			b.WriteString(text[last:r.start])
			last, next = r.end, r.last+1
		}
	}
	b.WriteString(text[last:])
	return b.String()
}
