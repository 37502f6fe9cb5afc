package store

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Reading a posting through Bleve (its frequency and length decoded,
// passed up through the index snapshot) costs about a hundred
// nanoseconds, and Bleve's postings have no skip data: even a look-up
// reads its way forward through every posting before the chunk looked
// up. A long question of common words made maxScore read most of the
// postings of a million chunks (one of 27 terms: 730,000 reads and
// 300,000 look-ups). Yet which chunks hold a term is in each segment's
// postings as a compressed bitmap, read at a nanosecond or two a chunk.
// boundScan reads those bitmaps first and gives every chunk a bound: the
// sum of the bounds of the terms it holds times the share of the terms
// it holds (Bleve's coordination factor), plus the same for its title.
// With the terms a chunk really holds (maxScore must assume every term
// it has not looked up), few chunks can reach the k best: a few hundred
// to a few thousand of a million. Only those are read, in index order,
// and scored exactly as maxScore scores them.
//
// Segments are scanned one at a time (a chunk's number in the index is
// its segment's offset plus its number there), so the memory is a bound
// and a count per chunk of the largest segment, kept between questions
// (scans), and the k-th best score found in one segment prunes the next.

// boundScan returns the k best chunks for the text terms with the title
// terms' bonus, over every chunk of the snapshot; false if a segment's
// postings cannot be read as bitmaps (another segment format), and then
// maxScore must be used.
func boundScan(ctx context.Context, snap *scorch.IndexSnapshot, text, title []*termPostings, k int, sc *segmentScan) ([]scored, bool, error) {
	b := &bestK{k: k, floor: math.Inf(-1)}
	// Read in order of bound, the highest first (see score).
	text = slices.Clone(text)
	slices.SortStableFunc(text, func(a, b *termPostings) int { return cmp.Compare(b.bound, a.bound) })
	var offset uint64
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		ok, err := sc.reset(seg, ss.Deleted(), text, title)
		if err != nil || !ok {
			return nil, ok, err
		}
		if err := sc.run(ctx, offset, b); err != nil {
			return nil, false, err
		}
		offset += seg.Count()
	}
	return b.sorted(), true, nil
}

// defaultScanShare: boundScan's fixed cost is a bound per chunk of the
// library, cleared and read for every question; maxScore's cost is the
// postings it reads. Each question of the evaluation sets asked both
// ways in one process (the best of three times each, load average
// about 14-18), by the share of the chunks that the terms' postings
// number. At a million chunks (the first 200 questions): below half,
// maxScore took 1.2 s in all and boundScan 1.8 s; from half to one, 3.0
// and 3.1 s; above one, 10.1 and 5.8 s. In the growing library of the
// four sets and the corpus (46,124 chunks, 347 questions): below a
// quarter 46 and 39 ms, a quarter to a half 253 and 170 ms, half to one
// 685 and 343 ms, above one 1,225 and 796 ms. The top 30 were the same
// both ways for every question, with the same scores.
const defaultScanShare = 0.5

// scanPays says whether boundScan should answer the question of text
// terms ts, in a library of n chunks.
func (s *Store) scanPays(ts []*termPostings, n float64) bool {
	var postings uint64
	for _, t := range ts {
		postings += t.tfr.Count()
	}
	return float64(postings) > s.scanShare*n
}

// scans keeps one segmentScan between questions: at a million chunks
// its bounds are megabytes, which a new one for each question would
// clear and hand back to the system question after question. A
// question asked while another runs gets a new one.
type scans struct {
	mu   sync.Mutex
	free *segmentScan
}

func (c *scans) get() *segmentScan {
	c.mu.Lock()
	defer c.mu.Unlock()
	sc := c.free
	c.free = nil
	if sc == nil {
		sc = new(segmentScan)
	}
	return sc
}

func (c *scans) put(sc *segmentScan) {
	c.mu.Lock()
	c.free = sc
	c.mu.Unlock()
}

