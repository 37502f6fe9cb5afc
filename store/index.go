package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"
)

const (
	fieldText  = "text"
	fieldDoc   = "doc"
	fieldTitle = "title"
	// indexVersion names the mapping; a library whose index was built with
	// another mapping is re-indexed from bbolt on open.
	indexVersion = "bm25-quire-en-3+lang-1+defines-1"
	// titleBoost weighs a match of the document's title against a match
	// of the chunk's own text: it tells apart the chunks of "Pfizer's
	// 2021 10-K" from those of other reports that say the same things.
	titleBoost = 1.0
)

// indexEntry is what Bleve stores for a chunk. The text itself lives in
// bbolt; Bleve keeps only postings.
type indexEntry struct {
	Text  string `json:"text"`
	Doc   string `json:"doc"`
	Title string `json:"title"` // the document's Title, on each of its chunks
	// Lang holds the text again under its language's code when the
	// document is not in English (see lang.go).
	Lang map[string]string `json:"lang,omitempty"`
	// Defines holds the definitions the text makes (see glossary.go).
	Defines []string `json:"defines,omitempty"`
}

func newMapping() (mapping.IndexMapping, error) {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzerName
	text.Store = false
	text.IncludeInAll = false
	text.IncludeTermVectors = false

	doc := bleve.NewKeywordFieldMapping()
	doc.Analyzer = keyword.Name
	doc.Store = false
	doc.IncludeInAll = false

	title := bleve.NewTextFieldMapping()
	title.Analyzer = analyzerName
	title.Store = false
	title.IncludeInAll = false
	title.IncludeTermVectors = false

	defines := bleve.NewKeywordFieldMapping()
	defines.Store = false
	defines.IncludeInAll = false
	defines.IncludeTermVectors = false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text)
	dm.AddFieldMappingsAt(fieldDoc, doc)
	dm.AddFieldMappingsAt(fieldTitle, title)
	dm.AddFieldMappingsAt(fieldDefines, defines)
	addLangFields(dm)

	im := bleve.NewIndexMapping()
	if err := addAnalyzer(im); err != nil {
		return nil, err
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzerName
	im.ScoringModel = index.BM25Scoring
	return im, nil
}

func (s *Store) indexPath() string { return filepath.Join(s.dir, "bleve") }

// openIndex opens the Bleve index, or builds it from bbolt when it is
// missing, unreadable or of another mapping version.
func (s *Store) openIndex() error {
	path := s.indexPath()
	idx, err := openQuiet(path, s.indexConfig)
	if err == nil {
		v, _ := idx.GetInternal([]byte("quire-version"))
		if string(v) == indexVersion {
			s.index = idx
			return nil
		}
		idx.Close()
	}
	return s.rebuildIndex()
}

// rebuildIndex replaces the Bleve index with one built from bbolt's chunks.
func (s *Store) rebuildIndex() error {
	path := s.indexPath()
	if s.index != nil {
		s.index.Close()
		s.index = nil
	}
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	idx, err := bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, s.indexConfig)
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	s.index = idx
	titles, err := s.titles()
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	// The languages are read now, not in the walk's read transaction.
	if _, err := s.langs.present(); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	var chunks []Chunk
	flush := func() error {
		if err := s.indexChunks(chunks, titles); err != nil {
			return err
		}
		chunks = chunks[:0]
		return nil
	}
	err = s.eachChunk(func(c Chunk) error {
		chunks = append(chunks, c)
		if len(chunks) >= 1000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = idx.SetInternal([]byte("quire-version"), []byte(indexVersion))
	}
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	return nil
}

