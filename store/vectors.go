package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Vectors are kept outside bbolt, in one append-only file per embedder
// (vectorfile.go), so that opening a library reads none of them and a
// search maps them instead of loading them. bbolt stays the source of
// truth: a document's vectors are the rows its span (bucket vecspans: doc
// id → first row, count, embedder) names. Invariants:
//   - rows are appended and synced before the transaction that writes
//     their span, so a span never names a row that is not on disk;
//   - a document's rows are contiguous, one per chunk in chunk order, all
//     made by the model its span and its Embedder field name;
//   - rows no span names (a crash between append and commit, a removed
//     or re-embedded document) are never read.

// VectorSpan says where one document's vector rows are.
type VectorSpan struct {
	Doc      uint64
	Embedder string
	Row      int // first row in the embedder's vector file
	Count    int // rows, one per chunk
}

func encodeSpan(sp VectorSpan) []byte {
	b := make([]byte, 12, 12+len(sp.Embedder))
	binary.BigEndian.PutUint64(b, uint64(sp.Row))
	binary.BigEndian.PutUint32(b[8:], uint32(sp.Count))
	return append(b, sp.Embedder...)
}

func decodeSpan(doc uint64, v []byte) VectorSpan {
	return VectorSpan{Doc: doc, Row: int(binary.BigEndian.Uint64(v)), Count: int(binary.BigEndian.Uint32(v[8:])),
		Embedder: string(v[12:])}
}

// writeVectors appends a document's vectors to its embedder's file and
// returns the span to record. Callers hold writeMu.
func (s *Store) writeVectors(doc uint64, embedder string, vecs [][]float32) (VectorSpan, error) {
	if embedder == "" {
		return VectorSpan{}, errors.New("vectors without an embedder name")
	}
	if s.readOnly != nil {
		return VectorSpan{}, s.readOnly
	}
	row, err := s.appendVectors(embedder, vecs)
	if err != nil {
		return VectorSpan{}, fmt.Errorf("write vectors: %w", err)
	}
	return VectorSpan{Doc: doc, Embedder: embedder, Row: row, Count: len(vecs)}, nil
}

// writeBatchVectors appends the vectors of a batch of new documents, one
// write and one sync per embedder, and returns their spans.
func (s *Store) writeBatchVectors(batch []NewDocument) ([]VectorSpan, error) {
	var spans []VectorSpan
	byModel := map[string][]int{}
	var models []string
	for i, nd := range batch {
		if len(nd.Vectors) == 0 {
			continue
		}
		if byModel[nd.Doc.Embedder] == nil {
			models = append(models, nd.Doc.Embedder)
		}
		byModel[nd.Doc.Embedder] = append(byModel[nd.Doc.Embedder], i)
	}
	for _, m := range models {
		var all [][]float32
		for _, i := range byModel[m] {
			all = append(all, batch[i].Vectors...)
		}
		sp, err := s.writeVectors(0, m, all)
		if err != nil {
			return nil, err
		}
		row := sp.Row
		for _, i := range byModel[m] {
			n := len(batch[i].Vectors)
			spans = append(spans, VectorSpan{Doc: batch[i].Doc.ID, Embedder: m, Row: row, Count: n})
			row += n
		}
	}
	return spans, nil
}

func putSpan(tx *bolt.Tx, sp VectorSpan) error {
	return tx.Bucket(bucketSpans).Put(docKey(sp.Doc), encodeSpan(sp))
}

// SetVectors replaces the vectors of a document's chunks, made by the
// named embedder: the rows are appended, then the document's record and
// span change in one transaction.
func (s *Store) SetVectors(doc uint64, embedder string, vecs [][]float32) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	d, err := s.Document(doc)
	if err != nil {
		return fmt.Errorf("set vectors of document %d: %w", doc, err)
	}
	if len(vecs) != d.Chunks {
		return fmt.Errorf("set vectors of document %d: %d vectors for %d chunks", doc, len(vecs), d.Chunks)
	}
	sp, err := s.writeVectors(doc, embedder, vecs)
	if err != nil {
		return fmt.Errorf("set vectors of document %d: %w", doc, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		db := tx.Bucket(bucketDocs)
		v := db.Get(docKey(doc))
		if v == nil {
			return ErrNotFound
		}
		var d Document
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		d.Embedder = embedder
		if err := putJSON(db, docKey(doc), d); err != nil {
			return err
		}
		return putSpan(tx, sp)
	})
	if err != nil {
		return fmt.Errorf("set vectors of document %d: %w", doc, err)
	}
	s.gen.Add(1)
	return nil
}