// segmentScan is one segment's postings of the question's terms and the
// bound of each of its chunks.
type segmentScan struct {
	text, title     []segmentTerm
	textSum, tSum   []float64 // per chunk: the bounds of the terms it holds
	textCnt, tCnt   []uint16  // per chunk: how many terms it holds
	m, mt           float64   // the number of text and title terms
	textScores      []float64 // a chunk's scores, by term (sumOrder)
	titleScores     []float64
	hasTitleMatches bool // whether any chunk's title holds a term
}

// segmentTerm is one term's postings in one segment.
type segmentTerm struct {
	t    *termPostings
	pl   segment.PostingsList
	bm   *roaring.Bitmap // the chunks that hold it; nil with one
	one  uint64          // the chunk, when bm is nil and has is set
	has  bool            // whether any chunk of the segment holds it
	it   segment.PostingsIterator
	cur  uint64 // the iterator's chunk, when started
	on   bool   // whether the iterator has a current chunk
	done bool   // whether the iterator is spent
}

// reset reads the terms' postings in seg, leaving out deleted chunks,
// and sums the chunks' bounds; false if the postings are not bitmaps.
func (sc *segmentScan) reset(seg segment.Segment, deleted *roaring.Bitmap, text, title []*termPostings) (bool, error) {
	n := int(seg.Count())
	sc.m, sc.mt = float64(len(text)), float64(len(title))
	sc.textSum = resized(sc.textSum, n)
	sc.textCnt = resized(sc.textCnt, n)
	var ok bool
	var err error
	if sc.text, ok, err = openSegmentTerms(seg, deleted, text, sc.text[:0]); err != nil || !ok {
		return ok, err
	}
	if sc.title, ok, err = openSegmentTerms(seg, deleted, title, sc.title[:0]); err != nil || !ok {
		return ok, err
	}
	for _, st := range sc.text {
		addBounds(st, sc.textSum, sc.textCnt)
	}
	sc.hasTitleMatches = false
	for _, st := range sc.title {
		sc.hasTitleMatches = sc.hasTitleMatches || st.has
	}
	if sc.hasTitleMatches {
		sc.tSum = resized(sc.tSum, n)
		sc.tCnt = resized(sc.tCnt, n)
		for _, st := range sc.title {
			addBounds(st, sc.tSum, sc.tCnt)
		}
	}
	return true, nil
}

// resized is s cleared to length n, reusing its memory.
func resized[T float64 | uint16](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// openSegmentTerms reads the postings of ts in seg, with their bitmaps;
// false if an iterator does not give its bitmap.
func openSegmentTerms(seg segment.Segment, deleted *roaring.Bitmap, ts []*termPostings, out []segmentTerm) ([]segmentTerm, bool, error) {
	var dict segment.TermDictionary
	var field string
	for _, t := range ts {
		if dict == nil || t.field != field {
			var err error
			if dict, err = seg.Dictionary(t.field); err != nil {
				return nil, false, fmt.Errorf("dictionary of %s: %w", t.field, err)
			}
			field = t.field
		}
		pl, err := dict.PostingsList([]byte(t.term), deleted, nil)
		if err != nil {
			return nil, false, fmt.Errorf("postings of %s:%q: %w", t.field, t.term, err)
		}
		st := segmentTerm{t: t, pl: pl}
		opt, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator)
		if !ok {
			return nil, false, nil
		}
		if st.bm = opt.ActualBitmap(); st.bm != nil {
			st.has = !st.bm.IsEmpty()
		} else {
			st.one, st.has = opt.DocNum1Hit()
		}
		out = append(out, st)
	}
	return out, true, nil
}

// addBounds adds the term's bound to the sum, and one to the count, of
// every chunk that holds it.
func addBounds(st segmentTerm, sum []float64, cnt []uint16) {
	b := st.t.bound
	if st.bm == nil {
		if st.has {
			sum[st.one] += b
			cnt[st.one]++
		}
		return
	}
	var buf [256]uint32
	it := st.bm.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for _, d := range buf[:n] {
			sum[d] += b
			cnt[d]++
		}
	}
}

