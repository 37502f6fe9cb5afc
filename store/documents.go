package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

func docKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

func chunkKey(doc uint64, ord int) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint64(k, doc)
	binary.BigEndian.PutUint32(k[8:], uint32(ord))
	return k
}

// AddDocument stores doc with its chunks and makes the chunks searchable,
// all or nothing (see the package invariants). It assigns and returns the
// document's id; doc.Chunks is set to len(chunks). Documents that failed to
// ingest are added with no chunks, so the library can show why.
func (s *Store) AddDocument(doc Document, chunks []Chunk) (Document, error) {
	docs, err := s.AddDocuments([]NewDocument{{Doc: doc, Chunks: chunks}})
	if err != nil {
		return doc, err
	}
	return docs[0], nil
}

// NewDocument is a document to add with its chunks and, optionally, one
// vector per chunk (made by the model named in Doc.Embedder).
type NewDocument struct {
	Doc     Document
	Chunks  []Chunk
	Vectors [][]float32
}

// AddDocuments adds several documents at the cost of one: one pending
// mark, one Bleve batch and one bbolt transaction for all of them. After a
// crash either all of them are in the library or none is.
func (s *Store) AddDocuments(batch []NewDocument) ([]Document, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	name := "documents"
	if len(batch) == 1 {
		name = batch[0].Doc.Name
	}
	err := s.update(func(tx *bolt.Tx) error {
		for i := range batch {
			id, err := tx.Bucket(bucketDocs).NextSequence()
			if err != nil {
				return err
			}
			batch[i].Doc.ID = id
			if err := tx.Bucket(bucketPending).Put(docKey(id), docKey(uint64(len(batch[i].Chunks)))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add %s: %w", name, err)
	}
	var all []Chunk
	docs := make([]Document, len(batch))
	titles := make(map[uint64]string, len(batch))
	for i := range batch {
		nd := &batch[i]
		if nd.Vectors != nil && len(nd.Vectors) != len(nd.Chunks) {
			return nil, fmt.Errorf("add %s: %d vectors for %d chunks", nd.Doc.Name, len(nd.Vectors), len(nd.Chunks))
		}
		nd.Doc.Chunks = len(nd.Chunks)
		for j := range nd.Chunks {
			nd.Chunks[j].DocID = nd.Doc.ID
			nd.Chunks[j].Ord = j
		}
		all = append(all, nd.Chunks...)
		s.langs.set(nd.Doc.ID, nd.Doc.Lang, nd.Doc.Chunks)
		docs[i] = nd.Doc
		titles[nd.Doc.ID] = nd.Doc.Title()
	}
	if err := s.indexChunks(all, titles); err != nil {
		return nil, fmt.Errorf("add %s: %w", name, err)
	}
	spans, err := s.writeBatchVectors(batch)
	if err != nil {
		return nil, fmt.Errorf("add %s: %w", name, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		for _, nd := range batch {
			if err := putDocument(tx, nd.Doc, nd.Chunks); err != nil {
				return err
			}
		}
		for _, sp := range spans {
			if err := putSpan(tx, sp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add %s: %w", name, err)
	}
	s.gen.Add(1)
	s.refreshAfterWrite()
	return docs, nil
}

// putDocument writes a document and its chunks and clears its pending mark.
func putDocument(tx *bolt.Tx, doc Document, chunks []Chunk) error {
	if err := putJSON(tx.Bucket(bucketDocs), docKey(doc.ID), doc); err != nil {
		return err
	}
	if doc.Hash != "" && doc.Status != StatusError {
		if err := tx.Bucket(bucketHashes).Put([]byte(doc.Hash), docKey(doc.ID)); err != nil {
			return err
		}
	}
	cb := tx.Bucket(bucketChunks)
	for _, c := range chunks {
		if err := putJSON(cb, chunkKey(c.DocID, c.Ord), c); err != nil {
			return err
		}
	}
	if err := addChunkCount(tx, len(chunks)); err != nil {
		return err
	}
	return tx.Bucket(bucketPending).Delete(docKey(doc.ID))
}

// RemoveDocument deletes a document, its chunks and their index entries.
func (s *Store) RemoveDocument(id uint64) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	doc, err := s.Document(id)
	if err != nil {
		return fmt.Errorf("remove document %d: %w", id, err)
	}
	// Mark first: a crash after the index delete is then finished by repair.
	err = s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).Put(docKey(id), docKey(uint64(doc.Chunks)))
	})
	if err != nil {
		return fmt.Errorf("remove %s: %w", doc.Name, err)
	}
	s.langs.set(id, "", 0)
	if err := s.unindexChunks(id, doc.Chunks); err != nil {
		return fmt.Errorf("remove %s: %w", doc.Name, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketDocs).Delete(docKey(id)); err != nil {
			return err
		}
		hb := tx.Bucket(bucketHashes)
		if v := hb.Get([]byte(doc.Hash)); v != nil && binary.BigEndian.Uint64(v) == id {
			if err := hb.Delete([]byte(doc.Hash)); err != nil {
				return err
			}
		}
		if err := deleteOCR(tx, id); err != nil {
			return err
		}
		cb := tx.Bucket(bucketChunks)
		for ord := 0; ord < doc.Chunks; ord++ {
			if err := cb.Delete(chunkKey(id, ord)); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketSpans).Delete(docKey(id)); err != nil {
			return err
		}
		if err := addChunkCount(tx, -doc.Chunks); err != nil {
			return err
		}
		return tx.Bucket(bucketPending).Delete(docKey(id))
	})
	if err != nil {
		return fmt.Errorf("remove %s: %w", doc.Name, err)
	}
	s.gen.Add(1)
	s.refreshAfterWrite()
	return nil
}

// Document returns the document with the given id.
func (s *Store) Document(id uint64) (Document, error) {
	var doc Document
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDocs).Get(docKey(id))
		if v == nil {
			return ErrNotFound
		}
		return json.Unmarshal(v, &doc)
	})
	if err != nil {
		return doc, fmt.Errorf("document %d: %w", id, err)
	}
	return doc, nil
}

