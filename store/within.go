package store

import (
	"context"
	"fmt"
	"strconv"

	index "github.com/blevesearch/bleve_index_api"
)

// A search may weigh a word by how rare it is among some documents'
// chunks rather than the library's: inside the Northwind plan booklets
// "Northwind" is in every chunk and tells none apart, though over a
// library of 364 files it is a rare word that outweighs the words asked
// about. Weighed within those documents, their chunks rank nearly as in
// a library holding only them (the average chunk length stays the
// library's), however the rest of the library grows.

// within is the chunk count of some documents and the document
// frequency of terms among their chunks.
type within struct {
	n  uint64
	df []int
}

// countWithin counts, in field, how many of the documents' chunks hold
// each term, by walking the documents' chunks and looking each term up
// there: a few documents hold far fewer chunks than a common term's
// postings.
func countWithin(ctx context.Context, r index.IndexReader, field string, terms []string, docs []uint64) (within, error) {
	w := within{df: make([]int, len(terms))}
	var filter, ts []*termPostings
	defer func() { closeTerms(filter); closeTerms(ts) }()
	for _, d := range docs {
		t, err := openPostings(ctx, r, fieldDoc, strconv.FormatUint(d, 10))
		if err != nil {
			return w, err
		}
		filter = append(filter, t)
	}
	for _, term := range terms {
		t, err := openPostings(ctx, r, field, term)
		if err != nil {
			return w, err
		}
		ts = append(ts, t)
	}
	for {
		doc, ok := nextCandidate(filter)
		if !ok {
			return w, nil
		}
		w.n++
		for i, t := range ts {
			if err := t.advance(doc); err != nil {
				return w, err
			}
			if t.at(doc) {
				w.df[i]++
			}
		}
		for _, t := range filter {
			if t.at(doc) {
				if err := t.next(); err != nil {
					return w, err
				}
			}
		}
	}
}

// openPostings opens one term's postings, at its first.
func openPostings(ctx context.Context, r index.IndexReader, field, term string) (*termPostings, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%q: %w", field, term, err)
	}
	t := &termPostings{weightedTerm: weightedTerm{term: term, field: field}, tfr: tfr}
	if err := t.next(); err != nil {
		tfr.Close()
		return nil, err
	}
	return t, nil
}

// idf is the BM25 idf of term i within the documents.
func (w within) idf(i int) float64 { return idfOf(w.n, w.df[i]) }

// IDFWithin is IDF counted among the chunks of docs: the weight a word has
// in a search kept to them.
func (s *Store) IDFWithin(terms []string, docs []uint64) (idf []float64, df []int, err error) {
	r, err := s.reader()
	if err != nil {
		return nil, nil, fmt.Errorf("idf: %w", err)
	}
	defer r.Close()
	in, err := countWithin(context.Background(), r, fieldText, terms, docs)
	if err != nil {
		return nil, nil, fmt.Errorf("idf: %w", err)
	}
	idf = make([]float64, len(terms))
	for i := range terms {
		idf[i] = in.idf(i)
	}
	return idf, in.df, nil
}

// TermRuns walks the chunks that hold term, in index order, and calls
// fn with each run of consecutive chunks of one document: the document
// and how many chunks of it the run holds. A document's chunks are
// indexed together, so they usually make one run, but may make more. fn
// returns false to stop the walk.
func (s *Store) TermRuns(ctx context.Context, term string, fn func(doc uint64, n int) bool) error {
	r, err := s.reader()
	if err != nil {
		return fmt.Errorf("chunks of %q: %w", term, err)
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldText, false, false, false)
	if err != nil {
		return fmt.Errorf("chunks of %q: %w", term, err)
	}
	defer tfr.Close()
	var cur *index.TermFieldDoc
	run, n := uint64(0), 0
	for {
		if cur, err = tfr.Next(cur); err != nil {
			return fmt.Errorf("chunks of %q: %w", term, err)
		}
		if cur == nil {
			break
		}
		id, err := r.ExternalID(cur.ID)
		if err != nil {
			return fmt.Errorf("chunks of %q: %w", term, err)
		}
		doc, _, err := ParseChunkID(id)
		if err != nil {
			return fmt.Errorf("chunks of %q: %w", term, err)
		}
		if n > 0 && doc != run {
			if !fn(run, n) {
				return nil
			}
			n = 0
		}
		run = doc
		n++
	}
	if n > 0 {
		fn(run, n)
	}
	return nil
}
