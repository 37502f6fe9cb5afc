package search

import (
	"container/heap"
	"fmt"
	"math"
	"sync"

	"quire/store"
)

// denseIndex is an exact nearest-neighbour index over the chunk vectors of
// one embedder: a contiguous float32 matrix, one row per chunk, scanned in
// full for every query. Optionally it keeps an int8 copy (one scale per
// row) that is scanned instead: a quarter of the memory traffic.
//
// It follows the store by generation: refresh loads the vectors of new
// documents and drops those of removed ones, without rereading the rest.
type denseIndex struct {
	mu       sync.RWMutex
	embedder string // only vectors made by this model are loaded
	int8     bool
	gen      uint64
	dim      int
	rows     []rowRef
	vecs     []float32
	q        []int8
	scales   []float32
	docs     map[uint64]bool
}

type rowRef struct {
	doc uint64
	ord int
}

func newDenseIndex(embedder string, int8 bool) *denseIndex {
	return &denseIndex{embedder: embedder, int8: int8, docs: map[uint64]bool{}, gen: math.MaxUint64}
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
	docs, err := st.Documents()
	if err != nil {
		return fmt.Errorf("dense index: %w", err)
	}
	want := map[uint64]bool{}
	for _, doc := range docs {
		if doc.Embedder == d.embedder && doc.Chunks > 0 {
			want[doc.ID] = true
		}
	}
	d.drop(want)
	for id := range want {
		if d.docs[id] {
			continue
		}
		vecs, err := st.DocVectors(id)
		if err != nil {
			return fmt.Errorf("dense index: %w", err)
		}
		if err := d.add(id, vecs); err != nil {
			return err
		}
	}
	d.gen = gen
	return nil
}

// drop removes the rows of documents not in keep, compacting in place.
func (d *denseIndex) drop(keep map[uint64]bool) {
	gone := false
	for id := range d.docs {
		if !keep[id] {
			delete(d.docs, id)
			gone = true
		}
	}
	if !gone {
		return
	}
	w := 0
	for r, ref := range d.rows {
		if !keep[ref.doc] {
			continue
		}
		d.rows[w] = ref
		copy(d.vecs[w*d.dim:(w+1)*d.dim], d.vecs[r*d.dim:(r+1)*d.dim])
		if d.int8 {
			copy(d.q[w*d.dim:(w+1)*d.dim], d.q[r*d.dim:(r+1)*d.dim])
			d.scales[w] = d.scales[r]
		}
		w++
	}
	d.rows = d.rows[:w]
	d.vecs = d.vecs[:w*d.dim]
	if d.int8 {
		d.q, d.scales = d.q[:w*d.dim], d.scales[:w]
	}
}

func (d *denseIndex) add(doc uint64, vecs [][]float32) error {
	for ord, v := range vecs {
		if d.dim == 0 {
			d.dim = len(v)
		}
		if len(v) != d.dim {
			return fmt.Errorf("dense index: document %d has %d-dimensional vectors, want %d", doc, len(v), d.dim)
		}
		d.rows = append(d.rows, rowRef{doc: doc, ord: ord})
		d.vecs = append(d.vecs, v...)
		if d.int8 {
			q, scale := quantize(v)
			d.q = append(d.q, q...)
			d.scales = append(d.scales, scale)
		}
	}
	d.docs[doc] = true
	return nil
}

// size is the number of vectors held.
func (d *denseIndex) size() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.rows)
}

// search returns the n rows most similar to the query (dot product of
// normalised vectors, i.e. cosine), best first, among the given documents
// (all when only is nil).
func (d *denseIndex) search(query []float32, n int, only map[uint64]bool) ([]scored, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if len(d.rows) == 0 {
		return nil, nil
	}
	if len(query) != d.dim {
		return nil, fmt.Errorf("dense search: query has %d dimensions, index %d", len(query), d.dim)
	}
	top := &minHeap{}
	var qq []int8
	var qscale float32
	if d.int8 {
		qq, qscale = quantize(query)
	}
	for r, ref := range d.rows {
		if only != nil && !only[ref.doc] {
			continue
		}
		var s float32
		if d.int8 {
			s = float32(dotInt8(qq, d.q[r*d.dim:(r+1)*d.dim])) * qscale * d.scales[r]
		} else {
			s = dot(query, d.vecs[r*d.dim:(r+1)*d.dim])
		}
		if top.Len() < n {
			heap.Push(top, scored{ref: ref, score: float64(s)})
		} else if float64(s) > (*top)[0].score {
			(*top)[0] = scored{ref: ref, score: float64(s)}
			heap.Fix(top, 0)
		}
	}
	out := make([]scored, top.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(top).(scored)
	}
	return out, nil
}

type scored struct {
	ref   rowRef
	score float64
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

// dot is unrolled by four: the scan is bound by memory bandwidth, and the
// unrolling lets the compiler keep four sums in registers.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

func dotInt8(a, b []int8) int32 {
	b = b[:len(a)]
	var s int32
	for i := range a {
		s += int32(a[i]) * int32(b[i])
	}
	return s
}

// quantize maps v to int8 with one symmetric scale: v ≈ q × scale.
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
