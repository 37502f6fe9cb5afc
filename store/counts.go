package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// The number of chunks is kept as a counter (bucket meta, key chunks),
// updated in the transactions that add and remove chunks, because
// counting them means reading every page of the chunks bucket: seconds
// at a million chunks, on every open (repair compares it with the
// index). Libraries from before the counter count once and store it.

var (
	bucketMeta = []byte("meta")
	keyChunks  = []byte("chunks")
)

// addChunkCount moves the counter by delta inside tx; a library whose
// counter is not yet set is left to chunkCount.
func addChunkCount(tx *bolt.Tx, delta int) error {
	b := tx.Bucket(bucketMeta)
	v := b.Get(keyChunks)
	if v == nil {
		return nil
	}
	n := int64(binary.BigEndian.Uint64(v)) + int64(delta)
	return b.Put(keyChunks, binary.BigEndian.AppendUint64(nil, uint64(max(n, 0))))
}

// chunkCount is the number of chunks stored: the counter, or, when it
// is not set yet, a count of the bucket (O(chunks)), stored in the same
// transaction.
func (s *Store) chunkCount() (int, error) {
	var n int
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyChunks); v != nil {
			n, found = int(binary.BigEndian.Uint64(v)), true
		}
		return nil
	})
	if err != nil || found {
		return n, err
	}
	if s.readOnly != nil { // counted, not stored
		err = s.db.View(func(tx *bolt.Tx) error {
			n = tx.Bucket(bucketChunks).Stats().KeyN
			return nil
		})
		return n, err
	}
	err = s.update(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketChunks).Stats().KeyN
		return tx.Bucket(bucketMeta).Put(keyChunks, binary.BigEndian.AppendUint64(nil, uint64(n)))
	})
	return n, err
}
