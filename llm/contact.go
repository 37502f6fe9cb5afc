package llm

import "strings"

// "What is the phone number for support?" abstained on the Zentara
// handbook, whose support line gives it: "Routine technical support is
// reached at support@zentara-robotics.example or +372 600 4421." A line
// that gives a number does not say "phone number", so every line that
// says "number" covered the question better, and the support line was
// never tried. A contact question tries first the best line that holds
// the kind of contact asked for and a word it asks about besides.

// contactWords ask for a contact and are said by its form, not in words.
var contactWords = map[string]bool{"phone": true, "telephone": true, "fax": true, "number": true, "email": true, "e-mail": true, "mail": true, "address": true, "website": true, "web": true, "site": true, "url": true, "contact": true}

// contactFirst moves ahead of the units the best one that ok holds,
// that holds the contact the question asks for and that says a word it
// asks about that is no contact word.
func (e Extractive) contactFirst(question string, units []unit, ok func(unit) bool) []unit {
	if !contactQuestion.MatchString(question) {
		return units
	}
	about := e.askedTerms(question) // a fresh set, ours to change
	for _, w := range strings.Fields(strings.ToLower(question)) {
		if w = strings.Trim(w, "?.,;:"); contactWords[w] {
			for _, t := range e.Analyze(w) {
				delete(about, t)
			}
		}
	}
	first := -1
	for i, u := range units {
		if !ok(u) {
			continue
		}
		if first < 0 {
			first = i
		}
		if holdsContact(question, u.text) && holdsAny(u.terms, about) {
			if i == first {
				return units
			}
			return moveTo(units, i, first)
		}
	}
	return units
}

// holdsAny: terms hold one of want.
func holdsAny(terms, want map[string]bool) bool {
	for t := range want {
		if terms[t] {
			return true
		}
	}
	return false
}
