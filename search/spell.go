package search

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A question word the index does not know is most often a typo ("What
// typs of hearin care servises…"): it matches nothing, and as a word of
// maximal weight that no chunk holds it makes the answer abstain. Such a
// word is replaced by the closest word the documents use, the nearest
// first and, among equally near ones, the most frequent (Norvig's
// speller, with the library as its corpus), and the answer says
// "Showing results for: …".
//
// Naive correction maps "capex" to "cape". So a word is left as typed
// when the index knows it, when it looks like an abbreviation or a code
// (all capitals, capitals inside, digits, shorter than minSpellRunes), and
// when no candidate is near enough for its length or common enough in the
// library to be what was meant.

// Correction is a question word the index does not know and the word
// searched in its place.
type Correction struct {
	From string `json:"from"`
	To   string `json:"to"`
}

const (
	// minSpellRunes: shorter words are too often names and abbreviations
	// ("Ulta", "ROE") and have too many neighbours to guess from.
	minSpellRunes = 4
	// maxForms is how many chunks are read for the words a term stands for.
	maxForms = 3
)

// maxEdits is how far a correction may be from the word typed: one edit
// (a letter missing, extra, wrong, or two swapped) up to 7 letters, two
// from 8.
func maxEdits(runes int) int {
	if runes >= 8 {
		return 2
	}
	return 1
}

// questionToken is a word of a question with what sticks to it: digits,
// inner hyphens, dots, ampersands and apostrophes ("FY2022", "S&P",
// "pre-authorization", "Zentara's").
var questionToken = regexp.MustCompile(`[\pL\pN]+(?:[-.&'’][\pL\pN]+)*`)

// spellable reports whether a question word may be corrected at all, and
// its letters with a possessive taken off.
func spellable(w string) (string, bool) {
	for _, suffix := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, suffix)
	}
	if utf8.RuneCountInString(w) < minSpellRunes {
		return "", false
	}
	for i, r := range w {
		if !unicode.IsLetter(r) {
			return "", false // digits, hyphens, dots: codes and compounds
		}
		if i > 0 && unicode.IsUpper(r) {
			return "", false // "EBITDA", "COGS", "iPhone", "PepsiCo"
		}
	}
	return w, true
}

// correct returns the question with the words the index does not know
// replaced by the closest words it does, and the replacements; the text
// as given when there are none.
func (s *Searcher) correct(ctx context.Context, text string) (string, []Correction, error) {
	var out strings.Builder
	var fixes []Correction
	last := 0
	// The question's other words are read only when a correction has to
	// choose between words, or to be taken at all (spellcontext.go).
	around := sync.OnceValues(func() ([]string, error) { return s.knownTerms(text) })
	for i, loc := range questionToken.FindAllStringIndex(text, -1) {
		tok := text[loc[0]:loc[1]]
		w, ok := spellable(tok)
		if !ok {
			continue
		}
		first, _ := utf8.DecodeRuneInString(w)
		to, err := s.closest(ctx, w, i > 0 && unicode.IsUpper(first), around)
		if err != nil {
			return text, nil, err
		}
		if to == "" {
			continue
		}
		to = sameCase(w, to)
		out.WriteString(text[last:loc[0]])
		out.WriteString(to)
		last = loc[0] + len(w)
		fixes = append(fixes, Correction{From: w, To: to})
	}
	if len(fixes) == 0 {
		return text, nil, nil
	}
	out.WriteString(text[last:])
	return out.String(), fixes, nil
}

// closest is the word of the documents w most likely stands for, "" when
// w is known or nothing is near and common enough. A name (a capitalised
// word inside the question) whose stem is known is written as the
// documents write it.
func (s *Searcher) closest(ctx context.Context, w string, name bool, around otherWords) (string, error) {
	lw := strings.ToLower(w)
	if s.lexicon.Has(lw) {
		return "", nil
	}
	terms := s.store.Analyze(w)
	if len(terms) != 1 {
		return "", nil // a stop word, or split into several
	}
	known, err := s.store.Knows(w)
	if err != nil {
		return "", err
	}
	if known {
		if !name {
			return "", nil
		}
		return s.respelt(lw, terms[0])
	}
	best, err := s.bestOf(ctx, oneEdit(lw), around)
	if err != nil || best.form != "" || maxEdits(utf8.RuneCountInString(lw)) < 2 {
		return best.form, err
	}
	return s.twoEdits(ctx, lw, around)
}

// maxWrittenForms is how many chunks are read for the ways the documents
// write a term the question misspells.
const maxWrittenForms = 20

// respelt is how the documents write the name w, when its stem is known
// but no chunk writes it so: Porter's stemmer takes "Independant" and
// "independent" alike to "independ", so the search finds the page, but
// the name is still misspelt and an answer check that looks for the
// question's names in the passage misses it. "" when the documents write
// w, or only inflect it otherwise ("Deductibles" for "deductible"), or
// nothing written is near enough. Lower-case words are not respelt: an
// English word the lexicon lacks is too often an inflection the chunks
// read do not show ("materially" is not a typo of "materials").
func (s *Searcher) respelt(w, term string) (string, error) {
	forms, err := s.store.Forms(term, maxWrittenForms)
	if err != nil || forms[w] > 0 {
		return "", err
	}
	f, d := closestForm(w, forms)
	if d > maxEdits(utf8.RuneCountInString(w)) || strings.HasPrefix(f, w) || strings.HasPrefix(w, f) {
		return "", nil
	}
	return f, nil
}

