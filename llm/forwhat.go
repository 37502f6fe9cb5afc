package llm

import (
	"regexp"
	"strings"
)

// A limit or a price asked "for" something is that thing's: "the annual
// maximum for dental services" is not the plan's out-of-pocket maximum
// of $4,000 per year, nor "the copay for a specialist visit" the copay
// for a primary care one. forWhatRE finds the measure and the first word
// of what it is for.
var forWhatRE = regexp.MustCompile(`(?i)\b(?:maximum|minimum|limit|deductible|copay(?:ment)?|coinsurance|cost|price|fee|rate)s?\s+for\s+(?:an?\s+|the\s+|each\s+|one\s+)?([\p{L}-]{4,})`)

// forWhatSkipped are words after "for" that say no thing of its own: a
// period, a person paying, a whole.
var forWhatSkipped = map[string]bool{"individuals": true, "individual": true, "families": true, "family": true, "members": true, "member": true, "employees": true, "employee": true, "services": true, "service": true, "policyholder": true, "policyholders": true, "person": true, "people": true, "patients": true, "patient": true, "dependents": true, "adults": true, "children": true, "year": true, "years": true, "fiscal": true, "calendar": true, "plan": true, "quarter": true, "month": true, "covered": true}

// namesForWhat: the units name what the question's limit or price is
// for, when it says so in lower case (a name is the name check's).
func namesForWhat(question, units string) bool {
	if !expectsFigure(question) {
		return true
	}
	u := strings.ToLower(units)
	for _, m := range forWhatRE.FindAllStringSubmatch(question, -1) {
		w := m[1]
		if capitalised(w) || forWhatSkipped[strings.ToLower(w)] {
			continue
		}
		if !strings.Contains(u, stemPrefix(strings.ToLower(w))) {
			return false
		}
	}
	return true
}
