package search

import (
	"slices"
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

// bareLine reports whether the question asks for a statement's standard
// line of the documents of scope (which it names) and says nothing else
// but their names, its period and its unit.
func (s *Searcher) bareLine(question string, scope []uint64) (bool, error) {
	rest, said := question, false
	for _, st := range statements {
		if st.line.MatchString(rest) {
			said = true
			rest = st.line.ReplaceAllString(rest, " ")
		}
	}
	if !said {
		return false, nil
	}
	rest = fiscalYear.ReplaceAllString(rest, " ")
	docs, _, err := s.scoper.load(s.store)
	if err != nil {
		return false, err
	}
	known := termSet(s.store.Analyze(periodWords))
	for _, d := range docs {
		if slices.Contains(scope, d.id) {
			for _, w := range d.words {
				for _, t := range s.store.Analyze(w) {
					known[t] = true
				}
			}
		}
	}
	for _, t := range s.store.Analyze(rest) {
		if !s.asking[t] && !known[t] && !isNumber(t) {
			return false, nil
		}
	}
	return true, nil
}
