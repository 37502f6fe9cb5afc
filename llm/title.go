package llm

import (
	"slices"
	"strings"
	"unicode"

	"quire/store"
)

// When a library holds many documents, a quote is only as good as the
// reader's knowing whose it is: "Routine eye exams" means one thing in the
// Standard plan and another in Health Plus. Answers name the documents
// they quote by title, not only by a file name in a footnote.

// maxTitleWords bounds a running head taken as the title: a longer one
// is a sentence of the page, not a name.
const maxTitleWords = 12

// Title is what a reader calls the document: its running head when it
// has a short one ("PFIZER INC. 2021 Form 10-K"), else its file name as
// words ("Northwind Standard Benefits Details").
func Title(d store.Document) string {
	words := strings.Fields(d.NameWords())
	if h := trimPageLabel(d.Heading); h != "" && len(strings.Fields(h)) <= maxTitleWords && sharesWord(h, words) {
		return h
	}
	return strings.Join(words, " ")
}

// sharesWord: the heading names what the file name does ("PFIZER INC.
// 2021 Form 10-K" for PFIZER_2021_10K.pdf); a running head that does not
// ("Table of Contents") is no title.
func sharesWord(heading string, words []string) bool {
	for _, h := range strings.FieldsFunc(heading, func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, w := range words {
			if len(h) >= 3 && strings.EqualFold(h, w) {
				return true
			}
		}
	}
	return false
}

// QuotedTitles lists, in citation order, the titles of the documents an
// answer quotes, each once.
func QuotedTitles(a Answer) []string {
	var out []string
	for _, c := range a.Citations {
		if c.Used && c.Title != "" && !slices.Contains(out, c.Title) {
			out = append(out, c.Title)
		}
	}
	return out
}

// pageLabels end a running head whose page number was taken off
// ("Zentara Robotics — Internal Reference Document Page").
var pageLabels = []string{"page", "p.", "pg.", "seite", "página"}

// trimPageLabel takes a trailing page label and the dash or bar before it
// off a running head.
func trimPageLabel(h string) string {
	h = strings.TrimSpace(h)
	ws := strings.Fields(h)
	if len(ws) > 1 && slices.Contains(pageLabels, strings.ToLower(ws[len(ws)-1])) {
		h = strings.Join(ws[:len(ws)-1], " ")
	}
	return strings.TrimRight(h, " —–-|·")
}
