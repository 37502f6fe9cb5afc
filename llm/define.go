package llm

import (
	"regexp"
	"strings"
)

// "What does in-network mean?" and "What is coinsurance?" ask what a
// word means; the plan says it where it defines the word ("In-network
// providers are healthcare providers … that have agreed to accept the
// Northwind Standard plan's payment terms", "Coinsurance: Coinsurance is
// the percentage of the cost …"), and the answer quoted lines that use
// it ("coinsurance is set at 20% for in-network services").

// meaningRE finds the word a question asks the meaning of: "What does X
// mean?", "what is X mean …", "What is (a|an|the) X?" and nothing more.
var meaningRE = regexp.MustCompile(`(?i)^\s*(?:what\s+(?:does|do|is)\s+(?:an?\s+|the\s+)?([\p{L}][\p{L}-]*(?:\s+[\p{L}-]+){0,2})\s+mean\b.*|what\s+(?:is|are)\s+(?:an?\s+|the\s+)?([\p{L}][\p{L}-]*(?:\s+[\p{L}-]+){0,2})\s*\?\s*)$`)

// askedMeaning returns the word a question asks the meaning of, lower
// case, or "".
func askedMeaning(question string) string {
	m := meaningRE.FindStringSubmatch(question)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1] + m[2])
}

// definesRE matches a line that defines term: it opens with the term (a
// label before a colon aside, "Coinsurance: Coinsurance is …") and says
// what it means, refers to, or is: "is" or "are" followed by an article
// or by a relative clause ("In-network providers are healthcare
// providers … that have agreed"), not by how it is treated ("In-network
// hospital services are covered at 100%", "coinsurance is set at 20%").
//
// A name is also defined by the phrase set beside it: "Introducing
// PerksPlus - the ultimate benefits program designed to support the
// health and wellness of employees."
func definesRE(term string) *regexp.Regexp {
	t := regexp.QuoteMeta(strings.TrimSuffix(term, "s"))
	return regexp.MustCompile(`(?i)^(?:[^:]{0,40}:\s*)?(?:introducing\s+)?(?:an?\s+|the\s+)?` + t + `s?(?:(?:\s+[\p{L}-]+){0,2}\s+(?:means|refers\s+to|(?:is|are)\s+(?:an?|the|those|any|one)\b|(?:is|are)\s+[^.;]*\b(?:that|who|which|whose)\b)|\s+[-–—]\s+(?:an?|the)\s)`)
}

// defineFirst moves to the front, of the units that cover the question
// nearly as well as the best one, the first that defines the word the
// question asks the meaning of.
func defineFirst(question string, units []unit) []unit {
	term := askedMeaning(question)
	if term == "" {
		return units
	}
	return firstOfKind(units, definesRE(term).MatchString, nil)
}
