package search

import "sync"

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

// maxStatementDocs bounds the named documents whose statements are
// looked up.
const maxStatementDocs = 3

// statementIndex remembers, for one store generation, the ordinals of
// each document's statement chunks, by kind (the index in statements).
type statementIndex struct {
	mu   sync.Mutex
	gen  uint64
	docs map[uint64][][]int
}

// statementOrds returns the ordinals of doc's chunks that are each kind of
// statement, in document order.
func (s *Searcher) statementOrds(doc uint64) ([][]int, error) {
	gen := s.store.Generation()
	si := &s.statementIndex
	si.mu.Lock()
	if si.gen != gen || si.docs == nil {
		si.gen, si.docs = gen, map[uint64][][]int{}
	}
	ords, ok := si.docs[doc]
	si.mu.Unlock()
	if ok {
		return ords, nil
	}
	chunks, err := s.store.DocChunks(doc)
	if err != nil {
		return nil, err
	}
	ords = make([][]int, len(statements))
	for _, c := range chunks {
		for k := range statements {
			if isStatement(c.Text, statements[k:k+1]) {
				ords[k] = append(ords[k], c.Ord)
			}
		}
	}
	si.mu.Lock()
	if si.gen == gen {
		si.docs[doc] = ords
	}
	si.mu.Unlock()
	return ords, nil
}

// withStatements adds to hits the chunks of the statements the question
// names (a standard line alone, "net revenue", may be a segment's), of the documents it names (scope, when named) or else of the
// best hit's, that did not rank; statementsFirst then puts them first.
func (s *Searcher) withStatements(question string, hits []Hit, scope []uint64, named bool) ([]Hit, error) {
	kinds := askedStatements(question, false)
	if len(kinds) == 0 || len(hits) == 0 {
		return hits, nil
	}
	docs := []uint64{hits[0].Doc.ID}
	if named && len(scope) > 0 {
		docs = scope[:min(len(scope), maxStatementDocs)]
	}
	have := map[rowRef]bool{}
	for _, h := range hits {
		have[rowRef{h.Doc.ID, h.Chunk.Ord}] = true
	}
	var refs []ranked
	for _, d := range docs {
		ords, err := s.statementOrds(d)
		if err != nil {
			return nil, err
		}
		for _, k := range kinds {
			for _, o := range ords[k][:min(len(ords[k]), maxStatementChunks)] {
				if r := (rowRef{d, o}); !have[r] {
					have[r] = true
					refs = append(refs, ranked{ref: r})
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
	return append(hits, extra...), nil
}
