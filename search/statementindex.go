package search

import (
	"sync"

	"quire/store"
)

// Finding a document's statements reads all its chunks: some 10 ms for a
// 10-K, 200 for a long manual. So they are found when the document is
// indexed (FindStatements) and kept in its record. A document indexed
// before that, or one whose chunks OCR has added to since, has them
// found at its first question that names a statement and remembered
// here, keyed by its chunk count (which OCR changes), not by the store's
// generation, which every ingest moves.

// FindStatements finds the chunks of a document, in order from its first,
// that carry a statement's title, for its record.
func FindStatements(chunks []store.Chunk) *store.Statements {
	st := &store.Statements{Chunks: len(chunks), Ords: make([][]int, len(statements))}
	for i, c := range chunks {
		for k := range statements {
			if isStatement(c.Text, statements[k:k+1]) {
				st.Ords[k] = append(st.Ords[k], i)
			}
		}
	}
	return st
}

// statementIndex remembers the statements found of documents whose
// record holds none that is current.
type statementIndex struct {
	mu   sync.Mutex
	docs map[uint64]*store.Statements
}

// ords returns the ordinals of the document's chunks that carry each
// kind of statement's title, in document order.
func (si *statementIndex) ords(st *store.Store, d store.Document) ([][]int, error) {
	if f := d.Statements; f != nil && f.Chunks == d.Chunks && len(f.Ords) <= len(statements) {
		return append(f.Ords, make([][]int, len(statements)-len(f.Ords))...), nil
	}
	si.mu.Lock()
	f, ok := si.docs[d.ID]
	si.mu.Unlock()
	if ok && f.Chunks == d.Chunks {
		return f.Ords, nil
	}
	chunks, err := st.DocChunks(d.ID)
	if err != nil {
		return nil, err
	}
	f = FindStatements(chunks)
	f.Chunks = d.Chunks
	si.mu.Lock()
	if si.docs == nil {
		si.docs = map[uint64]*store.Statements{}
	}
	si.docs[d.ID] = f
	si.mu.Unlock()
	return f.Ords, nil
}
