package search

import (
	"cmp"
	"context"
	"fmt"
	"sort"
	"time"

	"quire/store"
)

// ranked is a first-stage result: a chunk with its fused score and the
// rank each retriever gave it (0 if it did not find it).
type ranked struct {
	ref         rowRef
	score       float64
	bm25, dense int
}

// rankedOf returns the store's hits as candidates, in their order.
func rankedOf(found []store.Hit) []ranked {
	refs := make([]ranked, len(found))
	for i, f := range found {
		refs[i] = ranked{ref: rowRef{f.DocID, f.Ord}, score: f.Score}
	}
	return refs
}

// firstStage returns up to n candidates for the query's mode.
func (s *Searcher) firstStage(ctx context.Context, q Query, n int, tm *Timing) ([]ranked, error) {
	var lexical, dense []scored
	var err, denseErr error
	useDense := q.Mode != ModeBM25 && s.models.Embedder != nil
	// The two retrievers run at once: embedding the question and
	// scanning the vectors take as long as BM25 on a large library.
	done := make(chan struct{})
	go func() {
		defer close(done)
		if useDense {
			dense, denseErr = s.denseSearch(ctx, q, n, tm)
		}
	}()
	if q.Mode != ModeDense {
		t := time.Now()
		lexical, err = s.bm25(ctx, q, n)
		tm.BM25 = time.Since(t)
	}
	<-done
	if err = cmp.Or(err, denseErr); err != nil {
		return nil, err
	}
	if !useDense {
		return fromList(lexical, true), nil
	}
	if q.Mode == ModeDense {
		return fromList(dense, false), nil
	}
	return s.fuse(lexical, dense, n), nil
}

func (s *Searcher) bm25(ctx context.Context, q Query, n int) ([]scored, error) {
	hits, err := s.store.SearchTextAlso(ctx, q.Text, q.also, n, q.Docs, q.within)
	if err != nil {
		return nil, err
	}
	out := make([]scored, len(hits))
	for i, h := range hits {
		out[i] = scored{ref: rowRef{doc: h.DocID, ord: h.Ord}, score: h.Score}
	}
	return out, nil
}

func (s *Searcher) denseSearch(ctx context.Context, q Query, n int, tm *Timing) ([]scored, error) {
	if err := s.dense.refresh(s.store); err != nil {
		return nil, err
	}
	t := time.Now()
	vec, err := s.embedQuery(ctx, q.Text)
	if err != nil {
		return nil, err
	}
	tm.Embed = time.Since(t)
	var only map[uint64]bool
	if q.Docs != nil {
		only = map[uint64]bool{}
		for _, d := range q.Docs {
			only[d] = true
		}
	}
	t = time.Now()
	out, err := s.dense.search(vec, n, only)
	tm.Dense = time.Since(t)
	return out, err
}

func (s *Searcher) embedQuery(ctx context.Context, text string) ([]float32, error) {
	if qe, ok := s.models.Embedder.(QueryEmbedder); ok {
		v, err := qe.EmbedQuery(ctx, text)
		if err != nil {
			return nil, fmt.Errorf("embed query: %w", err)
		}
		return v, nil
	}
	vs, err := s.models.Embedder.Embed(ctx, []string{text})
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vs) != 1 {
		return nil, fmt.Errorf("embed query: %d vectors for one text", len(vs))
	}
	return vs[0], nil
}

func fromList(list []scored, lexical bool) []ranked {
	out := make([]ranked, len(list))
	for i, x := range list {
		out[i] = ranked{ref: x.ref, score: x.score}
		if lexical {
			out[i].bm25 = i + 1
		} else {
			out[i].dense = i + 1
		}
	}
	return out
}

// fuse merges the two lists, by weighted reciprocal rank fusion,
// Σ w / (k + rank), or by a blend of min–max normalised scores.
func (s *Searcher) fuse(lexical, dense []scored, n int) []ranked {
	byRef := map[rowRef]*ranked{}
	var order []rowRef
	add := func(list []scored, w float64, lex bool) {
		lo, hi := scoreRange(list)
		for i, x := range list {
			r := byRef[x.ref]
			if r == nil {
				r = &ranked{ref: x.ref}
				byRef[x.ref] = r
				order = append(order, x.ref)
			}
			if lex {
				r.bm25 = i + 1
			} else {
				r.dense = i + 1
			}
			if s.opts.Fusion == "blend" {
				if hi > lo {
					r.score += w * (x.score - lo) / (hi - lo)
				} else {
					r.score += w
				}
			} else {
				r.score += w / (s.opts.RRFK + float64(i+1))
			}
		}
	}
	add(lexical, s.opts.WeightBM25, true)
	add(dense, s.opts.WeightDense, false)
	out := make([]ranked, len(order))
	for i, ref := range order {
		out[i] = *byRef[ref]
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func scoreRange(list []scored) (lo, hi float64) {
	for i, x := range list {
		if i == 0 || x.score < lo {
			lo = x.score
		}
		if i == 0 || x.score > hi {
			hi = x.score
		}
	}
	return lo, hi
}
