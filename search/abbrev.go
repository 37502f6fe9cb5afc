package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"quire/lexicon"
)

// A question often names a company the short way: "MGM" for MGM Resorts
// (MGMRESORTS_2022Q4_EARNINGS.pdf), "JPM" for JPMORGAN_2021Q1_10Q.pdf,
// "J&J" or "JnJ" for JOHNSON_JOHNSON_2022_10K.pdf. The whole name
// (scope.go) is not in such a question. A word written as an
// abbreviation (two capitals or more, letters only, no English word)
// names the documents whose name it begins, when it is three letters or
// more, or whose name's words it spells by their first letters, "n" or
// "&" standing for "and" between them; but only when the documents it so
// names all have one name ("PDF" begins the names of many files of a
// software project's test corpus and names none of them), and when most
// of the library's chunks that say the word are theirs (a short English
// word in capitals, "CAN", "NEW", is said everywhere; "MGM" in 895 of its
// 900 chunks in MGM's filings).

// abbreviation matches a word of a question with "&" inside it ("J&J").
var abbreviation = regexp.MustCompile(`[\p{L}&]+`)

// abbreviations returns the question's words written as abbreviations,
// as written and lower-cased with "&" dropped.
func abbreviations(question string, english lexicon.Set) (words, forms []string) {
	for _, w := range abbreviation.FindAllString(question, -1) {
		w = strings.Trim(w, "&")
		upper := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				upper++
			}
		}
		a := strings.ReplaceAll(strings.ToLower(w), "&", "")
		if upper >= 2 && len(a) >= 2 && !english.Has(w) {
			words, forms = append(words, w), append(forms, a)
		}
	}
	return words, forms
}

// abbreviated returns the documents the question names by an
// abbreviation; mostlyIn reports whether most chunks that say a word are
// of some documents.
func (s *Searcher) abbreviated(docs []scopeDoc, question string) ([]scopeDoc, error) {
	var out []scopeDoc
	words, forms := abbreviations(question, s.lexicon)
	for i, a := range forms {
		var hit []scopeDoc
		var names []string
		for _, d := range docs {
			if abbreviates(a, d) {
				hit = append(hit, d)
				if !slices.Contains(names, d.name) {
					names = append(names, d.name)
				}
			}
		}
		if len(names) != 1 {
			continue
		}
		ok, err := s.saidMostlyIn(words[i], hit)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, hit...)
		}
	}
	return out, nil
}

// saidMostlyIn reports whether at least half the chunks that say word
// are of docs, or none says it; a word the index leaves out ("ALL") is
// a function word, no name.
func (s *Searcher) saidMostlyIn(word string, docs []scopeDoc) (bool, error) {
	terms := s.store.Analyze(word)
	if len(terms) == 0 {
		return false, nil
	}
	ids := make([]uint64, len(docs))
	for i, d := range docs {
		ids[i] = d.id
	}
	_, all, err := s.store.IDF(terms)
	if err != nil {
		return false, err
	}
	_, in, err := s.store.IDFWithin(terms, ids)
	if err != nil {
		return false, err
	}
	for i := range terms {
		if 2*in[i] < all[i] {
			return false, nil
		}
	}
	return true, nil
}

// abbreviates reports whether a is a short form of d's name: its start,
// or the first letters of its words.
func abbreviates(a string, d scopeDoc) bool {
	if len(a) >= 3 && len(d.name) > len(a) && strings.HasPrefix(d.name, a) {
		return true
	}
	if len(d.words) < 2 {
		return false
	}
	var plain, and strings.Builder
	for i, w := range d.words {
		r := []rune(w)[0]
		if i > 0 {
			and.WriteByte('n')
		}
		plain.WriteRune(r)
		and.WriteRune(r)
	}
	return a == plain.String() || a == and.String()
}
