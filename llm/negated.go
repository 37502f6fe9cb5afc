package llm

import "regexp"

// "What's not covered by Northwind Standard?" was answered with what the
// plan covers: "not" is a stop word, and the question's words are those
// of any coverage sentence. A question that asks what is not covered,
// included or allowed is answered only by lines that say so.

// negatedAskRE: a question that asks what is not covered (included,
// allowed, eligible) or excluded.
var negatedAskRE = regexp.MustCompile(`(?i)\b(?:not|n't|never)\s+(?:be\s+)?(?:cover|covered|include|included|allow|allowed|eligible|pay|paid)\b|n't\s+(?:cover|include|allow|pay)\b|\bexclu(?:ded|des?|sions?)\b`)

// negationRE: a line that says something is not so.
var negationRE = regexp.MustCompile(`(?i)\b(?:not|no|never|none|neither|nor|without|excluded|excludes?|exclusions?|except|limitations?)\b|n't\b`)

// statesNegation: for a question that asks what is not covered, the
// units say that something is not.
func statesNegation(question, units string) bool {
	return !negatedAskRE.MatchString(question) || negationRE.MatchString(units)
}
