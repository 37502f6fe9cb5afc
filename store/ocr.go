package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// OCR'd pages arrive after their document: the text layer is indexed at
// once, and pages read by OCR in the background are appended to it in
// batches (AddOCR), each batch in one bbolt transaction. The batch's
// chunks are written to bbolt first, with a mark naming their ordinals,
// then to Bleve; the mark is cleared after. A crash in between leaves the
// mark, and Open indexes the marked chunks from bbolt: the invariant that
// Bleve holds exactly bbolt's chunks is restored without a rebuild.

var (
	bucketOCRWords  = []byte("ocrwords")  // doc id ‖ page → OCRPage (JSON)
	bucketAppending = []byte("appending") // doc id → first ‖ end chunk ordinal being indexed
)

// OCRWord is a word read by OCR with its box on the page, in ten
// thousandths of the page's width and height from the top left corner:
// x0, y0, x1, y1.
type OCRWord struct {
	Text string    `json:"t"`
	Box  [4]uint16 `json:"b"`
}

// OCRPage is the words OCR read on one page of a document, kept so that a
// passage quoted from it can be highlighted on the drawn page.
type OCRPage struct {
	Page  int       `json:"p"`
	Conf  float64   `json:"conf"` // mean word confidence, 0–100
	Words []OCRWord `json:"w"`
}

// OCRBatch is what AddOCR appends to a document.
type OCRBatch struct {
	Pages  []OCRPage // pages read, with their words
	Failed []int     // pages OCR could not read
	Reason string    // why (the last failure), in plain words
	Chunks []Chunk   // the chunks of the pages read; OCR and OCRConf set
	// Vectors, one per chunk, made by Embedder; nil without an embedder.
	Vectors  [][]float32
	Embedder string
	// Lang is the language OCR found, set on a document that had no
	// text before (a scan), whose language was not known.
	Lang string
}

// OCRPending lists the pages that need OCR and have been neither read
// nor given up on.
func (d Document) OCRPending() []int {
	var out []int
	for _, p := range d.OCRPages {
		if !slices.Contains(d.OCRRead, p) && !slices.Contains(d.OCRFailed, p) {
			out = append(out, p)
		}
	}
	return out
}

func pageKey(doc uint64, page int) []byte { return chunkKey(doc, page) }

// AddOCR appends a batch of OCR'd pages to a document: their chunks
// become searchable, their words are kept, and the document records the
// pages as read (or failed). It returns the updated document, or
// ErrNotFound if the document was removed meanwhile.
//
// A document's vectors stay one contiguous span from one model (see
// vectors.go): the batch's vectors are written after the document's own
// as a new span. When the batch has none, or from another model than the
// document's, the document's span is dropped and its Embedder cleared,
// so that re-embedding redoes it whole.
func (s *Store) AddOCR(docID uint64, b OCRBatch) (Document, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	doc, err := s.Document(docID)
	if err != nil {
		return doc, fmt.Errorf("add OCR: %w", err)
	}
	span, fits, err := s.ocrSpan(doc, b)
	if err != nil {
		return doc, fmt.Errorf("add OCR of %s: %w", doc.Name, err)
	}
	var from int
	err = s.update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDocs).Get(docKey(docID))
		if v == nil {
			return ErrNotFound
		}
		if err := json.Unmarshal(v, &doc); err != nil {
			return err
		}
		from = doc.Chunks
		cb := tx.Bucket(bucketChunks)
		for i := range b.Chunks {
			c := &b.Chunks[i]
			c.DocID, c.Ord = docID, from+i
			if err := putJSON(cb, chunkKey(docID, c.Ord), c); err != nil {
				return err
			}
		}
		if err := addChunkCount(tx, len(b.Chunks)); err != nil {
			return err
		}
		switch {
		case len(b.Chunks) == 0:
		case fits:
			if err := putSpan(tx, span); err != nil {
				return err
			}
			doc.Embedder = b.Embedder
		case doc.Embedder != "":
			if err := tx.Bucket(bucketSpans).Delete(docKey(docID)); err != nil {
				return err
			}
			doc.Embedder = ""
		}
		wb := tx.Bucket(bucketOCRWords)
		for _, p := range b.Pages {
			if err := putJSON(wb, pageKey(docID, p.Page), p); err != nil {
				return err
			}
			doc.OCRRead = append(doc.OCRRead, p.Page)
		}
		doc.OCRFailed = append(doc.OCRFailed, b.Failed...)
		if b.Reason != "" {
			doc.OCRReason = b.Reason
		}
		slices.Sort(doc.OCRRead)
		slices.Sort(doc.OCRFailed)
		doc.Chunks += len(b.Chunks)
		if doc.Chunks > 0 && doc.Status == StatusNoText {
			doc.Status = StatusIndexed
		}
		if b.Lang != "" && from == 0 && doc.Lang == "" {
			doc.Lang = b.Lang
		}
		s.langs.set(docID, doc.Lang, doc.Chunks)
		if len(b.Chunks) > 0 {
			mark := make([]byte, 16)
			binary.BigEndian.PutUint64(mark, uint64(from))
			binary.BigEndian.PutUint64(mark[8:], uint64(doc.Chunks))
			if err := tx.Bucket(bucketAppending).Put(docKey(docID), mark); err != nil {
				return err
			}
		}
		return putJSON(tx.Bucket(bucketDocs), docKey(docID), doc)
	})
	if err != nil {
		return doc, fmt.Errorf("add OCR of document %d: %w", docID, err)
	}
	if len(b.Chunks) > 0 {
		if err := s.indexChunks(b.Chunks, map[uint64]string{docID: doc.Title()}); err != nil {
			return doc, fmt.Errorf("add OCR of %s: %w", doc.Name, err)
		}
		err = s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAppending).Delete(docKey(docID)) })
		if err != nil {
			return doc, fmt.Errorf("add OCR of %s: %w", doc.Name, err)
		}
	}
	s.gen.Add(1)
	if len(b.Chunks) > 0 {
		s.refreshAfterWrite()
	}
	return doc, nil
}

