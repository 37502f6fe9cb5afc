package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	bolt "go.etcd.io/bbolt"
)

// Vectors are kept beside their chunks, one per chunk, as little-endian
// float32s under the chunk's key. A document's vectors are all made by the
// model named in its Embedder field; they are replaced whole when the
// model changes (SetVectors).

func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func decodeVector(b []byte, dst []float32) []float32 {
	n := len(b) / 4
	dst = append(dst[:0], make([]float32, n)...)
	for i := range n {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return dst
}

func putVectors(tx *bolt.Tx, doc uint64, vecs [][]float32) error {
	vb := tx.Bucket(bucketVectors)
	for ord, v := range vecs {
		if err := vb.Put(chunkKey(doc, ord), encodeVector(v)); err != nil {
			return err
		}
	}
	return nil
}

// SetVectors replaces the vectors of a document's chunks, made by the
// named embedder, in one transaction.
func (s *Store) SetVectors(doc uint64, embedder string, vecs [][]float32) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		db := tx.Bucket(bucketDocs)
		v := db.Get(docKey(doc))
		if v == nil {
			return ErrNotFound
		}
		var d Document
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		if len(vecs) != d.Chunks {
			return fmt.Errorf("%d vectors for %d chunks", len(vecs), d.Chunks)
		}
		d.Embedder = embedder
		if err := putJSON(db, docKey(doc), d); err != nil {
			return err
		}
		return putVectors(tx, doc, vecs)
	})
	if err != nil {
		return fmt.Errorf("set vectors of document %d: %w", doc, err)
	}
	s.gen.Add(1)
	return nil
}

// EachVector calls fn for every stored vector of the given documents (all
// documents when docs is nil), in key order, inside one read transaction.
// vec is reused between calls: copy it to keep it.
func (s *Store) EachVector(docs map[uint64]bool, fn func(doc uint64, ord int, vec []float32) error) error {
	var buf []float32
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketVectors).ForEach(func(k, v []byte) error {
			doc := binary.BigEndian.Uint64(k)
			if docs != nil && !docs[doc] {
				return nil
			}
			buf = decodeVector(v, buf)
			return fn(doc, int(binary.BigEndian.Uint32(k[8:])), buf)
		})
	})
}

// DocVectors returns the vectors of one document's chunks, in chunk
// order, reading only that document's keys.
func (s *Store) DocVectors(doc uint64) ([][]float32, error) {
	var out [][]float32
	prefix := docKey(doc)
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketVectors).Cursor()
		for k, v := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, v = c.Next() {
			out = append(out, decodeVector(v, nil))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("vectors of document %d: %w", doc, err)
	}
	return out, nil
}
