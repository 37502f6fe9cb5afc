package search

import (
	"sync"

	"quire/store"
)

// Analysing a chunk's text (regular-expression character filters, then
// Porter stems) costs about as much as BM25 itself for the thirty
// candidates the second stage reads; a question asked again, a follow-up
// or a deeper search of the same question reads mostly the same chunks.
// chunkTerms keeps the analysed terms of the chunks read last. Entries
// hold for one store generation: a chunk id is not reused while the
// store's generation stands.

// maxChunkTerms bounds the chunks remembered (about 3 MB of terms).
const maxChunkTerms = 1024

type chunkTerms struct {
	mu    sync.Mutex
	gen   uint64
	terms map[string][]string
}

// analyse returns the analysed terms of c's text, in order.
func (s *Searcher) analyse(c store.Chunk) []string {
	id := c.ID()
	gen := s.store.Generation()
	ct := &s.chunkTerms
	ct.mu.Lock()
	if ct.gen != gen || ct.terms == nil {
		ct.gen, ct.terms = gen, map[string][]string{}
	}
	seq, ok := ct.terms[id]
	ct.mu.Unlock()
	if ok {
		return seq
	}
	seq = s.store.Analyze(c.Text)
	ct.mu.Lock()
	if ct.gen == gen {
		if len(ct.terms) >= maxChunkTerms {
			clear(ct.terms)
		}
		ct.terms[id] = seq
	}
	ct.mu.Unlock()
	return seq
}
