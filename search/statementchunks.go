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

// continuedChunks is how many chunks after a statement's title chunk join
// the hits with it: a cash flow statement's forty rows run over three or
// four chunks. On the title's page they are quoted as its companions
// (spread.go); elsewhere they rank last.
const continuedChunks = 2

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

// withStatements marks the hits that are a statement the question names
// (a standard line alone, "net revenue", may be a segment's), of the
// documents it names (scope, when named) or else of the best hit's, with
// the chunks that continue it; those that did not rank join the hits.
// statementsFirst then puts them first.
func (s *Searcher) withStatements(question string, hits []Hit, scope []uint64, named bool) ([]Hit, error) {
	kinds := askedStatements(question, false)
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
	for _, d := range docs {
		ords, err := s.statementOrds(d)
		if err != nil {
			return nil, err
		}
		for _, k := range kinds {
			for _, o := range ords[k][:min(len(ords[k]), maxStatementChunks)] {
				for c := o; c <= o+continuedChunks; c++ {
					r := rowRef{d, c}
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
