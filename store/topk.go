package store

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve scores every posting of every term of a question: at a million
// chunks a common word ("service", "report") has hundreds of thousands of
// them, and BM25 took most of a hybrid question's time. topK gives the
// same hits with the same scores (Bleve's formula, computed here from the
// same postings) while skipping most postings, by max-score pruning
// (Turtle and Flood, 1995): a term's score in any chunk is below
// idf·weight·k1, so once k chunks are held, the chunks that hold only the
// terms of smallest bound cannot enter the k and those terms' postings
// are only looked up for chunks another term found, never walked.
//
// The query it answers is SearchText's in English: the chunk must hold
// one of the text terms (and, given documents, be one of theirs); its
// score is the sum of the matched terms' scores times the share of the
// terms matched (Bleve's coordination factor), plus the same for the
// title terms; ties go to the chunk indexed first, as in Bleve's
// collector. Given documents, their chunks are the candidates and every
// term is looked up: a few documents' chunks are far fewer than a
// common term's postings.

// Without documents to search within, a question of many common words is
// answered by boundScan (boundscan.go), which reads the postings'
// bitmaps first and the postings of a few thousand chunks only.

// topK returns the k best chunks for the text terms, with the title terms'
// bonus, under stats; with docs, of those documents only.
func (s *Store) topK(ctx context.Context, r index.IndexReader, stats *search.BM25Stats, text, title []weightedTerm, docs []uint64, k int) ([]Hit, error) {
	if k <= 0 || len(text) == 0 {
		return nil, nil
	}
	var filter []weightedTerm
	for _, d := range docs {
		filter = append(filter, weightedTerm{term: strconv.FormatUint(d, 10), field: fieldDoc})
	}
	fs, err := openTerms(ctx, r, stats, filter)
	if err != nil {
		return nil, err
	}
	defer closeTerms(fs)
	ts, err := openTerms(ctx, r, stats, text)
	if err != nil {
		return nil, err
	}
	defer closeTerms(ts)
	us, err := openTerms(ctx, r, stats, title)
	if err != nil {
		return nil, err
	}
	defer closeTerms(us)
	norm := 1 / math.Sqrt(squaredWeights(ts)+squaredWeights(us))
	for _, t := range append(slices.Clone(ts), us...) {
		t.weight = t.boost * t.idf * norm
		t.bound = t.idf * search.BM25_k1 * t.weight
	}
	if snap, ok := r.(*scorch.IndexSnapshot); ok && len(fs) == 0 && s.scanPays(ts, stats.DocCount) {
		sc := s.scans.get()
		best, ok, err := boundScan(ctx, snap, ts, us, k, sc)
		s.scans.put(sc)
		if err != nil {
			return nil, err
		}
		if ok {
			return hitsOf(r, best)
		}
	}
	best, err := maxScore(ctx, ts, us, fs, k)
	if err != nil {
		return nil, err
	}
	return hitsOf(r, best)
}

// termPostings walks one term's postings in one field, in index order.
type termPostings struct {
	weightedTerm
	tfr         index.TermFieldReader
	cur         *index.TermFieldDoc // nil once the postings are spent
	doc         uint64              // cur's internal number
	idf, avgLen float64
	weight      float64 // Bleve's query weight: boost·idf·query norm
	bound       float64 // no chunk's score for this term reaches it
	pos         int     // the term's place in Bleve's sums (sumOrder)
}

func openTerms(ctx context.Context, r index.IndexReader, stats *search.BM25Stats, ws []weightedTerm) ([]*termPostings, error) {
	var ts []*termPostings
	for i, w := range ws {
		tfr, err := r.TermFieldReader(ctx, []byte(w.term), w.field, true, true, false)
		if err != nil {
			closeTerms(ts)
			return nil, fmt.Errorf("postings of %s:%q: %w", w.field, w.term, err)
		}
		t := &termPostings{weightedTerm: w, tfr: tfr, pos: i}
		ts = append(ts, t)
		n, df := stats.DocCount, float64(tfr.Count())
		t.idf = math.Log(1 + (n-df+0.5)/(df+0.5))
		// As Bleve's term searcher takes it: the ceiling of the field's
		// mean length.
		t.avgLen = math.Ceil(float64(stats.FieldCardinality[w.field]) / n)
		if err := t.next(); err != nil {
			closeTerms(ts)
			return nil, err
		}
	}
	sumOrder(ts)
	return ts, nil
}

func closeTerms(ts []*termPostings) {
	for _, t := range ts {
		t.tfr.Close()
	}
}

