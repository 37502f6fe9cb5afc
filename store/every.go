package store

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// SearchEvery returns at most k chunks that hold every one of the
// analysed terms every and at least one of some (none asked when some is
// empty), best first by the same BM25 as SearchText over every. With docs
// non-empty only those documents are searched. A term no chunk holds
// leaves no hits.
//
// SearchText ranks a chunk by the question's words as a whole, so in a
// large library a table row that says its label once can fall out of
// the candidates behind prose that says the label's words often;
// SearchEvery finds the chunks that say all of them, however briefly.
func (s *Store) SearchEvery(ctx context.Context, every, some []string, k int, docs []uint64) ([]Hit, error) {
	if len(every) == 0 {
		return nil, nil
	}
	r, n, stats, err := s.openSearch()
	if err != nil {
		return nil, fmt.Errorf("search every %q: %w", every, err)
	}
	defer r.Close()
	every = distinct(every)
	ws, err := weighTerms(r, fieldText, every, n, n, 1)
	if err != nil {
		return nil, err
	}
	if len(ws) < len(every) {
		return nil, nil // a term no chunk holds
	}
	all := make([]query.Query, len(ws))
	for i, w := range ws {
		all[i] = w.query()
	}
	match := bleve.NewConjunctionQuery(all...)
	if len(some) > 0 {
		// Any one will do, and says nothing of how well the chunk
		// matches: boost 0.
		var any []weightedTerm
		for _, t := range distinct(some) {
			any = append(any, weightedTerm{term: t, field: fieldText})
		}
		match.AddQuery(disjunction(any))
	}
	hits, err := s.searchBleve(ctx, match, nil, docs, stats, k)
	if err != nil {
		return nil, fmt.Errorf("search every %q: %w", every, err)
	}
	return s.wholeOnly(hits)
}
