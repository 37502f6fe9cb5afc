package search

import (
	"container/heap"
	"fmt"
	"math"
	"runtime"
	"sync"

	"quire/store"
)

// denseIndex is an exact nearest-neighbour search over the chunk vectors
// of one embedder: every live row of the store's int8 vector file is
// scored for every query. The file is mapped, not read: building or
// refreshing the index costs one small record per document (its span of
// rows), so opening a library is as fast with a million vectors as with
// none, and the vectors' pages are the kernel's file cache, not the
// process's heap. The scan runs on every core for large libraries.
//
// It follows the store by generation: refresh rereads the spans and maps
// the file again when it has grown.
type denseIndex struct {
	mu       sync.RWMutex
	embedder string // only vectors made by this model are searched
	gen      uint64
	vecs     *mapping
	spans    []store.VectorSpan // live documents, in row order
	byDoc    map[uint64]int     // document → its index in spans
	rows     int                // live rows
}

// mapping holds the mapped file apart from the index, so that a cleanup
// can close it once the index is unreachable (Searchers are replaced,
// not closed, when models change).
type mapping struct{ v *store.Vectors }

func (m *mapping) close() {
	if m.v != nil {
		m.v.Close()
		m.v = nil
	}
}

func newDenseIndex(embedder string) *denseIndex {
	d := &denseIndex{embedder: embedder, gen: math.MaxUint64, vecs: &mapping{}}
	runtime.AddCleanup(d, (*mapping).close, d.vecs)
	return d
}

// refresh brings the index up to date with the store.
func (d *denseIndex) refresh(st *store.Store) error {
	gen := st.Generation()
	d.mu.RLock()
	fresh := d.gen == gen
	d.mu.RUnlock()
	if fresh {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.gen == gen {
		return nil
	}
	spans, err := st.VectorSpans(d.embedder)
	if err != nil {
		return fmt.Errorf("dense index: %w", err)
	}
	need := 0
	for _, sp := range spans {
		need = max(need, sp.Row+sp.Count)
	}
	if need > 0 && (d.vecs.v == nil || d.vecs.v.Len() < need) {
		d.vecs.close()
		v, err := st.OpenVectors(d.embedder)
		if err != nil {
			return fmt.Errorf("dense index: %w", err)
		}
		d.vecs.v = v
		if v.Len() < need {
			return fmt.Errorf("dense index: spans name %d rows, the vector file holds %d", need, v.Len())
		}
	}
	d.spans, d.rows = spans, 0
	d.byDoc = make(map[uint64]int, len(spans))
	for i, sp := range spans {
		d.byDoc[sp.Doc] = i
		d.rows += sp.Count
	}
	d.gen = gen
	return nil
}

// size is the number of vectors searched.
func (d *denseIndex) size() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.rows
}

// minParallelRows is the library size from which the scan is split
// across cores: below it, starting goroutines costs more than it saves.
const minParallelRows = 50_000

// search returns the n rows most similar to the query (dot product of
// normalised vectors, i.e. cosine, on int8 values), best first, among
// the given documents (all when only is nil).
func (d *denseIndex) search(query []float32, n int, only map[uint64]bool) ([]scored, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.rows == 0 || n <= 0 {
		return nil, nil
	}
	v := d.vecs.v
	if len(query) != v.Dim() {
		return nil, fmt.Errorf("dense search: query has %d dimensions, index %d", len(query), v.Dim())
	}
	spans := d.spans
	if only != nil {
		spans = nil
		for doc := range only {
			if i, ok := d.byDoc[doc]; ok {
				spans = append(spans, d.spans[i])
			}
		}
	}
	qq, qscale := quantize(query)
	parts := splitSpans(spans, d.rows, min(runtime.NumCPU(), max(1, d.rows/minParallelRows)))
	tops := make([]minHeap, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tops[i] = scan(v, part, qq, qscale, n)
		}()
	}
	wg.Wait()
	top := &minHeap{}
	for _, t := range tops {
		for _, s := range t {
			offer(top, s, n)
		}
	}
	out := make([]scored, top.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(top).(scored)
	}
	return out, nil
}

// rowSpan is a run of rows lo..hi−1 of one document whose first row is
// first: row r holds the chunk of ordinal r − first.
type rowSpan struct {
	doc           uint64
	first, lo, hi int
}

// splitSpans cuts spans into k parts of about equal rows, splitting a
// document's span where needed.
func splitSpans(spans []store.VectorSpan, rows, k int) [][]rowSpan {
	per := max((rows+k-1)/k, 1)
	var parts [][]rowSpan
	var cur []rowSpan
	have := 0
	for _, sp := range spans {
		for lo := sp.Row; lo < sp.Row+sp.Count; {
			hi := min(sp.Row+sp.Count, lo+per-have)
			cur = append(cur, rowSpan{doc: sp.Doc, first: sp.Row, lo: lo, hi: hi})
			have += hi - lo
			lo = hi
			if have == per {
				parts, cur, have = append(parts, cur), nil, 0
			}
		}
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

// scan scores the rows of spans and keeps the best n.
func scan(v *store.Vectors, spans []rowSpan, qq []int8, qscale float32, n int) minHeap {
	top := &minHeap{}
	for _, sp := range spans {
		for r := sp.lo; r < sp.hi; r++ {
			q, scale := v.Row(r)
			s := float64(float32(dotInt8(qq, q)) * qscale * scale)
			if top.Len() == n && s <= (*top)[0].score {
				continue
			}
			offer(top, scored{ref: rowRef{doc: sp.doc, ord: r - sp.first}, score: s}, n)
		}
	}
	return *top
}

func offer(top *minHeap, s scored, n int) {
	if top.Len() < n {
		heap.Push(top, s)
	} else if s.score > (*top)[0].score {
		(*top)[0] = s
		heap.Fix(top, 0)
	}
}

type scored struct {
	ref   rowRef
	score float64
}

type rowRef struct {
	doc uint64
	ord int
}

type minHeap []scored

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i].score < h[j].score }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// quantize maps v to int8 with one symmetric scale: v ≈ q × scale, as
// the store quantises the rows.
func quantize(v []float32) ([]int8, float32) {
	var m float32
	for _, x := range v {
		m = max(m, float32(math.Abs(float64(x))))
	}
	q := make([]int8, len(v))
	if m == 0 {
		return q, 0
	}
	scale := m / 127
	for i, x := range v {
		q[i] = int8(math.Round(float64(x / scale)))
	}
	return q, scale
}
