package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the store's invariants and reports the first broken one:
// no document is half added or half removed, every document has exactly
// its chunks (and, if it has vectors, one per chunk), every content hash
// names a document, and the Bleve index holds exactly the stored chunks.
// It reads everything: O(chunks).
func (s *Store) Check() error {
	var chunks int
	err := s.db.View(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bucketPending).Cursor().First(); k != nil {
			return fmt.Errorf("document %d is half added or removed", binary.BigEndian.Uint64(k))
		}
		perDoc := map[uint64]int{}
		vecs := map[uint64]int{}
		err := tx.Bucket(bucketChunks).ForEach(func(k, _ []byte) error {
			perDoc[binary.BigEndian.Uint64(k)]++
			chunks++
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
			vecs[binary.BigEndian.Uint64(k)] = decodeSpan(0, v).Count
			return nil
		})
		if err != nil {
			return err
		}
		docs := map[uint64]bool{}
		err = tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			var d Document
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			docs[d.ID] = true
			if perDoc[d.ID] != d.Chunks {
				return fmt.Errorf("document %d (%s) has %d of its %d chunks", d.ID, d.Name, perDoc[d.ID], d.Chunks)
			}
			if n := vecs[d.ID]; n != 0 && n != d.Chunks {
				return fmt.Errorf("document %d (%s) has %d vectors for %d chunks", d.ID, d.Name, n, d.Chunks)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id := range vecs {
			if !docs[id] {
				return fmt.Errorf("vectors of document %d, which is not in the library", id)
			}
		}
		for id := range perDoc {
			if !docs[id] {
				return fmt.Errorf("chunks of document %d, which is not in the library", id)
			}
		}
		return tx.Bucket(bucketHashes).ForEach(func(k, v []byte) error {
			if !docs[binary.BigEndian.Uint64(v)] {
				return fmt.Errorf("content hash %.12s names a missing document", k)
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("check library: %w", err)
	}
	if counted, err := s.chunkCount(); err != nil || counted != chunks {
		return fmt.Errorf("check library: the chunk counter says %d, the store holds %d (%v)", counted, chunks, err)
	}
	n, err := s.index.DocCount()
	if err != nil {
		return fmt.Errorf("check library: %w", err)
	}
	if n != uint64(chunks) {
		return fmt.Errorf("check library: the index holds %d chunks, the store %d", n, chunks)
	}
	return nil
}
