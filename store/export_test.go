package store

import (
	"context"
	"encoding/binary"

	"github.com/blevesearch/bleve/v2/index/scorch"

	bolt "go.etcd.io/bbolt"
)

// markAppending leaves the mark an interrupted OCR batch leaves (tests).
func (s *Store) markAppending(doc uint64, from, end int) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		mark := make([]byte, 16)
		binary.BigEndian.PutUint64(mark, uint64(from))
		binary.BigEndian.PutUint64(mark[8:], uint64(end))
		return tx.Bucket(bucketAppending).Put(docKey(doc), mark)
	})
}

// Checked says whether Open ran bbolt's consistency check.
func (s *Store) Checked() bool { return s.checked }

// SearchTextExhaustive is SearchText through Bleve's own searchers, which
// read every posting: what topK must agree with.
func (s *Store) SearchTextExhaustive(ctx context.Context, text string, k int, docs []uint64) ([]Hit, error) {
	return s.searchText(ctx, text, nil, k, docs, nil, false)
}

// SetScanShare sets the share of the chunks above which a question's
// postings are scanned by bitmaps (boundScan): 0 always, +Inf never.
func (s *Store) SetScanShare(share float64) { s.scanShare = share }

// IndexSegments is the number of segments of the index's current
// snapshot.
func (s *Store) IndexSegments() int {
	r, err := s.reader()
	if err != nil {
		return 0
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0
	}
	return len(snap.Segments())
}

// openUnmerged opens the library with an index whose segments Bleve
// never merges, so that a test can search one of several segments.
func openUnmerged(dir string) (*Store, error) {
	return open(dir, map[string]any{"scorchMergePlanOptions": map[string]any{
		"MaxSegmentSize": 2, // no segment of more than one chunk is merged
	}})
}
