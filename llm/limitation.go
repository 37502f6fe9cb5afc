package llm

import "regexp"

// "What are the coverage limitations of the Northwind Standard plan
// regarding clinical trials?" began with "clinical trials are often
// available in limited locations": every word of the question is in any
// line on clinical trials. The limits are the lines that say what is not
// covered, or only so far: "the plan does not cover travel expenses
// associated with attending clinical trials". A question that asks for
// limits puts the best line that states one first, when it covers the
// question nearly as well as the best.

// limitsAskRE: a question that asks for limitations, restrictions,
// exclusions or exceptions.
var limitsAskRE = regexp.MustCompile(`(?i)\b(?:limitations?|restrictions?|exclusions?|exceptions?)\b`)

// limitRE: a line that states a limit.
var limitRE = regexp.MustCompile(`(?i)\b(?:not|no|never|none|nor|only|except|excluded|excludes?|excluding|exclusions?|limited\s+to|up\s+to|at\s+most|maximum|cannot)\b|n't\b`)

func asksLimits(question string) bool { return limitsAskRE.MatchString(question) }

func statesLimit(text string) bool { return limitRE.MatchString(text) }
