package search

import (
	"context"
	"regexp"
	"strings"
)

// "How many employees does Nike have?" is answered by a sentence that
// puts a number before the noun counted ("we had approximately 73,300
// employees worldwide") or a row that puts it after ("Employees: 287").
// In Nike's filings such a sentence says "employees" twice; a covenant
// exhibit that says EMPLOYEE on every line, and pages on what employees
// are offered, outrank it by far. When no candidate states the count,
// the chunks of the searched documents that say the noun are read for
// one that does.

// countPhrase: the words after "how many", up to the verb.
var countPhrase = regexp.MustCompile(`(?i)\bhow many\s+((?:[a-z][a-z-]*\s*){1,3})`)

// countAux ends the counted phrase ("how many stores did ...").
var countAux = map[string]bool{"do": true, "does": true, "did": true, "is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true, "can": true, "would": true, "could": true}

// CountedNoun is what "how many" counts: the first plural noun of the
// phrase ("hospitals" in "how many in-network hospitals"), else its first
// word ("people"); "" if the question counts nothing.
func CountedNoun(question string) string {
	m := countPhrase.FindStringSubmatch(question)
	if m == nil {
		return ""
	}
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(m[1])) {
		if countAux[w] {
			break
		}
		ws = append(ws, w)
	}
	for _, w := range ws {
		if len(w) >= 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.Contains(w, "-") {
			return w
		}
	}
	if len(ws) == 0 || len(ws[0]) < 3 {
		return ""
	}
	return ws[0]
}

// CountOf matches a count of the noun counted: a number before it, at
// most two words between ("38 engineers", "73,300 full-time employees"),
// or after it ("Employees: 287").
func CountOf(counted string) *regexp.Regexp {
	noun := regexp.QuoteMeta(strings.TrimSuffix(counted, "s"))
	return regexp.MustCompile(`(?i)\d[\d,.]*[\s-]+(?:[^\s-]+[\s-]+){0,2}` + noun + `|\b` + noun + `\w*\W{0,3}(?:\S+\s+){0,2}\d`)
}

// countStated matches a count as a search can trust it in any chunk
// that says the noun: a number before the noun, or a row that the noun
// labels ("Employees 287"). A number a few words after the noun is too
// often another's: "EMPLOYEE owes 12 months".
func countStated(counted string) *regexp.Regexp {
	noun := regexp.QuoteMeta(strings.TrimSuffix(counted, "s"))
	return regexp.MustCompile(`(?i)\b\d{1,3}(?:,\d{3})*[\s-]+(?:[^\s\d-]+[\s-]+){0,2}` + noun + `|(?m)^\s*` + noun + `\w*\W{0,3}\d`)
}

// countSearchDepth is how many of the chunks that say the noun
// countsFirst reads.
const countSearchDepth = 50

// countsFirst puts first the best chunk of docs that states the count a
// "how many" question asks, when none of the first k hits does; the
// others follow in order.
func (s *Searcher) countsFirst(ctx context.Context, question string, hits []Hit, docs []uint64, k int) ([]Hit, error) {
	counted := CountedNoun(question)
	if counted == "" || counted == "times" || len(hits) == 0 {
		return hits, nil
	}
	re := countStated(counted)
	for _, h := range hits[:min(k, len(hits))] {
		if re.MatchString(h.Chunk.Text) {
			return hits, nil
		}
	}
	terms := s.contentTerms(counted)
	if len(terms) == 0 {
		return hits, nil
	}
	found, err := s.store.SearchEvery(ctx, terms, nil, countSearchDepth, docs)
	if err != nil || len(found) == 0 {
		return hits, err
	}
	had := map[rowRef]int{}
	for i, h := range hits {
		had[rowRef{h.Doc.ID, h.Chunk.Ord}] = i
	}
	var refs []ranked
	for _, f := range found {
		refs = append(refs, ranked{ref: rowRef{f.DocID, f.Ord}, score: f.Score})
	}
	more, err := s.load(refs)
	if err != nil {
		return hits, err
	}
	for _, h := range more {
		if !re.MatchString(h.Chunk.Text) {
			continue
		}
		if i, ok := had[rowRef{h.Doc.ID, h.Chunk.Ord}]; ok {
			h = hits[i]
			hits = append(hits[:i:i], hits[i+1:]...)
		}
		return append([]Hit{h}, hits...), nil
	}
	return hits, nil
}
