package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"quire/glossary"

	index "github.com/blevesearch/bleve_index_api"
)

// The short forms a chunk defines ("Chief Executive Officer (CEO)") are
// indexed with it, each as one keyword term of fieldDefines, "ceo" and
// "chief executive officer" joined by defineSep: a question's "CEO" is
// looked up in the field's dictionary, which is as fast as looking up a
// word, and a definition leaves the library with its chunk.
const (
	fieldDefines = "defines"
	defineSep    = "\x1f"
)

// definesTerms returns the keyword terms of the definitions text makes.
func definesTerms(text string) []string {
	var out []string
	for _, d := range glossary.Find(text) {
		out = append(out, d.Short+defineSep+d.Long)
	}
	return out
}

// LongForm is what the library's chunks define a short form as, and how
// many chunks define it so.
type LongForm struct {
	Text   string // lower case, as written: "chief executive officer"
	Chunks int
}

// LongForms returns what the library's chunks define short as (in any
// case: "CEO", "copay"), most often defined first.
func (s *Store) LongForms(short string) ([]LongForm, error) {
	r, err := s.reader()
	if err != nil {
		return nil, fmt.Errorf("long forms of %q: %w", short, err)
	}
	defer r.Close()
	prefix := strings.ToLower(short) + defineSep
	dict, err := r.FieldDictPrefix(fieldDefines, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("long forms of %q: %w", short, err)
	}
	defer dict.Close()
	var out []LongForm
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("long forms of %q: %w", short, err)
		}
		if e == nil {
			break
		}
		// The dictionary's counts include deleted chunks until their
		// segments merge; the postings do not.
		n, err := livePostings(r, fieldDefines, e.Term)
		if err != nil {
			return nil, fmt.Errorf("long forms of %q: %w", short, err)
		}
		if n > 0 {
			out = append(out, LongForm{Text: strings.TrimPrefix(e.Term, prefix), Chunks: n})
		}
	}
	slices.SortStableFunc(out, func(a, b LongForm) int { return cmp.Compare(b.Chunks, a.Chunks) })
	return out, nil
}

// livePostings counts the chunks whose field holds term.
func livePostings(r index.IndexReader, field, term string) (int, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	var cur *index.TermFieldDoc // reused, as TermRuns does
	for n := 0; ; n++ {
		if cur, err = tfr.Next(cur); err != nil {
			return 0, err
		}
		if cur == nil {
			return n, nil
		}
	}
}
