package search

import (
	"regexp"
	"strings"
	"unicode"
)

// "How heavy is the Magpie-7?" asks its mass; a spec sheet writes "Mass
// (unladen) 84.5 kg" and never "heavy", as it writes "Top travel speed
// 2.4 m/s" for "How fast can the Magpie-7 go?". A question that asks a
// product's quantity by the quantity's adjective is searched and
// answered as the question it is, "What is the mass or weight of the
// Magpie-7?", shown as the question searched (Result.Corrected), as
// asPriced does for "cost". Only of a named thing (a capital or a digit
// in it): "How fast did revenue grow?" asks no speed. "How long" and
// "how high" are left as they are: a warranty's "long" is a duration,
// a debt's "high" no height.
var howAdjective = regexp.MustCompile(`(?i)^\s*how (heavy|fast|quick|tall|wide|far) (?:(?:is|are|was|were) (.+?)|(?:can|could) (.+?) (?:go|run|travel|drive|move|fly|reach|lift|carry))\s*(?:\?|$)`)

// quantities names the quantity each adjective asks for, as documents
// write it.
var quantities = map[string][]string{
	"heavy": {"mass", "weight"},
	"fast":  {"speed"},
	"quick": {"speed"},
	"tall":  {"height"},
	"wide":  {"width"},
	"far":   {"range", "distance"},
}

// asMeasured writes a question that asks a named thing's quantity by its
// adjective as one that asks the quantity, by the names of it the
// library holds ("mass" alone of a spec sheet that never says "weight":
// a word no chunk holds would count against the answer); other
// questions are returned as they are.
func (s *Searcher) asMeasured(question string) (string, error) {
	m := howAdjective.FindStringSubmatch(question)
	if m == nil {
		return question, nil
	}
	thing := m[2] + m[3]
	if !strings.ContainsFunc(thing, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
		return question, nil
	}
	names := quantities[strings.ToLower(m[1])]
	var held []string
	for _, n := range names {
		_, df, err := s.store.IDF(s.store.Analyze(n))
		if err != nil {
			return question, err
		}
		if len(df) > 0 && df[0] > 0 {
			held = append(held, n)
		}
	}
	if len(held) == 0 {
		held = names[:1]
	}
	return "What is the " + strings.Join(held, " or ") + " of " + thing + "?", nil
}
