package llm

import (
	"regexp"
	"strings"
)

// A reader shortens a long name by leaving out a middle word: "the
// Northwind Plus deductible" asks about the plan its documents call
// Northwind Health Plus. A name of two or more words is present where
// its words are written in order with at most one capitalised word
// between each two, so the short form finds the long one but never
// another name: "Northwind Standard" is not in "Northwind Health Plus".

// shortNameOf reports whether text writes the name of words ws with a
// capitalised word left out between two of them ("Northwind Plus" in
// "Northwind Health Plus").
func shortNameOf(ws []string, text string) bool {
	if len(ws) < 2 {
		return false
	}
	var b strings.Builder
	b.WriteString(`(?:^|[^\pL\d])`)
	for i, w := range ws {
		if i > 0 {
			b.WriteString(`\s+(?:\p{Lu}[\pL&.'’-]*\s+)?`)
		}
		b.WriteString(`(?i:` + regexp.QuoteMeta(w) + `)`)
	}
	b.WriteString(`(?:$|[^\pL\d])`)
	return regexp.MustCompile(b.String()).MatchString(text)
}