// bound is chunk d's bound, as maxScore bounds a chunk whose terms are
// all looked up: zero for a chunk that holds no text term.
func (sc *segmentScan) bound(d uint32) float64 {
	c := sc.textCnt[d]
	if c == 0 {
		return 0
	}
	b := sc.textSum[d] * float64(c) / sc.m
	if sc.hasTitleMatches && sc.tCnt[d] > 0 {
		b += sc.tSum[d] * float64(sc.tCnt[d]) / sc.mt
	}
	return b * slack
}

// run reads the segment's chunks in index order and scores exactly
// those whose bound is above the k-th best score so far. One pass: each
// term's postings are read forward once. Before the first k are held,
// the chunks of highest bound are scored first (bootstrap), so that the
// pass starts with a k-th best score near the final one.
func (sc *segmentScan) run(ctx context.Context, offset uint64, b *bestK) error {
	if len(b.h) < b.k {
		if err := sc.bootstrap(offset, b); err != nil {
			return err
		}
	}
	sc.restart()
	for d, c := range sc.textCnt {
		if d&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if c == 0 || sc.bound(uint32(d)) <= b.floor {
			continue
		}
		if err := sc.score(uint32(d), offset, b); err != nil {
			return err
		}
	}
	return nil
}

// bootstrap scores the bootstrapSize chunks of highest bound among the
// first eighth of the segment and leaves them out of the pass that
// follows. Only an eighth: reaching a chunk reads its way through the
// postings before it, and a part of a large segment gives a k-th best
// score near enough.
func (sc *segmentScan) bootstrap(offset uint64, b *bestK) error {
	var top boundHeap
	part := sc.textCnt[:min(len(sc.textCnt), max(len(sc.textCnt)/8, 4096))]
	for d, c := range part {
		if c == 0 {
			continue
		}
		ub := sc.bound(uint32(d))
		switch {
		case len(top) < bootstrapSize:
			top.push(boundOf{uint32(d), ub})
		case ub > top[0].ub:
			top.replaceTop(boundOf{uint32(d), ub})
		}
	}
	slices.SortFunc(top, func(a, c boundOf) int { return cmp.Compare(a.doc, c.doc) })
	sc.restart()
	for _, t := range top {
		if err := sc.score(t.doc, offset, b); err != nil {
			return err
		}
	}
	for _, t := range top {
		sc.textCnt[t.doc] = 0
	}
	return nil
}

// bootstrapSize is how many chunks are scored before the pass: enough
// for a k-th best score near the final one when k is a hybrid pool.
const bootstrapSize = 128

// restart readies every term's postings to be read from the start.
func (sc *segmentScan) restart() {
	sc.textScores = resized(sc.textScores, int(sc.m))
	sc.titleScores = resized(sc.titleScores, int(sc.mt))
	for i := range sc.text {
		sc.text[i].restart()
	}
	for i := range sc.title {
		sc.title[i].restart()
	}
}

// score reads chunk d's postings and offers it, scored exactly as
// maxScore scores it, to b. The terms are read in order of bound, the
// highest first, and the chunk is given up as soon as what it may still
// score is no more than the k-th best: each read lowers its bound to
// its exact score.
func (sc *segmentScan) score(d uint32, offset uint64, b *bestK) error {
	clear(sc.textScores)
	held := float64(sc.textCnt[d])
	rest := sc.textSum[d] // the bounds of the held terms not yet read
	var titleBound float64
	if sc.hasTitleMatches && sc.tCnt[d] > 0 {
		titleBound = sc.tSum[d] * float64(sc.tCnt[d]) / sc.mt
	}
	var exact float64
	matched := 0
	for i := range sc.text {
		st := &sc.text[i]
		if !st.holds(d) {
			continue
		}
		if ((exact+rest)*held/sc.m+titleBound)*slack <= b.floor {
			return nil
		}
		rest -= st.t.bound
		p, err := st.at(d)
		if err != nil {
			return err
		}
		if p == nil {
			held--
			continue
		}
		s := st.t.scoreOf(p.Frequency(), p.Norm())
		sc.textScores[st.t.pos] = s
		exact += s
		matched++
	}
	if matched == 0 {
		return nil
	}
	var sum float64
	for _, s := range sc.textScores {
		sum += s
	}
	score := sum * (float64(matched) / sc.m)
	bonus, err := sc.titleBonus(d)
	if err != nil {
		return err
	}
	if bonus > 0 {
		score += bonus
	}
	b.offer(scored{offset + uint64(d), score})
	return nil
}

