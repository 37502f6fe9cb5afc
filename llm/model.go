package llm

import (
	"regexp"
	"strings"
	"unicode"
)

// "What GPU model was used to train the agent?" asks for a model's name
// (a Tesla K80, a Titan X), not for the sentence that says a GPU was
// used: "we run inference … and the BiDAF environment on GPU" names
// none, and quoting it answers a question the user did not ask.

// modelQuestion asks for the model, make, brand or version of a kind of
// thing, which it names before that word ("what gpu model").
var modelQuestion = regexp.MustCompile(`(?i)\b(?:what|which)\s+([\pL][\pL\d-]*)\s+(?:model|make|brand|version)s?\b`)

// purposeRE: what the model asked for was used for ("… used to train the
// reformulation agent").
var purposeRE = regexp.MustCompile(`(?i)\b(?:to|for)\s+([^?.!]+)`)

// modelReach is how many words from the thing's word a model's name may
// stand ("NVIDIA Tesla K80 GPU", "a GPU (Titan X)").
const modelReach = 2

// namesModel: the units name a model of the thing the question asks
// about beside its word: a word mixing letters and digits (K80, V100) or
// a capitalised word the question does not use (Tesla, Titan).
func namesModel(question, units string) bool {
	m := modelQuestion.FindStringSubmatch(question)
	if m == nil {
		return true
	}
	thing := strings.ToLower(m[1])
	ws := strings.Fields(units)
	for i, w := range ws {
		if !strings.HasPrefix(strings.ToLower(strings.Trim(w, `.,;:()"“”`)), thing) {
			continue
		}
		for j := max(0, i-modelReach); j <= min(len(ws)-1, i+modelReach); j++ {
			if j != i && designation(ws[j], question) {
				return true
			}
		}
	}
	return false
}

// purposeSaid: the passage the model's name is quoted from says what the
// question says the model was used for, each of its words of four
// letters or more: another paper's "GTX 1080Ti GPU" ran its own
// experiments, not the reformulation agent asked about.
func purposeSaid(question, passage string) bool {
	m := modelQuestion.FindStringIndex(question)
	if m == nil {
		return true
	}
	p := purposeRE.FindStringSubmatch(question[m[1]:])
	if p == nil {
		return true
	}
	text := strings.ToLower(passage)
	for _, w := range strings.Fields(strings.ToLower(p[1])) {
		if len(w) >= 4 && !strings.Contains(text, stemPrefix(w)) {
			return false
		}
	}
	return true
}

// designation: a word that names a model, not one that starts a sentence
// or ties one ("The", "In").
func designation(w, question string) bool {
	w = strings.Trim(w, `.,;:()"“”`)
	if w == "" || strings.Contains(strings.ToLower(question), strings.ToLower(w)) || nameStarts[strings.ToLower(w)] {
		return false
	}
	letters := strings.IndexFunc(w, unicode.IsLetter) >= 0
	return letters && hasDigit(w) || unicode.IsUpper([]rune(w)[0])
}