// indexChunks writes chunks to Bleve. Each batch is durable when written:
// scorch waits for the segment to be persisted.
func (s *Store) indexChunks(chunks []Chunk, titles map[uint64]string) error {
	// Slices bound the memory a long document costs: Bleve builds each
	// batch's segment in memory. A crash between slices is repaired like
	// any other: the document is still marked pending.
	for len(chunks) > 0 {
		n := min(len(chunks), indexSlice)
		b := s.index.NewBatch()
		for _, c := range chunks[:n] {
			lang, err := s.langText(c)
			if err != nil {
				return fmt.Errorf("index chunk %s: %w", c.ID(), err)
			}
			e := indexEntry{Text: c.Text, Doc: strconv.FormatUint(c.DocID, 10), Title: titles[c.DocID], Lang: lang, Defines: definesTerms(c.Text)}
			if err := b.Index(c.ID(), e); err != nil {
				return fmt.Errorf("index chunk %s: %w", c.ID(), err)
			}
		}
		if err := s.batch(b); err != nil {
			return fmt.Errorf("index %d chunks: %w", n, err)
		}
		chunks = chunks[n:]
	}
	return nil
}

// indexSlice is the most chunks indexed in one Bleve batch.
const indexSlice = 1024

// titles maps every document to its Title.
func (s *Store) titles() (map[uint64]string, error) {
	docs, err := s.Documents()
	if err != nil {
		return nil, err
	}
	m := make(map[uint64]string, len(docs))
	for _, d := range docs {
		m[d.ID] = d.Title()
	}
	return m, nil
}

// unindexChunks deletes the Bleve entries of chunks 0..n-1 of a document.
func (s *Store) unindexChunks(doc uint64, n int) error {
	b := s.index.NewBatch()
	for ord := 0; ord < n; ord++ {
		b.Delete(ChunkID(doc, ord))
	}
	if err := s.batch(b); err != nil {
		return fmt.Errorf("unindex document %d: %w", doc, err)
	}
	return nil
}

// repair brings Bleve back in step with bbolt after a crash: it drops the
// entries of documents that were being added or removed, and rebuilds the
// index outright if the chunk counts still disagree.
func (s *Store) repair() error {
	pending, err := s.pending()
	if err != nil {
		return fmt.Errorf("repair: %w", err)
	}
	for doc, n := range pending {
		if err := s.unindexChunks(doc, n); err != nil {
			return fmt.Errorf("repair: %w", err)
		}
		if err := s.clearPending(doc); err != nil {
			return fmt.Errorf("repair: %w", err)
		}
	}
	want, err := s.chunkCount()
	if err != nil {
		return fmt.Errorf("repair: %w", err)
	}
	got, err := s.index.DocCount()
	if err != nil {
		return fmt.Errorf("repair: %w", err)
	}
	if got != uint64(want) {
		return s.rebuildIndex()
	}
	return nil
}

// Hit is one chunk found by a lexical search.
type Hit struct {
	ChunkID string
	DocID   uint64
	Ord     int
	Score   float64
}

// wholeOnly drops the hits of documents that are not whole in bbolt: one
// being added is in the index before its bbolt transaction commits, so a
// search running meanwhile must not name its chunks yet.
func (s *Store) wholeOnly(hits []Hit) ([]Hit, error) {
	err := s.db.View(func(tx *bolt.Tx) error {
		docs, pending := tx.Bucket(bucketDocs), tx.Bucket(bucketPending)
		whole := map[uint64]bool{}
		kept := hits[:0]
		for _, h := range hits {
			ok, seen := whole[h.DocID]
			if !seen {
				k := docKey(h.DocID)
				ok = docs.Get(k) != nil && pending.Get(k) == nil
				whole[h.DocID] = ok
			}
			if ok {
				kept = append(kept, h)
			}
		}
		hits = kept
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}

// Analyze splits text into index terms exactly as the index does
// (lower-cased, stop words removed, stemmed), in order, with repeats.
func (s *Store) Analyze(text string) []string {
	a := s.index.Mapping().AnalyzerNamed(analyzerName)
	if a == nil {
		return nil
	}
	if d, ok := a.(*analysis.DefaultAnalyzer); ok {
		if b := withoutFilters(d); b != nil {
			a, text = b, filteredText(text)
		}
	}
	toks := a.Analyze([]byte(text))
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = string(t.Term)
	}
	return terms
}
