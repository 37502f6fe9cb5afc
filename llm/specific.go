package llm

import (
	"regexp"
	"strings"

	"quire/search"
)

// A question typed in lower case gives the name checks no capital to go
// by: "what was abiomed's total revenue in fiscal 2015?" In a library
// that holds Adobe's 10-K of 2015, "total revenue in fiscal 2015" matches
// Adobe's pages, and the answer quoted them. The owner of what is asked
// ("abiomed's") is whom the question is about, and a word no dictionary
// has is a name, whatever its case; when the library holds it, a passage
// that never writes it, nor its document's name, is about someone else.
// (A dictionary of word stems misses too many inflections, "inventories",
// "forecasting", for every such word to be taken for a name; a word the
// library lacks is a typo, the spelling's concern.)

// possessorRE is a word that owns what the question asks ("abiomed's");
// subjectRE the subject of a question that asks whether ("did abiomed
// outperform the s&p 500 index?").
var (
	possessorRE = regexp.MustCompile(`([\p{L}\p{N}&.-]+)(?:'s|’s)\b`)
	subjectRE   = regexp.MustCompile(`(?i)^\s*(?:did|does|do|has|have|had|is|was|were|are|can|could|will|would)\s+([\p{L}][\p{L}\p{N}&.-]*)`)
)

// minNameLetters: the dictionary holds words of four letters or more, so
// a shorter word is no name by this test ("eye", "fee").
const minNameLetters = 4

// unknownNames are whom the question is about, its owners ("abiomed's")
// and the subject of a question that asks whether, when they have
// minNameLetters or more letters, are no English word and the library
// holds them (terms are the question's, with their document
// frequencies).
func (e Extractive) unknownNames(question string, terms []search.Term) []string {
	if e.English == nil {
		return nil
	}
	held := map[string]bool{}
	for _, t := range terms {
		held[t.Text] = t.DF > 0
	}
	var out []string
	for _, m := range append(possessorRE.FindAllStringSubmatch(question, -1), subjectRE.FindAllStringSubmatch(question, -1)...) {
		w := strings.Trim(m[1], ".-")
		if len([]rune(w)) < minNameLetters || hasDigit(w) || e.English.Has(w) {
			continue
		}
		for _, t := range e.Analyze(w) {
			if held[t] {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// namesSaid: the text the answer quotes from (its chunks, with their
// documents' names and headings) writes each owner the question names
// that no dictionary has, joined or apart ("activision" is in
// ACTIVISIONBLIZZARD_2019_10K.pdf).
func (e Extractive) namesSaid(question string, terms []search.Term, source, own string) bool {
	joined := strings.ReplaceAll(flatten(source), " ", "")
	for _, w := range e.unknownNames(question, terms) {
		if !strings.Contains(joined, strings.ToLower(w)) && !initialsOf(w, own) {
			return false
		}
	}
	return true
}

// asTyped is the question as searched: corrected, when words the index
// did not know were replaced.
func asTyped(question string, res search.Result) string {
	if res.Corrected != "" {
		return res.Corrected
	}
	return question
}
