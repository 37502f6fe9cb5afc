package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// The index's dictionary, as a speller sees it: which words it knows,
// which of its terms lie near an unknown one, and how its documents
// spell a term. Terms are analysed forms (Porter stems: "servic" for
// "services"), so a correction is found among terms and shown in a word
// the documents themselves use.

// Knows reports whether every term word analyses to occurs in a field a
// search matches: the chunk text and titles in English, or the text of
// another language the library holds, analysed as that language. A word
// that analyses to nothing (a stop word) is known.
func (s *Store) Knows(word string) (bool, error) {
	r, err := s.reader()
	if err != nil {
		return false, fmt.Errorf("knows %q: %w", word, err)
	}
	defer r.Close()
	known := func(field string, terms []string) (bool, error) {
		for _, t := range terms {
			tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
			if err != nil {
				return false, fmt.Errorf("knows %q: %w", word, err)
			}
			n := tfr.Count()
			tfr.Close()
			if n == 0 {
				return false, nil
			}
		}
		return true, nil
	}
	terms := s.Analyze(word)
	for _, f := range []string{fieldText, fieldTitle} {
		if ok, err := known(f, terms); ok || err != nil {
			return ok, err
		}
	}
	langs, err := s.langs.present()
	if err != nil {
		return false, err
	}
	for code := range langs {
		if ok, err := known(langField(code), s.analyzeLang(code, word)); ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

// TermsNear returns the terms of the chunk text within Levenshtein
// distance dist (1 or 2) of term, term itself included if present. It
// walks the dictionary with an automaton: its cost grows with the
// dictionary's size, not with the chunks'.
func (s *Store) TermsNear(term string, dist int) ([]string, error) {
	r, err := s.reader()
	if err != nil {
		return nil, fmt.Errorf("terms near %q: %w", term, err)
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("terms near %q: the index has no fuzzy dictionary", term)
	}
	d, err := fr.FieldDictFuzzy(fieldText, term, dist, "")
	if err != nil {
		return nil, fmt.Errorf("terms near %q: %w", term, err)
	}
	defer d.Close()
	var out []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("terms near %q: %w", term, err)
		}
		if e == nil {
			return out, nil
		}
		out = append(out, e.Term)
	}
}

// surfaceWord is a run of letters as the documents write it.
var surfaceWord = regexp.MustCompile(`\pL+`)

// Forms returns the lower-case words that analyse to term in the text of
// up to n chunks containing it, each with how often it occurs there:
// "services" and "service" for "servic".
func (s *Store) Forms(term string, n int) (map[string]int, error) {
	q := bleve.NewTermQuery(term)
	q.SetField(fieldText)
	res, err := s.index.Search(bleve.NewSearchRequestOptions(q, n, 0, false))
	if err != nil {
		return nil, fmt.Errorf("forms of %q: %w", term, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	chunks, err := s.Chunks(ids)
	if err != nil {
		return nil, fmt.Errorf("forms of %q: %w", term, err)
	}
	forms := map[string]int{}
	stem := map[string]bool{} // each distinct word analysed once
	for _, c := range chunks {
		for _, w := range surfaceWord.FindAllString(strings.ToLower(c.Text), -1) {
			ok, seen := stem[w]
			if !seen {
				a := s.Analyze(w)
				ok = len(a) == 1 && a[0] == term
				stem[w] = ok
			}
			if ok {
				forms[w]++
			}
		}
	}
	return forms, nil
}