// squaredWeights is the sum of the squares of the terms' boost·idf, in
// the order Bleve adds them: its query norm is one over the root of
// the text terms' sum plus the title terms'.
func squaredWeights(ts []*termPostings) float64 {
	ws := make([]float64, len(ts))
	for _, t := range ts {
		w := t.boost * t.idf
		ws[t.pos] = w * w
	}
	var sum float64
	for _, w := range ws {
		sum += w
	}
	return sum
}

// sumOrder gives each term its place in Bleve's sums, so that scores
// are added in the same order and round alike: chunks of the same text
// have the same score only up to that rounding, and Bleve's order among
// them follows it. A disjunction of up to searcher.DisjunctionHeapTakeover
// terms keeps them sorted by document count, the rarest first (a stable
// sort at that size); a larger one keeps the query's order for its
// query norm but adds each chunk's scores in the order its heap gives
// them, which is not followed here, so there the scores of equal chunks
// may differ from Bleve's in the last bit.
func sumOrder(ts []*termPostings) {
	if len(ts) > searcher.DisjunctionHeapTakeover {
		return
	}
	sorted := slices.Clone(ts)
	slices.SortStableFunc(sorted, func(a, b *termPostings) int { return cmp.Compare(a.tfr.Count(), b.tfr.Count()) })
	for i, t := range sorted {
		t.pos = i
	}
}

func (t *termPostings) next() error {
	cur, err := t.tfr.Next(t.cur)
	return t.took(cur, err)
}

// advance moves to the first posting at or after doc. Bleve's reader
// starts over when asked for a chunk it has already reached, so it is
// asked only for chunks ahead of it.
func (t *termPostings) advance(doc uint64) error {
	if t.cur == nil || t.doc >= doc {
		return nil
	}
	cur, err := t.tfr.Advance(index.NewIndexInternalID(nil, doc), t.cur)
	return t.took(cur, err)
}

func (t *termPostings) took(cur *index.TermFieldDoc, err error) error {
	if err != nil {
		return fmt.Errorf("postings of %s:%q: %w", t.field, t.term, err)
	}
	t.cur = cur
	if cur != nil {
		t.doc = cur.ID.Value()
	}
	return nil
}

// at says whether the term's current posting is chunk doc.
func (t *termPostings) at(doc uint64) bool { return t.cur != nil && t.doc == doc }

// score is Bleve's BM25 score of the current posting, term by term as
// scorer.TermQueryScorer computes it.
func (t *termPostings) score() float64 {
	return t.scoreOf(t.cur.Freq, t.cur.Norm)
}

// scoreOf is Bleve's BM25 score of a posting of freq occurrences in a
// field of norm 1/√length.
func (t *termPostings) scoreOf(freq uint64, norm float64) float64 {
	tf := math.Sqrt(float64(freq))
	fieldLength := 1 / (norm * norm)
	s := t.idf * (tf * search.BM25_k1) /
		(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/t.avgLen)))
	if t.weight != 1.0 {
		s *= t.weight
	}
	return s
}

// scored is a chunk and its score.
type scored struct {
	doc   uint64
	score float64
}

// worstFirst is a heap of the k best so far, the worst on top: the lower
// score, or of equal scores the chunk indexed later.
type worstFirst []scored

