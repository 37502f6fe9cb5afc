package search

import (
	"slices"
	"strings"
	"unicode"

	"quire/glossary"
	"quire/store"
)

// A question asks in a short form what a document may state only in the
// long one: "Who is the CEO of Netflix?" of a filing that writes "Reed
// Hastings, Chief Executive Officer", "the copay for a specialist" of a
// plan that writes "the co-payment is $50 for specialist visits". The
// library's own chunks say which words are one ("Chief Executive Officer
// (CEO)", "a copayment, also known as a copay"; see package glossary).
// A word of the question that they define is searched with its long
// form too, and a chunk or sentence that says the long form says the
// word.

// definable returns the words of a question that may be short forms:
// those written with two capitals or more ("CEO", "R&D", "PP&E"), and
// words of minClipped letters or more that are no English word
// ("copay"). "net" is no short form of "Electron Theft (NET)", nor "FY"
// of "FY2018" or "FY 2023" one.
func (s *Searcher) definable(question string) []string {
	var out []string
	words := strings.FieldsFunc(question, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' && r != '-'
	})
	for i, w := range words {
		w = strings.Trim(w, "&-")
		if w == "" || strings.ContainsFunc(w, unicode.IsDigit) || labelsNumber(words, i) {
			continue
		}
		upper := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				upper++
			}
		}
		if upper >= 2 || len([]rune(w)) >= minClipped && !s.lexicon.Has(w) {
			out = append(out, w)
		}
	}
	return out
}

// labelsNumber reports whether the word after words[i] is a number: the
// word labels it ("FY 2023", "Form 10-K") and is read with it.
func labelsNumber(words []string, i int) bool {
	if i+1 == len(words) {
		return false
	}
	next := []rune(words[i+1])
	return len(next) > 0 && unicode.IsDigit(next[0])
}

// minClipped is the fewest letters of a short form not written in
// capitals (glossary's own bound).
const minClipped = 4

// defined returns, for each term of a question word that the library
// defines, the terms of the long form most of its defining chunks give
// (the first of the most, when they tie), and the long forms, to search
// with the question; the same for each word that names a period by its
// adjective (period.go). A word whose long form the question says too is
// left as it is.
func (s *Searcher) defined(question string) (map[string][]string, []string, error) {
	terms, longs := s.periods(question)
	lower := strings.ToLower(question)
	for _, w := range s.definable(question) {
		forms, err := s.store.LongForms(w)
		if err != nil {
			return nil, nil, err
		}
		form, ok := agreed(forms)
		if len(forms) == 0 {
			form, ok = glossary.Known(w) // a short form every reader knows
		}
		if !ok || strings.Contains(lower, form) {
			continue
		}
		long := s.contentTerms(form)
		if len(long) == 0 {
			continue
		}
		for _, t := range s.contentTerms(w) {
			if terms == nil {
				terms = map[string][]string{}
			}
			terms[t] = long
		}
		longs = append(longs, form)
	}
	return terms, longs, nil
}

// agreedShare is the share of the chunks that define a short form that
// must define it alike for a question's word to be read so: "IR" is
// "insulin resistance" in some abstracts, "ionizing radiation" in
// others, and a question's sense of it is unknown.
const agreedShare = 2.0 / 3

// agreed returns the long form most chunks define a short form as (forms,
// most often first), if at least agreedShare of them do; forms spelt
// alike but for spaces, hyphens and punctuation ("foreign-derived
// intangible income", "foreign derived …") are one.
func agreed(forms []store.LongForm) (string, bool) {
	if len(forms) == 0 {
		return "", false
	}
	// A form's letters and digits, run together, say which forms are one.
	key := func(f store.LongForm) string { return strings.Join(nameWords(f.Text), "") }
	count := map[string]int{}
	total := 0
	for _, f := range forms {
		count[key(f)] += f.Chunks
		total += f.Chunks
	}
	top := forms[0]
	for _, f := range forms[1:] {
		if count[key(f)] > count[key(top)] {
			top = f
		}
	}
	return top.Text, float64(count[key(top)]) >= agreedShare*float64(total)
}

// contentTerms returns text's analysed terms, less the words that shape
// questions.
func (s *Searcher) contentTerms(text string) []string {
	var out []string
	for _, t := range s.store.Analyze(text) {
		if !s.asking[t] {
			out = append(out, t)
		}
	}
	return out
}

// WithDefined adds to the term set of a text, whose terms in order are
// seq, each term whose long form (see Result.Defined) the text says: its
// terms in a row. "Executive Vice President and Chief Financial Officer"
// has the terms of "Chief Executive Officer", not the office.
func WithDefined(set map[string]bool, seq []string, defined map[string][]string) {
	for t, long := range defined {
		if !set[t] && len(long) > 0 && says(seq, long) {
			set[t] = true
		}
	}
}

// knownAsDefined returns terms with each word no chunk holds, whose long
// form is one term, weighed as that term (counted within, when within is
// not nil): "yearly" is known where plans say "year", and judged by it
// (Coverage, the answer's known words) rather than as a word the library
// has never seen.
func (s *Searcher) knownAsDefined(terms []Term, defined map[string][]string, within []uint64) ([]Term, error) {
	var as []Term
	var at []int
	for i, t := range terms {
		if long := defined[t.Text]; t.DF == 0 && len(long) == 1 {
			as = append(as, Term{Text: long[0]})
			at = append(at, i)
		}
	}
	if len(as) == 0 {
		return terms, nil
	}
	as, err := s.weighed(as, within)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(terms)
	for j, i := range at {
		out[i].IDF, out[i].DF = as[j].IDF, as[j].DF
	}
	return out, nil
}

// DefinedSet is the term set of a text whose terms in order are seq,
// with the defined terms it says (see WithDefined).
func DefinedSet(seq []string, defined map[string][]string) map[string]bool {
	set := termSet(seq)
	WithDefined(set, seq, defined)
	return set
}

// says reports whether seq holds phrase, its terms in a row.
func says(seq, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(seq); i++ {
		if slices.Equal(seq[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}
