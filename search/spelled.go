package search

import "strings"

// maxSpelled is the most question words that may spell one word of a
// file name.
const maxSpelled = 4

// SpelledName returns the runs of two to maxSpelled of the question's
// words that spell one word of name run together ("Lockheed Martin" of
// "LOCKHEEDMARTIN 2022 10K"), their words joined by spaces. The runs are
// those scoping reads a question's names from (nameRuns).
func SpelledName(question, name string) string {
	words := map[string]bool{}
	for _, w := range nameWords(name) {
		words[w] = true
	}
	var out []string
	for _, r := range nameRuns(question) {
		if r.last > r.first && r.last-r.first < maxSpelled && words[r.joined] {
			out = append(out, nameWordRE.FindAllString(question[r.start:r.end], -1)...)
		}
	}
	return strings.Join(out, " ")
}
