package store

import (
	"errors"
	"testing"
)

// An OCR batch appends searchable chunks to a document, keeps the words
// of its pages, keeps vectors whole, and goes with the document.
func TestAddOCR(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	chunks := []Chunk{{PageStart: 1, PageEnd: 1, Text: "Typed cover letter about the lease."}}
	doc, err := s.AddDocuments([]NewDocument{{
		Doc:     Document{Name: "lease.pdf", Hash: "h1", Status: StatusIndexed, Pages: 3, OCRPages: []int{2, 3}, Embedder: "m"},
		Chunks:  chunks,
		Vectors: [][]float32{{1, 0}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	id := doc[0].ID
	if got := doc[0].OCRPending(); len(got) != 2 {
		t.Fatalf("pending %v", got)
	}
	d, err := s.AddOCR(id, OCRBatch{
		Pages:    []OCRPage{{Page: 2, Conf: 91, Words: []OCRWord{{Text: "notice", Box: [4]uint16{100, 200, 900, 400}}}}},
		Failed:   []int{3},
		Reason:   "took too long to read",
		Chunks:   []Chunk{{PageStart: 2, PageEnd: 2, Text: "The notice period is three months.", OCR: true, OCRConf: 91}},
		Vectors:  [][]float32{{0, 1}},
		Embedder: "m",
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.Chunks != 2 || d.Embedder != "m" || len(d.OCRPending()) != 0 || d.OCRReason == "" {
		t.Fatalf("document after OCR: %+v", d)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	ids := searchIDs(t, s, "notice period")
	if len(ids) != 1 || ids[0] != ChunkID(id, 1) {
		t.Fatalf("search: %v", ids)
	}
	c, err := s.Chunk(ids[0])
	if err != nil || !c.OCR || c.OCRConf != 91 {
		t.Fatalf("chunk %+v, %v", c, err)
	}
	w, err := s.OCRWords(id, 2)
	if err != nil || len(w.Words) != 1 || w.Words[0].Text != "notice" {
		t.Fatalf("words %+v, %v", w, err)
	}

	// A batch without vectors drops the document's, so that re-embedding
	// redoes it whole.
	d, err = s.AddOCR(id, OCRBatch{Chunks: []Chunk{{PageStart: 3, PageEnd: 3, Text: "Rent is due monthly.", OCR: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Embedder != "" {
		t.Errorf("embedder %q kept with a chunk without vector", d.Embedder)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveDocument(id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OCRWords(id, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("words after remove: %v", err)
	}
	if _, err := s.AddOCR(id, OCRBatch{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("OCR of a removed document: %v", err)
	}
	s.Close()
}

// A crash between an OCR batch's bbolt write and its Bleve write is
// finished when the library is opened again.
func TestOCRBatchInterrupted(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := addDoc(t, s, "scan.pdf", "h2", "cover page")
	if _, err := s.AddOCR(d.ID, OCRBatch{Chunks: []Chunk{{PageStart: 2, PageEnd: 2, Text: "quarterly turbine inspection", OCR: true}}}); err != nil {
		t.Fatal(err)
	}
	// As if the process died before Bleve got the batch.
	if err := s.index.Delete(ChunkID(d.ID, 1)); err != nil {
		t.Fatal(err)
	}
	if err := s.markAppending(d.ID, 1, 2); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ids := searchIDs(t, s, "turbine"); len(ids) != 1 {
		t.Fatalf("after reopening: %v", ids)
	}
}
