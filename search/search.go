// Package search finds the chunks that answer a question: a first stage
// that over-fetches candidates (BM25 now; dense vectors fused in when an
// Embedder is present), then an optional cross-encoder Reranker that
// reorders them, cut to the top k.
package search

import (
	"context"
	"fmt"

	"quire/store"
)

// Embedder turns texts into L2-normalised vectors. Dense retrieval uses it
// when the searcher has one.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Reranker scores (query, passage) pairs; higher is more relevant. Scores
// are raw model logits, not probabilities.
type Reranker interface {
	Rerank(ctx context.Context, query string, passages []string) ([]float32, error)
}

// Options tune a Searcher. Zero values mean the defaults.
type Options struct {
	Candidates int // first-stage pool handed to the reranker (default 30)
	TopK       int // results returned (default 5)
}

func (o Options) withDefaults() Options {
	if o.Candidates <= 0 {
		o.Candidates = 30
	}
	if o.TopK <= 0 {
		o.TopK = 5
	}
	return o
}

// Searcher answers queries over one store.
type Searcher struct {
	store    *store.Store
	reranker Reranker
	opts     Options
	// asking holds the analysed forms of words that shape a question
	// but carry none of its content ("how many", "tell me"); they are
	// left out of the evidence weights, not of the BM25 query.
	asking map[string]bool
}

// New returns a searcher over st. reranker may be nil.
func New(st *store.Store, reranker Reranker, opts Options) *Searcher {
	s := &Searcher{store: st, reranker: reranker, opts: opts.withDefaults(), asking: map[string]bool{}}
	for _, t := range st.Analyze(questionWords) {
		s.asking[t] = true
	}
	return s
}

const questionWords = `how many much long often far old what which who whom whose when where why
	does do did can could would should will shall may might must tell me please give list describe explain
	show find there any kind sort type mean meaning happen happens get want need know`

// Query is one question.
type Query struct {
	Text string
	TopK int      // overrides Options.TopK when > 0
	Docs []uint64 // search only these documents; nil searches all
}

// Term is one analysed content term of the query with its weight in the
// collection.
type Term struct {
	Text string
	IDF  float64
	DF   int // chunks containing the term
}

// Hit is one chunk in the results.
type Hit struct {
	Chunk store.Chunk
	Doc   store.Document
	Score float64 // score of the stage that ranked it last
	// Coverage is the share of the query's IDF weight whose terms occur
	// in the chunk (0–1): a lexical evidence strength that is comparable
	// across queries, unlike BM25 scores.
	// Coverage and Terms are set for the first 20 hits only.
	Coverage float64
	Terms    map[string]bool // analysed terms of the chunk text
}

// Result is the outcome of one search.
type Result struct {
	Terms []Term // distinct analysed query terms
	Hits  []Hit  // best first
}

// maxEvidenceHits bounds how many hits get Terms and Coverage.
const maxEvidenceHits = 20

// Search runs the query through the first stage and the reranker.
func (s *Searcher) Search(ctx context.Context, q Query) (Result, error) {
	k := q.TopK
	if k <= 0 {
		k = s.opts.TopK
	}
	pool := max(s.opts.Candidates, k)
	terms, err := s.queryTerms(q.Text)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	found, err := s.store.SearchText(ctx, q.Text, pool, q.Docs)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	hits, err := s.load(found)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	if s.reranker != nil && len(hits) > 1 {
		if hits, err = s.rerank(ctx, q.Text, hits); err != nil {
			return Result{}, fmt.Errorf("search: %w", err)
		}
	}
	if len(hits) > k {
		hits = hits[:k]
	}
	// Evidence is measured for the hits an answer can use; deeper ranks
	// (asked for by evaluations) skip the cost of re-analysing their text.
	for i := range hits[:min(len(hits), maxEvidenceHits)] {
		hits[i].Terms = s.termSet(hits[i].Chunk.Text)
		hits[i].Coverage = Coverage(terms, hits[i].Terms)
	}
	return Result{Terms: terms, Hits: hits}, nil
}

// Analyze splits text into terms the way the index does.
func (s *Searcher) Analyze(text string) []string { return s.store.Analyze(text) }

func (s *Searcher) termSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, t := range s.store.Analyze(text) {
		set[t] = true
	}
	return set
}

func (s *Searcher) queryTerms(text string) ([]Term, error) {
	var uniq []string
	seen := map[string]bool{}
	for _, t := range s.store.Analyze(text) {
		if !seen[t] && !s.asking[t] {
			seen[t] = true
			uniq = append(uniq, t)
		}
	}
	idf, df, err := s.store.IDF(uniq)
	if err != nil {
		return nil, err
	}
	terms := make([]Term, len(uniq))
	for i, t := range uniq {
		terms[i] = Term{Text: t, IDF: idf[i], DF: df[i]}
	}
	return terms, nil
}

// Coverage is the share of the terms' IDF weight present in set.
func Coverage(terms []Term, set map[string]bool) float64 {
	var have, all float64
	for _, t := range terms {
		all += t.IDF
		if set[t.Text] {
			have += t.IDF
		}
	}
	if all == 0 {
		return 0
	}
	return have / all
}

// load fetches the chunks and documents of the first-stage hits.
func (s *Searcher) load(found []store.Hit) ([]Hit, error) {
	ids := make([]string, len(found))
	for i, h := range found {
		ids[i] = h.ChunkID
	}
	chunks, err := s.store.Chunks(ids)
	if err != nil {
		return nil, err
	}
	docs := map[uint64]store.Document{}
	hits := make([]Hit, len(found))
	for i, h := range found {
		d, ok := docs[h.DocID]
		if !ok {
			if d, err = s.store.Document(h.DocID); err != nil {
				return nil, err
			}
			docs[h.DocID] = d
		}
		hits[i] = Hit{Chunk: chunks[i], Doc: d, Score: h.Score}
	}
	return hits, nil
}
