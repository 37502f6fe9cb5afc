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
	return !asksNotCovered(question) || statesAnyNegation(units)
}

// "What services does Northwind Health cover?" began with "Northwind
// Health Plus does not cover any services that are deemed medically
// unnecessary": a line on what a plan does not cover says the question's
// words and answers the opposite. A question that asks what is covered
// puts first the best line that says no negation, when it covers the
// question nearly as well as the best.

// coveredAskRE: a question that asks what is covered, included or
// offered.
var coveredAskRE = regexp.MustCompile(`(?i)^\s*(?:what|which)\b.*\b(?:cover|covers|covered|include|includes|included|offer|offers|offered)\b`)

// asksCovered: the question asks what is covered, and not what is not.
func asksCovered(question string) bool {
	return coveredAskRE.MatchString(question) && !asksNotCovered(question)
}

// statesNoNegation: the line says nothing is not so.
func statesNoNegation(text string) bool { return !statesAnyNegation(text) }

// asksNotCovered: the question asks what is not covered, included or
// allowed. The best line that says something is not goes first when it
// covers the question nearly as well as the best: many lines say "covered
// under Northwind Standard", and the four tried first ("… double check
// that your blood product or service is covered under Northwind Standard
// …") may all say what is.
func asksNotCovered(question string) bool { return negatedAskRE.MatchString(question) }

// statesAnyNegation: the line says something is not so.
func statesAnyNegation(text string) bool { return negationRE.MatchString(text) }