// DocumentByHash returns the readable document (indexed or no-text) whose
// content has the given sha256, or ErrNotFound.
func (s *Store) DocumentByHash(hash string) (Document, error) {
	var id uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketHashes).Get([]byte(hash))
		if v == nil {
			return ErrNotFound
		}
		id = binary.BigEndian.Uint64(v)
		return nil
	})
	if err != nil {
		return Document{}, fmt.Errorf("document with hash %.12s: %w", hash, err)
	}
	return s.Document(id)
}

// Documents returns every document, sorted by name then id.
func (s *Store) Documents() ([]Document, error) {
	var docs []Document
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).ForEach(func(_, v []byte) error {
			var d Document
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			docs = append(docs, d)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Slice(docs, func(i, j int) bool {
		if docs[i].Name != docs[j].Name {
			return docs[i].Name < docs[j].Name
		}
		return docs[i].ID < docs[j].ID
	})
	return docs, nil
}

// SearchableDocuments returns the ids of the documents that have chunks.
// It reads every document record: O(documents).
func (s *Store) SearchableDocuments() (map[uint64]bool, error) {
	ids := map[uint64]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			var d struct {
				Chunks int `json:"chunks"`
			}
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			if d.Chunks > 0 {
				ids[binary.BigEndian.Uint64(k)] = true
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list searchable documents: %w", err)
	}
	return ids, nil
}

// Chunk returns one chunk by id.
func (s *Store) Chunk(id string) (Chunk, error) {
	doc, ord, err := ParseChunkID(id)
	if err != nil {
		return Chunk{}, err
	}
	var c Chunk
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketChunks).Get(chunkKey(doc, ord))
		if v == nil {
			return ErrNotFound
		}
		return json.Unmarshal(v, &c)
	})
	if err != nil {
		return c, fmt.Errorf("chunk %s: %w", id, err)
	}
	return c, nil
}

// Chunks returns the chunks with the given ids in one read transaction,
// in the order asked, leaving out those the store does not hold. The
// index learns of a document's chunks just before the store does when it
// is added, and forgets them just before the store does when it is
// removed, so a search running beside a write meets ids that are not, or
// no longer, there: those are not an error.
func (s *Store) Chunks(ids []string) ([]Chunk, error) {
	out := make([]Chunk, 0, len(ids))
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketChunks)
		for _, id := range ids {
			doc, ord, err := ParseChunkID(id)
			if err != nil {
				return err
			}
			v := b.Get(chunkKey(doc, ord))
			if v == nil {
				continue
			}
			var c Chunk
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("chunk %s: %w", id, err)
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read chunks: %w", err)
	}
	return out, nil
}

func (s *Store) eachChunk(fn func(Chunk) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketChunks).ForEach(func(_, v []byte) error {
			var c Chunk
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			return fn(c)
		})
	})
}

func (s *Store) pending() (map[uint64]int, error) {
	p := map[uint64]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			p[binary.BigEndian.Uint64(k)] = int(binary.BigEndian.Uint64(v))
			return nil
		})
	})
	return p, err
}

func (s *Store) clearPending(doc uint64) error {
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).Delete(docKey(doc))
	})
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// PageSpan is the pages one chunk covers.
type PageSpan struct{ Start, End int }

// ChunkPages returns the page span of each chunk of a document, in order.
func (s *Store) ChunkPages(doc uint64) ([]PageSpan, error) {
	var spans []PageSpan
	prefix := docKey(doc)
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketChunks).Cursor()
		for k, v := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, v = c.Next() {
			var ch struct {
				PS int `json:"ps"`
				PE int `json:"pe"`
			}
			if err := json.Unmarshal(v, &ch); err != nil {
				return err
			}
			spans = append(spans, PageSpan{ch.PS, ch.PE})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("chunk pages of document %d: %w", doc, err)
	}
	return spans, nil
}

// DocChunks returns a document's chunks in order.
func (s *Store) DocChunks(doc uint64) ([]Chunk, error) {
	var out []Chunk
	prefix := docKey(doc)
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketChunks).Cursor()
		for k, v := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, v = c.Next() {
			var ch Chunk
			if err := json.Unmarshal(v, &ch); err != nil {
				return err
			}
			out = append(out, ch)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("chunks of document %d: %w", doc, err)
	}
	return out, nil
}

// UpdateDocument rewrites a document's record (its path, name or times);
// its chunks are untouched.
func (s *Store) UpdateDocument(doc Document) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var old Document
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDocs)
		v := b.Get(docKey(doc.ID))
		if v == nil {
			return ErrNotFound
		}
		if err := json.Unmarshal(v, &old); err != nil {
			return err
		}
		return putJSON(b, docKey(doc.ID), doc)
	})
	if err != nil {
		return fmt.Errorf("update %s: %w", doc.Name, err)
	}
	if t := doc.Title(); t != old.Title() {
		// A renamed file: its chunks are found by the new name. Should
		// this fail or be cut short, search weighs the old name a while.
		chunks, err := s.DocChunks(doc.ID)
		if err == nil {
			err = s.indexChunks(chunks, map[uint64]string{doc.ID: t})
		}
		if err != nil {
			return fmt.Errorf("update %s: %w", doc.Name, err)
		}
	}
	s.gen.Add(1)
	return nil
}
