package llm

import (
	"regexp"
	"strings"
)

// nameWord is a word of a name: letters and digits.
var nameWord = regexp.MustCompile(`[\p{L}\p{Nd}]+`)

// maxSpelled is the most question words that may spell one word of a
// file name.
const maxSpelled = 4

// spelledName returns the runs of two to maxSpelled of the question's
// words that spell one word of name run together ("Lockheed Martin" of
// "LOCKHEEDMARTIN 2022 10K"), joined by spaces.
func spelledName(question, name string) string {
	words := map[string]bool{}
	for _, w := range nameWord.FindAllString(strings.ToLower(name), -1) {
		words[w] = true
	}
	q := nameWord.FindAllString(question, -1)
	var out []string
	for i := range q {
		joined := strings.ToLower(q[i])
		for j := i + 1; j < min(len(q), i+maxSpelled); j++ {
			joined += strings.ToLower(q[j])
			if words[joined] {
				out = append(out, q[i:j+1]...)
			}
		}
	}
	return strings.Join(out, " ")
}
