package store

import (
	"context"
	"encoding/binary"

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
	return s.searchText(ctx, text, k, docs, false)
}