// VectorSpans lists the documents with vectors made by embedder, in row
// order. It reads one small record per document, no vector.
func (s *Store) VectorSpans(embedder string) ([]VectorSpan, error) {
	var out []VectorSpan
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
			if string(v[12:]) == embedder {
				out = append(out, decodeSpan(binary.BigEndian.Uint64(k), v))
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("vector spans of %s: %w", embedder, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out, nil
}

// DocVectors returns the vectors of one document's chunks, in chunk
// order, as float32s (dequantised), or nil if it has none.
func (s *Store) DocVectors(doc uint64) ([][]float32, error) {
	var sp VectorSpan
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketSpans).Get(docKey(doc)); v != nil {
			sp, ok = decodeSpan(doc, v), true
		}
		return nil
	})
	if err != nil || !ok {
		return nil, err
	}
	vs, err := s.OpenVectors(sp.Embedder)
	if err != nil {
		return nil, fmt.Errorf("vectors of document %d: %w", doc, err)
	}
	defer vs.Close()
	if sp.Row+sp.Count > vs.Len() {
		return nil, fmt.Errorf("vectors of document %d: rows %d..%d past the file's %d", doc, sp.Row, sp.Row+sp.Count, vs.Len())
	}
	out := make([][]float32, sp.Count)
	for i := range out {
		out[i] = vs.Float(sp.Row + i)
	}
	return out, nil
}

// migrateVectors moves vectors kept by earlier versions inside bbolt
// (bucket vectors: chunk key → float32s) into vector files, one document
// at a time, so an interrupted migration resumes.
func (s *Store) migrateVectors() error {
	for {
		var doc uint64
		var vecs [][]float32
		legacy := false
		err := s.db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketLegacyVectors)
			if b == nil {
				return nil
			}
			legacy = true
			c := b.Cursor()
			k, _ := c.First()
			if k == nil {
				return nil
			}
			doc = binary.BigEndian.Uint64(k)
			prefix := docKey(doc)
			for k, v := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, v = c.Next() {
				vecs = append(vecs, decodeLegacyVector(v))
			}
			return nil
		})
		if err != nil || vecs == nil {
			if err == nil && legacy { // an empty bucket is all that is left
				err = s.update(func(tx *bolt.Tx) error {
					if tx.Bucket(bucketLegacyVectors) == nil {
						return nil
					}
					return tx.DeleteBucket(bucketLegacyVectors)
				})
			}
			if err != nil {
				return fmt.Errorf("migrate vectors: %w", err)
			}
			return nil
		}
		if err := s.migrateDoc(doc, vecs); err != nil {
			return fmt.Errorf("migrate vectors: %w", err)
		}
	}
}

func (s *Store) migrateDoc(doc uint64, vecs [][]float32) error {
	d, err := s.Document(doc)
	keep := err == nil && d.Embedder != "" && d.Chunks == len(vecs)
	var sp VectorSpan
	if keep {
		if sp, err = s.writeVectors(doc, d.Embedder, vecs); err != nil {
			return err
		}
	}
	return s.update(func(tx *bolt.Tx) error {
		if keep {
			if err := putSpan(tx, sp); err != nil {
				return err
			}
		} else if err == nil && d.Embedder != "" {
			// Incomplete vectors: the document is embedded again.
			d.Embedder = ""
			if err := putJSON(tx.Bucket(bucketDocs), docKey(doc), d); err != nil {
				return err
			}
		}
		b := tx.Bucket(bucketLegacyVectors)
		for ord := range len(vecs) {
			if err := b.Delete(chunkKey(doc, ord)); err != nil {
				return err
			}
		}
		return nil
	})
}

func decodeLegacyVector(b []byte) []float32 {
	out := make([]float32, len(b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}
