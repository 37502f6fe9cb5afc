package llm

import (
	"testing"

	"quire/store"
)

// A document's statements are read once, and again when OCR has grown it.
func TestStatementCache(t *testing.T) {
	doc, chunk := generalMillsDoc()
	reads := 0
	counting := func(id string) (store.Chunk, error) {
		reads++
		return chunk(id)
	}
	c := NewStatementCache()
	first, err := c.read(doc, counting)
	if err != nil || len(first.rows) == 0 {
		t.Fatalf("read %d rows, %v", len(first.rows), err)
	}
	once := reads
	again, err := c.read(doc, counting)
	if err != nil || reads != once || len(again.rows) != len(first.rows) {
		t.Errorf("second read: %d chunk reads after %d, %d rows of %d, %v", reads, once, len(again.rows), len(first.rows), err)
	}
	grown := doc
	grown.Chunks++ // one chunk more, which chunk does not have: read to its end
	if _, err := c.read(grown, counting); err == nil && reads == once {
		t.Error("a grown document's statements were not read again")
	}
	// Without a cache, every read reads.
	var none *StatementCache
	before := reads
	if _, err := none.read(doc, counting); err != nil || reads == before {
		t.Errorf("no cache: %d reads, %v", reads-before, err)
	}
}
