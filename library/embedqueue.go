package library

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"quire/store"
)

// Keyword search first, the semantic index after. Extraction runs at
// hundreds of pages a second, a CPU embedder at a few: were a document
// stored only with its vectors, a large import would be unsearchable for
// hours. So an ingest run stores each document's text at once — BM25
// finds it from that moment — and queues it here; one goroutine gives the
// queued documents their vectors in the order they were stored, and
// reports its progress in chunks (Event kind Embedded). Dense search
// skips a document until its vectors are stored (the store's vector
// spans), so hybrid search meanwhile ranks it by BM25 alone.
//
// The queue holds document ids, not text: however far embedding falls
// behind, memory stays flat; each document's chunks are read back from
// the store when its turn comes. A run that is cancelled leaves the rest
// without vectors, and Reembed (which the CLI and the window run once an
// embedder is loaded) finishes them.

// embedQueue is the background embedding of one ingest run.
type embedQueue struct {
	lib      *Library
	ctx      context.Context
	progress func(done, total int) // chunks embedded of chunks queued

	mu     sync.Mutex
	wake   *sync.Cond
	queued []store.Document
	closed bool
	done   int   // chunks of the documents handled
	total  int   // chunks of the documents queued
	err    error // the first failure
	over   chan struct{}
}

func newEmbedQueue(ctx context.Context, lib *Library, progress func(done, total int)) *embedQueue {
	q := &embedQueue{lib: lib, ctx: ctx, progress: progress, over: make(chan struct{})}
	q.wake = sync.NewCond(&q.mu)
	go q.run()
	return q
}

// add queues a stored document; documents without chunks need no vectors.
func (q *embedQueue) add(d store.Document) {
	if d.Chunks == 0 {
		return
	}
	q.mu.Lock()
	q.queued = append(q.queued, d)
	q.total += d.Chunks
	done, total := q.done, q.total
	q.mu.Unlock()
	q.wake.Signal()
	q.report(done, total)
}

// finish says no more documents come and waits until the queued ones
// have their vectors, or the run is cancelled; it returns the first
// failure.
func (q *embedQueue) finish() error {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.wake.Signal()
	<-q.over
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

func (q *embedQueue) run() {
	defer close(q.over)
	stop := context.AfterFunc(q.ctx, func() {
		q.mu.Lock()
		q.wake.Broadcast()
		q.mu.Unlock()
	})
	defer stop()
	for {
		q.mu.Lock()
		for len(q.queued) == 0 && !q.closed && q.ctx.Err() == nil {
			q.wake.Wait()
		}
		if len(q.queued) == 0 || q.ctx.Err() != nil {
			q.mu.Unlock()
			return
		}
		d := q.queued[0]
		q.queued = q.queued[1:]
		q.mu.Unlock()

		err := q.lib.embedDocument(q.ctx, d.ID)
		if q.ctx.Err() != nil {
			return
		}
		q.mu.Lock()
		q.done += d.Chunks
		if err != nil && q.err == nil {
			q.err = err
		}
		done, total := q.done, q.total
		q.mu.Unlock()
		q.report(done, total)
	}
}

func (q *embedQueue) report(done, total int) {
	if q.progress != nil {
		q.progress(done, total)
	}
}

// embedDocument gives a stored document vectors from the current
// embedder. A document removed meanwhile is left alone; one that gained
// chunks meanwhile (an OCR batch) is read again.
func (l *Library) embedDocument(ctx context.Context, id uint64) error {
	for range 2 {
		d, err := l.store.Document(id)
		if errors.Is(err, store.ErrNotFound) {
			return nil // replaced, or deleted by the user
		}
		if err != nil {
			return wrapSemantic(fmt.Sprint(id), err)
		}
		if d.Embedder != "" && d.Embedder == l.embedderName() {
			return nil
		}
		chunks, err := l.store.DocChunks(id)
		if err != nil {
			return wrapSemantic(d.Name, err)
		}
		vecs, name, err := l.embed(ctx, chunks)
		if err != nil || vecs == nil {
			return wrapSemantic(d.Name, err)
		}
		if now, err := l.store.Document(id); err != nil || now.Chunks != len(vecs) {
			continue
		}
		err = l.store.SetVectors(id, name, vecs)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return wrapSemantic(d.Name, err)
	}
	return nil // changing under us: Reembed finds it later
}

func wrapSemantic(name string, err error) error {
	if err == nil {
		return nil
	}
	if diskFull(err) {
		err = fmt.Errorf("%w: %w", ErrDiskFull, err)
	}
	return fmt.Errorf("semantic index of %s: %w", name, err)
}
