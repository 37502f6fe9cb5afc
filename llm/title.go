package llm

import (
	"slices"
	"strings"
	"unicode"

	"quire/runhead"
	"quire/store"
)

// When a library holds many documents, a quote is only as good as the
// reader's knowing whose it is: "Routine eye exams" means one thing in the
// Standard plan and another in Health Plus. Answers name the documents
// they quote by title, not only by a file name in a footnote.

// maxTitleWords bounds a running head taken as the title: a longer one
// is a sentence of the page, not a name.
const maxTitleWords = 12

// Title is what a reader calls the document: the parts of its running
// head that name what its file name does, when they are short ("PFIZER
// INC. 2021 Form 10-K"; "2019 FORM 10-K · NIKE, INC" of "Table of
// Contents · 2019 FORM 10-K · 10 NIKE, INC"), else its file name as words
// ("Northwind Standard Benefits Details").
func Title(d store.Document) string {
	words := strings.Fields(d.NameWords())
	var parts []string
	named := false // a part shares a name, not only a year
	for _, p := range strings.Split(d.Heading, runhead.HeadingSep) {
		p = trimPageNumber(trimPageLabel(p))
		name, year := sharesWord(p, words)
		if p != "" && (name || year) && !slices.Contains(parts, p) {
			parts, named = append(parts, p), named || name
		}
	}
	if h := strings.Join(parts, runhead.HeadingSep); named && len(strings.Fields(h)) <= maxTitleWords {
		return h
	}
	return strings.Join(words, " ")
}

// trimPageNumber takes a page number off either end of a running head
// ("10 NIKE, INC", "101 Verizon 2022 Annual Report on Form 10-K"); a
// year stays.
func trimPageNumber(h string) string {
	ws := strings.Fields(h)
	number := func(w string) bool {
		return len(w) <= 3 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	}
	for len(ws) > 1 && number(ws[0]) {
		ws = ws[1:]
	}
	for len(ws) > 1 && number(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// sharesWord reports whether a running head names what the file name
// does, a word of three letters or more (name), or says its year (year):
// "PFIZER INC. 2021 Form 10-K" for PFIZER_2021_10K.pdf. A running head
// that does neither ("Table of Contents", "NOTES TO CONSOLIDATED
// FINANCIAL STATEMENTS") is no title, nor is a year alone ("2021 FORM
// 10-K" of NIKE_2021_10K.pdf says whose report it is no better than the
// file name).
func sharesWord(heading string, words []string) (name, year bool) {
	for _, h := range strings.FieldsFunc(heading, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		digits := strings.IndexFunc(h, unicode.IsDigit) >= 0
		if len(h) < 3 || digits && !isYear(h) {
			continue
		}
		for _, w := range words {
			if strings.EqualFold(h, w) {
				name, year = name || !digits, year || digits
			}
		}
	}
	return name, year
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