// ocrSpan writes the vectors the document will have after the batch (its
// own, then the batch's) and returns their span; fits is false when the
// batch's vectors cannot join the document's (see AddOCR). writeMu is
// held.
func (s *Store) ocrSpan(doc Document, b OCRBatch) (VectorSpan, bool, error) {
	fits := len(b.Chunks) > 0 && b.Embedder != "" && len(b.Vectors) == len(b.Chunks) &&
		(doc.Embedder == b.Embedder || (doc.Embedder == "" && doc.Chunks == 0))
	if !fits {
		return VectorSpan{}, false, nil
	}
	all := b.Vectors
	if doc.Chunks > 0 {
		old, err := s.DocVectors(doc.ID)
		if err != nil {
			return VectorSpan{}, false, err
		}
		if len(old) != doc.Chunks {
			return VectorSpan{}, false, nil
		}
		all = append(old, b.Vectors...)
	}
	sp, err := s.writeVectors(doc.ID, b.Embedder, all)
	return sp, err == nil, err
}

// OCRWords returns the words OCR read on a page of a document, or
// ErrNotFound when the page was not read by OCR.
func (s *Store) OCRWords(docID uint64, page int) (OCRPage, error) {
	var p OCRPage
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketOCRWords).Get(pageKey(docID, page))
		if v == nil {
			return ErrNotFound
		}
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return p, fmt.Errorf("OCR words of document %d page %d: %w", docID, page, err)
	}
	return p, nil
}

// deleteOCR removes a document's OCR words and append mark.
func deleteOCR(tx *bolt.Tx, docID uint64) error {
	prefix := docKey(docID)
	c := tx.Bucket(bucketOCRWords).Cursor()
	for k, _ := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketAppending).Delete(prefix)
}

// finishAppends indexes the chunks of OCR batches a crash interrupted
// between bbolt and Bleve (see AddOCR).
func (s *Store) finishAppends() error {
	marks := map[uint64][2]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAppending).ForEach(func(k, v []byte) error {
			if len(v) == 16 {
				marks[binary.BigEndian.Uint64(k)] = [2]int{int(binary.BigEndian.Uint64(v)), int(binary.BigEndian.Uint64(v[8:]))}
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("finish OCR batches: %w", err)
	}
	for id, m := range marks {
		doc, err := s.Document(id)
		if err == nil {
			var chunks []Chunk
			chunks, err = s.DocChunks(id)
			if err == nil {
				err = s.indexChunks(chunks[min(m[0], len(chunks)):min(m[1], len(chunks))], map[uint64]string{id: doc.Title()})
			}
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("finish OCR batch of document %d: %w", id, err)
		}
		err = s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAppending).Delete(docKey(id)) })
		if err != nil {
			return fmt.Errorf("finish OCR batches: %w", err)
		}
	}
	return nil
}
