package llm

import (
	"regexp"
	"strings"

	"quire/search"
)

// "Does Northwind Health Plus cover routine eye exams?" asks whether a
// plan pays for something. A list of the services exempt from prior
// authorization names routine eye exams and says nothing of whether they
// are covered; the answer quoted it as if it did. A coverage question is
// answered by text that names what is asked about and states its
// coverage (or its exclusion): the sentence itself, or for a list item
// the lead-in that says what the list is of.

// coverQuestion asks whether something is covered, included or offered:
// "Does Northwind Standard cover eye exams?" (its object after the
// verb), "Are routine eye exams covered?" (before it).
var (
	coverQuestion = regexp.MustCompile(`(?i)^\s*(?:does|do|is|are|will|can|would)\b.*?\b(cover|covers|covered|include|includes|included|offer|offers|offered|provide|provides|pay for|pays for|reimburse|support|supports)\s+(.+?)\??\s*$`)
	coverPassive  = regexp.MustCompile(`(?i)^\s*(?:is|are|will|would|can)\s+(.+?)\s+(?:be\s+)?(covered|included|offered|provided|reimbursed|paid for)\s*(?:by\b.*|under\b.*|in\b.*|with\b.*)?\??\s*$`)
)

// coverObject is what a coverage question asks about and the verb it
// asks with; ok is false for any other question.
func coverObject(question string) (object, verb string, ok bool) {
	if m := coverPassive.FindStringSubmatch(question); m != nil {
		return m[1], strings.ToLower(m[2]), true
	}
	if m := coverQuestion.FindStringSubmatch(question); m != nil {
		return m[2], strings.ToLower(m[1]), true
	}
	return "", "", false
}

// coverageWords state that something is paid for or not: "offers
// coverage for vision exams", "is not covered", "excluded", "reimburses".
const coverageWords = `cover\w*|reimburs\w*|exclu\w*|pa(?:y|ys|id) for|benefits?|eligible`

// statingVerbs: what states the relation a question asks about, by the
// verb it asks with. "These include:" states what a list holds, which
// answers "does it include" and not "does it cover".
var statingVerbs = map[string]*regexp.Regexp{
	"cover":   regexp.MustCompile(`(?i)\b(?:` + coverageWords + `)\b`),
	"include": regexp.MustCompile(`(?i)\b(?:includ\w*|` + coverageWords + `)\b`),
	"offer":   regexp.MustCompile(`(?i)\b(?:offer\w*|provid\w*|` + coverageWords + `)\b`),
	"support": regexp.MustCompile(`(?i)\b(?:support\w*|offer\w*|provid\w*|` + coverageWords + `)\b`),
}

// stating is the pattern that states what verb asks.
func stating(verb string) *regexp.Regexp {
	switch {
	case strings.HasPrefix(verb, "includ"):
		return statingVerbs["include"]
	case strings.HasPrefix(verb, "offer"), strings.HasPrefix(verb, "provid"):
		return statingVerbs["offer"]
	case strings.HasPrefix(verb, "support"):
		return statingVerbs["support"]
	}
	return statingVerbs["cover"]
}

// careFields: plans name care by its field ("vision exams", "dental
// cleanings", "hearing aids"), people by the body part ("eye exams"). A
// question's body part is found in a text that names its field.
var careFields = map[string]string{"eye": "vision", "eyes": "vision", "tooth": "dental", "teeth": "dental", "ear": "hearing", "ears": "hearing"}

// howOften: words of an object that say how often it is done, which a
// statement of its coverage may leave out ("coverage for vision exams"
// answers for routine eye exams).
var howOften = map[string]bool{"routine": true, "regular": true, "annual": true, "yearly": true, "periodic": true}

// objectTerms are the analysed words of a coverage question's object
// that the answer must hold, each with the term of its field (see
// careFields) that may stand for it.
func (e Extractive) objectTerms(object string) (terms []string, field map[string]string) {
	field = map[string]string{}
	for _, w := range strings.Fields(object) {
		w = strings.ToLower(strings.Trim(w, "?.,;:!\"'"))
		if howOften[w] {
			continue
		}
		ts := e.Analyze(w)
		if f, ok := careFields[w]; ok {
			for _, t := range ts {
				if fs := e.Analyze(f); len(fs) > 0 {
					field[t] = fs[0]
				}
			}
		}
		terms = append(terms, ts...)
	}
	return terms, field
}

// namesObject: for a question whether something is covered, the units
// name every word of what: a sentence that a virtual visit is not
// covered for "services that require a physical exam" does not say
// whether eye exams are.
func (e Extractive) namesObject(question, units string) bool {
	object, _, ok := coverObject(question)
	if !ok {
		return true
	}
	return e.holdsObject(object, units)
}

// holdsObject: text names every word of object, or its field.
func (e Extractive) holdsObject(object, text string) bool {
	have := e.termSet(text)
	terms, field := e.objectTerms(object)
	for _, t := range terms {
		if !have[t] && !have[field[t]] {
			return false
		}
	}
	return true
}

// statesCoverage: for a coverage question, the unit that names what is
// asked about states its coverage, in its own words or, for a list
// item, in the lead-in before it, and of the plan asked about. A list of
// services "exempt from prior authorization" does not say they are
// covered, and "Northwind Health Plus offers coverage for … contact
// lenses" does not say whether Northwind Standard does.
func (e Extractive) statesCoverage(question string, primary []unit, res search.Result) bool {
	object, verb, ok := coverObject(question)
	if !ok {
		return true
	}
	re := stating(verb)
	for i, u := range primary {
		if !e.holdsObject(object, u.text) {
			continue
		}
		statement := u.text
		if isListItem(u.text) {
			for j := i - 1; j >= 0 && isListItem(primary[j].text); j-- {
				i = j
			}
			for j := i - 1; j >= 0 && !isListItem(primary[j].text); j-- {
				statement += "\n" + primary[j].text
			}
			if statement == u.text { // the chunk starts inside the list
				for _, v := range primary[i+1:] {
					if !isListItem(v.text) {
						statement += "\n" + v.text
					}
				}
			}
		}
		return re.MatchString(statement) && !namesSibling(question, u.text, ownText(res.Hits[u.hit].Doc))
	}
	return true
}

// bodyTerms maps the analysed term of each care field to the terms of
// the body parts it stands for ("vision" to "eye", "eyes").
func (e Extractive) bodyTerms() map[string][]string {
	out := map[string][]string{}
	for body, f := range careFields {
		for _, ft := range e.Analyze(f) {
			out[ft] = append(out[ft], e.Analyze(body)...)
		}
	}
	return out
}

// withBodyTerms adds to a unit's terms the body parts its care fields
// stand for, so that "coverage for vision exams" matches a question
// about eye exams as well as a list item that names them.
func withBodyTerms(set map[string]bool, body map[string][]string) {
	for t := range set {
		for _, b := range body[t] {
			set[b] = true
		}
	}
}
