package llm

import (
	"maps"
	"quire/search"
	"regexp"
	"strings"
)

// A guide's sections end by summing up: "Overall, the clinical review
// process is an important component of the Northwind Standard plan, and
// it helps to ensure that members receive high-quality, cost-effective
// care." Such a sentence repeats the section's key words, so it matches
// a question about the section better than the sentences that say what
// the process is, and it says none of it. The answer's first line is a
// recap only when no other sentence answers.

// recapStart opens a sentence that sums up what came before it.
//
// One anchor before the alternatives, not one in each: Go's regexp
// package then tries the start of the text only, not every position
// (50 times faster on a 300-byte sentence).
var recapStart = regexp.MustCompile(`(?i)^(?:(?:overall|in conclusion|in summary|to sum up|to summari[sz]e|in short|all in all|ultimately)\b|by (?:understanding|following|knowing|taking|being aware)\b)`)

// isRecap: the sentence sums up its section (see recapStart).
func isRecap(text string) bool { return recapStart.MatchString(strings.TrimSpace(text)) }

// others are the units that may follow an answer's first passage from
// other passages: recaps and made-up examples repeat or illustrate what
// their own passage says, and add nothing to the answer.
func others(us []unit) []unit {
	var out []unit
	for _, u := range us {
		if !isRecap(u.text) && !isExample(u.text) {
			out = append(out, u)
		}
	}
	return out
}

// passageCoverage sets each prose unit's pcov, the coverage of its
// passage: the unit and the prose that follows it, as passage quotes it.
// Of two sentences that match the question alike, the one whose passage
// goes on about it is the better answer ("If you choose an out-of-network
// provider, you may be responsible for the entire cost …" in the passage
// on out-of-network costs, before a like sentence on hearing care). The
// sentences of one hit that match alike share their best passage's
// coverage, so that among them the earliest, which opens the passage,
// goes first ("Prior-authorization is a process in which …" before "In
// order to obtain prior-authorization, …").
func passageCoverage(us []unit, perHit [][]search.Term) {
	at := map[[2]int]int{}
	for i, u := range us {
		if u.loc == "" {
			at[[2]int{u.hit, u.pos}] = i
		}
	}
	type tie struct {
		hit int
		cov float64
	}
	best := map[tie]float64{}
	for i, u := range us {
		us[i].pcov = u.cov
		if u.loc == "" && isProse(u.text) {
			us[i].pcov = search.Coverage(perHit[u.hit], passageTerms(us, at, u))
		}
		k := tie{u.hit, u.cov}
		best[k] = max(best[k], us[i].pcov)
	}
	for i, u := range us {
		us[i].pcov = best[tie{u.hit, u.cov}]
	}
}

// passageTerms are the terms of u and of the prose after it in its hit,
// up to DefaultPassageWords.
func passageTerms(us []unit, at map[[2]int]int, u unit) map[string]bool {
	set := maps.Clone(u.terms)
	words := 0
	for p := u.pos + 1; words < DefaultPassageWords; p++ {
		j, ok := at[[2]int{u.hit, p}]
		if !ok || !isProse(us[j].text) {
			break
		}
		for t := range us[j].terms {
			set[t] = true
		}
		words += len(strings.Fields(us[j].text))
	}
	return set
}
