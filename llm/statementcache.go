package llm

import (
	"sync"

	"quire/store"
)

// Reading a filing's statements (docChunks, statementRows) took a fifth
// of a FinanceBench question's time, and one question may read them three
// times (a look-up, a superlative, a growth rate). A StatementCache keeps
// what was read, per document and the chunks it had: a document grown by
// OCR is read again, and a document's id is never given to another.

// maxCachedStatements bounds the documents whose statements are kept.
const maxCachedStatements = 64

// StatementCache keeps the statements read from a library's documents
// across questions. It is safe for concurrent use; its zero value is not
// usable, make it with NewStatementCache.
type StatementCache struct {
	mu   sync.Mutex
	docs map[stmtKey]stmtDoc
}

type stmtKey struct {
	id     uint64
	chunks int
}

// NewStatementCache returns an empty cache.
func NewStatementCache() *StatementCache {
	return &StatementCache{docs: map[stmtKey]stmtDoc{}}
}

// read returns doc's statements, from the cache or read with chunk. What
// it returns is shared: callers do not change it.
func (c *StatementCache) read(doc store.Document, chunk func(id string) (store.Chunk, error)) (stmtDoc, error) {
	k := stmtKey{doc.ID, doc.Chunks}
	if c != nil {
		c.mu.Lock()
		d, ok := c.docs[k]
		c.mu.Unlock()
		if ok {
			return d, nil
		}
	}
	chunks, err := docChunks(doc, chunk)
	if err != nil {
		return stmtDoc{}, err
	}
	d := stmtDoc{doc: doc, chunks: chunks, rows: statementRows(chunks)}
	if c != nil {
		c.mu.Lock()
		if len(c.docs) >= maxCachedStatements {
			clear(c.docs) // a new working set: the filings asked about now
		}
		c.docs[k] = d
		c.mu.Unlock()
	}
	return d, nil
}
