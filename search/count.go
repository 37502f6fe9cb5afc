package search

import (
	"context"
	"regexp"
	"slices"
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

// CountStated matches a count as one may trust it in a chunk or a line
// that says the noun everywhere: a number before the noun, or a row that
// the noun labels ("Employees 287"). A number a few words after the noun
// is too often another's: "EMPLOYEE owes 12 months", "(including
// employee-only stores) 29"; and a number after a point is none: "10.23
// Employee Matters Agreement" numbers an exhibit.
func CountStated(counted string) *regexp.Regexp {
	noun := regexp.QuoteMeta(strings.TrimSuffix(counted, "s"))
	return regexp.MustCompile(`(?i)(?:^|[^\d.,])\d{1,3}(?:,\d{3})*[\s-]+(?:[^\s\d-]+[\s-]+){0,2}` + noun + `|(?m)^\s*` + noun + `\w*\W{0,3}\d`)
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
	re := CountStated(counted)
	states := func(h Hit) bool { return re.MatchString(h.Chunk.Text) && !isContents(h.Chunk.Text) }
	if slices.ContainsFunc(hits[:min(k, len(hits))], states) {
		return hits, nil
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
	more, err := s.load(rankedOf(found))
	if err != nil {
		return hits, err
	}
	// A question that asks no year asks about now: of the documents
	// that state the count, the latest one's goes first.
	now := len(AskedYears(question)) == 0
	pick := -1
	for j, h := range more {
		if !states(h) {
			continue
		}
		if pick < 0 {
			pick = j
		} else if now && yearOf(h) > yearOf(more[pick]) {
			pick = j
		}
		if !now {
			break
		}
	}
	if pick < 0 {
		return hits, nil
	}
	h := more[pick]
	if i, ok := had[rowRef{h.Doc.ID, h.Chunk.Ord}]; ok {
		h = hits[i]
		hits = append(hits[:i:i], hits[i+1:]...)
	}
	return append([]Hit{h}, hits...), nil
}

// yearOf is the year a hit's document's name gives, 0 if none.
func yearOf(h Hit) int {
	_, y := docName(h.Doc.Name)
	return y
}