// titleBonus is what chunk d's title adds, as titleBonus computes it.
func (sc *segmentScan) titleBonus(d uint32) (float64, error) {
	clear(sc.titleScores)
	matched := 0
	for i := range sc.title {
		st := &sc.title[i]
		p, err := st.at(d)
		if err != nil {
			return 0, err
		}
		if p != nil {
			sc.titleScores[st.t.pos] = st.t.scoreOf(p.Frequency(), p.Norm())
			matched++
		}
	}
	if matched == 0 {
		return 0, nil
	}
	var sum float64
	for _, s := range sc.titleScores {
		sum += s
	}
	return sum * (float64(matched) / sc.mt), nil
}

// restart readies the term's postings to be read from the start.
func (st *segmentTerm) restart() {
	st.on, st.done = false, !st.has
	if st.has {
		st.it = st.pl.Iterator(true, true, false, st.it)
	}
}

// at is the term's posting of chunk d, nil if d does not hold the term.
// Chunks are asked for in index order; Bleve's iterator reads its way
// forward to the chunk asked for, so a term is only asked for chunks
// its bitmap holds.
func (st *segmentTerm) at(d uint32) (segment.Posting, error) {
	if st.done || (st.on && st.cur >= uint64(d)) || !st.holds(d) {
		return nil, nil
	}
	p, err := st.it.Advance(uint64(d))
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%q: %w", st.t.field, st.t.term, err)
	}
	if p == nil {
		st.done = true
		return nil, nil
	}
	st.cur, st.on = p.Number(), true
	if st.cur != uint64(d) {
		return nil, nil
	}
	return p, nil
}

// holds says whether chunk d holds the term, by its bitmap.
func (st *segmentTerm) holds(d uint32) bool {
	if st.bm == nil {
		return st.has && st.one == uint64(d)
	}
	return st.bm.Contains(d)
}

// boundOf is a chunk of a segment and its bound.
type boundOf struct {
	doc uint32
	ub  float64
}

// boundHeap is a min-heap of bounds: the bootstrap's chunks while they
// are chosen, the lowest on top.
type boundHeap []boundOf

func (h *boundHeap) push(x boundOf) {
	*h = append(*h, x)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if s[p].ub <= s[i].ub {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h boundHeap) replaceTop(x boundOf) {
	h[0] = x
	for i := 0; ; {
		l, small := 2*i+1, i
		if l < len(h) && h[l].ub < h[small].ub {
			small = l
		}
		if r := l + 1; r < len(h) && h[r].ub < h[small].ub {
			small = r
		}
		if small == i {
			return
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
}

// bestK holds the k best chunks offered: of higher score, or of equal
// score indexed first, as Bleve's collector keeps them.
type bestK struct {
	k     int
	h     worstFirst
	floor float64 // the k-th best score once k are held, else −∞
}

// offer keeps s if it is among the k best so far.
func (b *bestK) offer(s scored) {
	switch {
	case len(b.h) < b.k:
		heap.Push(&b.h, s)
	case worse(b.h[0], s):
		b.h[0] = s
		heap.Fix(&b.h, 0)
	default:
		return
	}
	if len(b.h) == b.k {
		b.floor = b.h[0].score
	}
}

// worse says whether a ranks below b.
func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// sorted is the k best, best first.
func (b *bestK) sorted() []scored {
	out := slices.Clone(b.h)
	slices.SortFunc(out, func(a, c scored) int {
		if a.score != c.score {
			return cmp.Compare(c.score, a.score)
		}
		return cmp.Compare(a.doc, c.doc)
	})
	return out
}