// spelling is a word the typed one may stand for, and how likely.
type spelling struct {
	form   string
	term   string  // its analysed form
	weight float64 // the likelihood of the slip from it to the word typed
	score  float64 // weight × the chunks holding term: how likely a typist meant it
}

// minSpellScore is the least score of a correction: a likely slip (a
// letter left out, two swapped, a key's neighbour hit) to a word at least
// two chunks hold, or a less likely one to a word eight or more hold.
const minSpellScore = 2

// bestOf is the likeliest of the edits whose analysed form the library
// holds and that the documents or the lexicon spell as the edit does,
// with the score of the most likely edit per term, unless a less likely
// one is said in a chunk with every other word of the question; one
// under minSpellScore only so (see spellcontext.go). The spelling check
// matters: "gener", one slip from "gendr", analyses to the stem of
// "general", but nobody writes it.
func (s *Searcher) bestOf(ctx context.Context, edits []edit, around otherWords) (spelling, error) {
	byTerm := map[string]spelling{}
	var terms []string
	for _, e := range edits {
		a := s.store.Analyze(e.word)
		if len(a) != 1 {
			continue
		}
		c, seen := byTerm[a[0]]
		if !seen {
			terms = append(terms, a[0])
		}
		if !seen || e.weight > c.weight || e.weight == c.weight && e.word < c.form {
			byTerm[a[0]] = spelling{form: e.word, term: a[0], weight: e.weight}
		}
	}
	if len(terms) == 0 {
		return spelling{}, nil
	}
	_, df, err := s.store.IDF(terms)
	if err != nil {
		return spelling{}, fmt.Errorf("spelling: %w", err)
	}
	var likely, rare []spelling
	for i, t := range terms {
		c := byTerm[t]
		switch c.score = c.weight * float64(df[i]); {
		case c.score >= minSpellScore:
			likely = append(likely, c)
		case c.score > 0:
			rare = append(rare, c)
		}
	}
	written, err := s.writtenOf(likely)
	if err != nil {
		return spelling{}, err
	}
	if len(written) == 1 {
		return written[0], nil // no other to choose: no need to read the question's other words
	}
	if c, ok, err := s.inContext(ctx, written, around); ok || err != nil {
		return c, err
	}
	if len(written) > 0 {
		return written[0], nil
	}
	if written, err = s.writtenOf(rare); err != nil {
		return spelling{}, err
	}
	c, _, err := s.inContext(ctx, written, around)
	return c, err
}

// writtenOf are the likeliest maxCandidates of cands, likeliest first,
// that are written (see written).
func (s *Searcher) writtenOf(cands []spelling) ([]spelling, error) {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		return a.score > b.score || a.score == b.score && a.form < b.form
	})
	var out []spelling
	for _, c := range cands[:min(len(cands), maxCandidates)] {
		ok, err := s.written(c)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// written reports whether c's form is a word: English, or written so in
// the documents.
func (s *Searcher) written(c spelling) (bool, error) {
	if s.lexicon.Has(c.form) {
		return true, nil
	}
	forms, err := s.store.Forms(c.term, maxForms)
	return forms[c.form] > 0, err
}

// twoEdits looks for a word two edits away among the terms near w's,
// written as the documents write it, each weighed by its two slips:
// "matasteses" is "metastases" (two vowels by ear), "uncultured" is not
// "cocultured" (two far keys).
func (s *Searcher) twoEdits(ctx context.Context, w string, around otherWords) (string, error) {
	near, err := s.store.TermsNear(s.store.Analyze(w)[0], 2)
	if err != nil {
		return "", err
	}
	cands, err := s.candidates(near)
	if err != nil {
		return "", err
	}
	var edits []edit
	for _, c := range cands {
		forms, err := s.store.Forms(c.term, maxForms)
		if err != nil {
			return "", err
		}
		if f, d := closestForm(w, forms); d <= 2 {
			// As oneEdit weighs one slip: the first slip's prior is 1.
			edits = append(edits, edit{f, slips(w, f) / slipPrior})
		}
	}
	best, err := s.bestOf(ctx, edits, around)
	return best.form, err
}

type candidate struct {
	term string
	df   int
}

// maxCandidates bounds how many corrections of a word, the likeliest
// first, are looked up in the documents for how they are written.
const maxCandidates = 5

// candidates are the near terms common enough to be meant, the most
// frequent first.
func (s *Searcher) candidates(near []string) ([]candidate, error) {
	if len(near) == 0 {
		return nil, nil
	}
	_, df, err := s.store.IDF(near)
	if err != nil {
		return nil, fmt.Errorf("spelling: %w", err)
	}
	var cs []candidate
	for i, t := range near {
		if float64(df[i])*slipPrior >= minSpellScore {
			cs = append(cs, candidate{t, df[i]})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].df > cs[j].df })
	return cs[:min(len(cs), maxCandidates)], nil
}

// closestForm is the form nearest to w (the most frequent among equally
// near ones) and its distance.
func closestForm(w string, forms map[string]int) (string, int) {
	best, bestD, bestN := "", 1<<30, 0
	for f, n := range forms {
		d := editDistance(w, f)
		if d < bestD || d == bestD && (n > bestN || n == bestN && f < best) {
			best, bestD, bestN = f, d, n
		}
	}
	return best, bestD
}

// editDistance counts the letters inserted, deleted or replaced and the
// adjacent pairs swapped to turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// sameCase writes to with w's leading capital, if it has one.
func sameCase(w, to string) string {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return to
	}
	t, n := utf8.DecodeRuneInString(to)
	return string(unicode.ToUpper(t)) + to[n:]
}
