package search

import (
	"errors"

	"quire/store"
)

// A statement the question names is often not in the candidate pool at
// all: "What is the FY2016 COGS for Microsoft? … using the statement of
// income" ranks a hundred notes that discuss cost of revenue above the
// income statement, whose rows are mostly figures. So the statements of
// the question's document are looked up, not hoped for: each document's
// statement chunks are found once, by their title lines, and those the
// question asks for join the hits.

// maxStatementChunks bounds the chunks of one kind of statement that join
// the hits from one document: a statement and its continued pages, not
// every condensed repeat of it in a schedule.
const maxStatementChunks = 3

// continuedChunks is how many chunks after a statement's title chunk join
// the hits with it: a cash flow statement's forty rows run over three or
// four chunks. On the title's page they are quoted as its companions
// (spread.go); elsewhere they rank last.
const continuedChunks = 2

// maxStatementDocs bounds the named documents whose statements are
// looked up.
const maxStatementDocs = 3

// withStatements marks the hits that are a statement the question names
// (a standard line alone, "net revenue", may be a segment's), of the
// documents it names (scope, when named) or else of the best hit's, with
// the chunks that continue it; those that did not rank join the hits.
// statementsFirst then puts them first.
func (s *Searcher) withStatements(question string, hits []Hit, scope []uint64, named bool) ([]Hit, error) {
	kinds := askedStatements(question, false)
	if len(kinds) == 0 && named {
		var err error
		if kinds, err = s.bareLine(question, scope); err != nil {
			return nil, err
		}
	}
	if len(kinds) == 0 || len(hits) == 0 {
		return hits, nil
	}
	docs := []uint64{hits[0].Doc.ID}
	if named && len(scope) > 0 {
		docs = scope[:min(len(scope), maxStatementDocs)]
	}
	at := map[rowRef]int{}
	for i, h := range hits {
		at[rowRef{h.Doc.ID, h.Chunk.Ord}] = i
	}
	var refs []ranked
	for _, id := range docs {
		d := hits[0].Doc
		if id != d.ID {
			var err error
			if d, err = s.store.Document(id); errors.Is(err, store.ErrNotFound) {
				continue // removed since the search began
			} else if err != nil {
				return nil, err
			}
		}
		ords, err := s.statementIndex.ords(s.store, d)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, k := range kinds {
			// A measure's statement brings its title chunk alone: the
			// passages that discuss the measure keep the next places.
			n, continued := maxStatementChunks, continuedChunks
			if metricOf(question, statements[k]) {
				n, continued = 1, 0
			}
			for _, o := range ords[k][:min(len(ords[k]), n)] {
				for c := o; c <= o+continued; c++ {
					r := rowRef{id, c}
					switch i, ok := at[r]; {
					case !ok:
						at[r] = len(hits) + len(refs)
						refs = append(refs, ranked{ref: r})
					case i < len(hits):
						hits[i].Statement = true
					}
				}
			}
		}
	}
	if len(refs) == 0 {
		return hits, nil
	}
	extra, err := s.load(refs)
	if err != nil {
		return nil, err
	}
	for i := range extra {
		extra[i].Statement = true
	}
	return append(hits, extra...), nil
}
