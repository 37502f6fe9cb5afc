package store

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// BM25 needs the average analysed length of the text and title fields
// (see bm25.go). It is estimated from a sample of chunks and kept in the
// meta bucket with the chunk count it was made at, so that:
//   - a search never samples: it reads the estimate in memory (sampling
//     at the first search of a 455 k-chunk library took seconds — 400
//     chunk reads scattered over the file, each re-analysed);
//   - opening reads one key; a library from before the key samples once
//     when it is opened and stores the result;
//   - writes refresh it when the chunk count has moved by more than a
//     tenth since it was made (the mean length of a few hundred chunks
//     moves little with a tenth more of the same kind), so a growing
//     library samples about 25 times on its way from 100 to a million
//     chunks.

// lengthSample is how many chunks the average field length is estimated
// from: within about 2 % of the true mean.
const lengthSample = 400

// lengthDrift is how far (a share of the chunk count) the library may
// grow or shrink before the estimate is made again.
const lengthDrift = 0.1

var keyLengths = []byte("bm25-lengths")

// fieldStats is the stored estimate.
type fieldStats struct {
	Chunks uint64  `json:"chunks"` // chunk count the estimate was made at
	Text   float64 `json:"text"`   // mean analysed terms of a chunk's text
	Title  float64 `json:"title"`  // mean analysed terms of its document's title
}

// lengths holds the current estimate; samples counts how often it was
// made (tests check that searches make none).
type lengths struct {
	mu      sync.Mutex
	stats   fieldStats
	valid   bool
	samples atomic.Int64
}

// current returns the estimate if it was made at about n chunks.
func (l *lengths) current(n uint64) (fieldStats, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stats, l.valid && !drifted(l.stats.Chunks, n)
}

func (l *lengths) set(fs fieldStats) {
	l.mu.Lock()
	l.stats, l.valid = fs, true
	l.mu.Unlock()
}

// drifted reports whether n differs from the count at by more than
// lengthDrift of at.
func drifted(at, n uint64) bool {
	if at == 0 {
		return n != 0
	}
	return math.Abs(float64(n)-float64(at)) > lengthDrift*float64(at)
}

// loadLengths reads the stored estimate at open; a library without one
// (made before it was stored) is sampled now, once.
func (s *Store) loadLengths() error {
	var fs fieldStats
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyLengths); v != nil {
			found = json.Unmarshal(v, &fs) == nil
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("field lengths: %w", err)
	}
	if found {
		s.lengths.set(fs)
		return nil
	}
	return s.refreshLengths()
}

// refreshLengths makes the estimate again if the chunk count has drifted
// from the one it was made at, and stores it. Writers call it after
// changing the chunks.
func (s *Store) refreshLengths() error {
	n, err := s.chunkCount()
	if err != nil {
		return fmt.Errorf("field lengths: %w", err)
	}
	if _, ok := s.lengths.current(uint64(n)); ok {
		return nil
	}
	fs, err := s.sampleLengths(uint64(n))
	if err != nil {
		return err
	}
	s.lengths.set(fs)
	if s.readOnly != nil {
		return nil // kept in memory only
	}
	return s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketMeta), keyLengths, fs)
	})
}

// refreshAfterWrite is refreshLengths for a write that has already
// committed: a failure leaves the older estimate (or, without one, the
// next search samples) and is logged, not returned, since the write
// itself succeeded.
func (s *Store) refreshAfterWrite() {
	if err := s.refreshLengths(); err != nil {
		slog.Warn("BM25 field lengths not refreshed", "library", s.dir, "err", err)
	}
}

// fieldLengths returns the average analysed length of the text and title
// fields for a search over n chunks: the stored estimate, or, should no
// write have made one for about n chunks, one made now.
func (s *Store) fieldLengths(n uint64) (text, title float64, err error) {
	if fs, ok := s.lengths.current(n); ok {
		return fs.Text, fs.Title, nil
	}
	fs, err := s.sampleLengths(n)
	if err != nil {
		return 0, 0, err
	}
	s.lengths.set(fs)
	return fs.Text, fs.Title, nil
}

// sampleLengths estimates the mean field lengths over a sample of the
// chunks (n is the count it is made for).
func (s *Store) sampleLengths(n uint64) (fieldStats, error) {
	s.lengths.samples.Add(1)
	chunks, titles, err := s.sampleChunks(lengthSample)
	if err != nil {
		return fieldStats{}, fmt.Errorf("field lengths: %w", err)
	}
	fs := fieldStats{Chunks: n}
	if len(chunks) == 0 {
		return fs, nil
	}
	for i, c := range chunks {
		fs.Text += float64(len(s.Analyze(c.Text)))
		fs.Title += float64(len(s.Analyze(titles[i])))
	}
	fs.Text /= float64(len(chunks))
	fs.Title /= float64(len(chunks))
	return fs, nil
}

// sampleChunks returns up to k chunks spread evenly over the library, with
// the title of each one's document.
func (s *Store) sampleChunks(k int) ([]Chunk, []string, error) {
	docs, err := s.Documents()
	if err != nil {
		return nil, nil, err
	}
	total := 0
	for _, d := range docs {
		if d.Status == StatusIndexed {
			total += d.Chunks
		}
	}
	if total == 0 {
		return nil, nil, nil
	}
	step := max(1, total/k)
	var ids []string
	titleOf := map[uint64]string{}
	at := 0
	for _, d := range docs {
		if d.Status != StatusIndexed {
			continue
		}
		titleOf[d.ID] = d.Title()
		for ord := (step - at%step) % step; ord < d.Chunks; ord += step {
			ids = append(ids, ChunkID(d.ID, ord))
		}
		at += d.Chunks
	}
	chunks, err := s.Chunks(ids) // without those removed since Documents
	if err != nil {
		return nil, nil, fmt.Errorf("sample chunks: %w", err)
	}
	titles := make([]string, len(chunks))
	for i, c := range chunks {
		titles[i] = titleOf[c.DocID]
	}
	return chunks, titles, nil
}