func (h worstFirst) Len() int { return len(h) }
func (h worstFirst) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score < h[j].score
	}
	return h[i].doc > h[j].doc
}
func (h worstFirst) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)   { *h = append(*h, x.(scored)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// slack widens each bound against rounding: a bound of the exact sum is
// added up in another order than the score.
const slack = 1 + 1e-9

// maxScore walks the chunks the essential text terms hold, in index
// order, and keeps the k best. Text terms are ordered by bound; the
// first ess of them are non-essential: a chunk that holds only those
// (with every title term) scores at most prefix[ess], not above the k-th
// best, so they are only looked up. With a filter, the filter's chunks
// are walked and every term is looked up.
func maxScore(ctx context.Context, text, title, filter []*termPostings, k int) ([]scored, error) {
	ts := slices.Clone(text)
	slices.SortStableFunc(ts, func(a, b *termPostings) int { return cmp.Compare(a.bound, b.bound) })
	m := float64(len(ts))
	var titleBound float64
	for _, u := range title {
		titleBound += u.bound
	}
	// prefix[i] bounds a chunk that holds only terms ts[:i].
	prefix := make([]float64, len(ts)+1)
	var sum float64
	for i, t := range ts {
		sum += t.bound
		prefix[i+1] = sum * float64(i+1) / m
	}
	for i := range prefix {
		prefix[i] = (prefix[i] + titleBound) * slack
	}
	h := make(worstFirst, 0, k)
	floor := math.Inf(-1) // the k-th best score once k are held
	ess := 0
	if len(filter) > 0 {
		ess = len(ts)
	}
	textScores := make([]float64, len(text))
	titleScores := make([]float64, len(title))
	for steps := 0; ; steps++ {
		if steps&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		walked := ts[ess:]
		if len(filter) > 0 {
			walked = filter
		}
		doc, ok := nextCandidate(walked)
		if !ok {
			break
		}
		score, match, err := scoreChunk(doc, ts, ess, title, titleBound, floor, textScores, titleScores)
		if err != nil {
			return nil, err
		}
		switch {
		case !match:
		case len(h) < k:
			heap.Push(&h, scored{doc, score})
		case score > floor:
			h[0] = scored{doc, score}
			heap.Fix(&h, 0)
		}
		if len(h) == k && h[0].score > floor {
			floor = h[0].score
			for len(filter) == 0 && ess < len(ts) && prefix[ess+1] <= floor {
				ess++
			}
		}
		for _, t := range walked {
			if t.at(doc) {
				if err := t.next(); err != nil {
					return nil, err
				}
			}
		}
	}
	slices.SortFunc(h, func(a, b scored) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return h, nil
}

// nextCandidate is the lowest chunk any of ts is at.
func nextCandidate(ts []*termPostings) (uint64, bool) {
	var doc uint64
	ok := false
	for _, t := range ts {
		if t.cur != nil && (!ok || t.doc < doc) {
			doc, ok = t.doc, true
		}
	}
	return doc, ok
}

// scoreChunk is doc's score, and whether doc is a match that may beat
// floor: not when it holds no text term or its bound shows it cannot.
// Scores are summed in the query's term order, as Bleve sums them.
func scoreChunk(doc uint64, ts []*termPostings, ess int, title []*termPostings, titleBound, floor float64, textScores, titleScores []float64) (float64, bool, error) {
	clear(textScores)
	m := float64(len(ts))
	var sum float64
	matched := 0
	for _, t := range ts[ess:] {
		if t.at(doc) {
			textScores[t.pos] = t.score()
			sum += textScores[t.pos]
			matched++
		}
	}
	rest := 0.0 // the bounds of the non-essential terms not looked up
	for _, t := range ts[:ess] {
		rest += t.bound
	}
	bound := func(unmatched int) float64 {
		return ((sum+rest)*float64(matched+unmatched)/m + titleBound) * slack
	}
	// The non-essential terms, largest bound first.
	for i := ess - 1; i >= 0; i-- {
		if bound(i+1) <= floor {
			return 0, false, nil
		}
		t := ts[i]
		rest -= t.bound
		if err := t.advance(doc); err != nil {
			return 0, false, err
		}
		if t.at(doc) {
			textScores[t.pos] = t.score()
			sum += textScores[t.pos]
			matched++
		}
	}
	if matched == 0 || bound(0) <= floor {
		return 0, false, nil
	}
	var textSum float64
	for _, s := range textScores {
		textSum += s
	}
	score := textSum * (float64(matched) / m)
	titleScore, err := titleBonus(doc, title, titleScores)
	if err != nil {
		return 0, false, err
	}
	if titleScore > 0 {
		score += titleScore
	}
	return score, true, nil
}

// titleBonus is what doc's title adds: the title terms' scores summed,
// times the share of them matched.
func titleBonus(doc uint64, title []*termPostings, scores []float64) (float64, error) {
	clear(scores)
	matched := 0
	for _, u := range title {
		if err := u.advance(doc); err != nil {
			return 0, err
		}
		if u.at(doc) {
			scores[u.pos] = u.score()
			matched++
		}
	}
	if matched == 0 {
		return 0, nil
	}
	var sum float64
	for _, s := range scores {
		sum += s
	}
	return sum * (float64(matched) / float64(len(title))), nil
}

// hitsOf names the chunks.
func hitsOf(r index.IndexReader, best []scored) ([]Hit, error) {
	hits := make([]Hit, 0, len(best))
	for _, b := range best {
		id, err := r.ExternalID(index.NewIndexInternalID(nil, b.doc))
		if err != nil {
			return nil, fmt.Errorf("chunk %d: %w", b.doc, err)
		}
		doc, ord, err := ParseChunkID(id)
		if err != nil {
			return nil, err
		}
		hits = append(hits, Hit{ChunkID: id, DocID: doc, Ord: ord, Score: b.score})
	}
	return hits, nil
}
