// Package store keeps Quire's library on disk: documents, chunks and
// settings in a bbolt file, and the chunk text in a Bleve index scored
// with BM25.
//
// Invariants:
//   - bbolt is the source of truth. The Bleve index holds exactly the chunks
//     of the documents recorded in bbolt, under the same chunk ids; it can
//     always be rebuilt from bbolt.
//   - A document is added in three steps: a pending mark (bbolt), its chunks
//     (one durable Bleve batch), then the document and its chunks (one
//     bbolt transaction that also clears the mark). After a crash, Open
//     removes the Bleve entries of any pending document, so the library
//     holds whole documents only.
package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// ErrNotFound is returned for a document or chunk that is not in the store.
var ErrNotFound = errors.New("not found")

var (
	bucketDocs     = []byte("docs")     // doc id → Document (JSON)
	bucketHashes   = []byte("hashes")   // content sha256 → doc id
	bucketChunks   = []byte("chunks")   // doc id ‖ ord → Chunk (JSON)
	bucketPending  = []byte("pending")  // doc id → chunk count, while a document is being added
	bucketSettings = []byte("settings") // name → value
	bucketSpans    = []byte("vecspans") // doc id → its vector rows (VectorSpan)
	// bucketLegacyVectors (doc id ‖ ord → float32s) is where earlier
	// versions kept vectors; Open moves them to vector files.
	bucketLegacyVectors = []byte("vectors")
)

// Store is an open library directory. It is safe for concurrent use; writes
// are serialised.
type Store struct {
	dir   string
	db    *bolt.DB
	index bleve.Index

	writeMu sync.Mutex    // one document add or remove at a time keeps bbolt and Bleve in step
	langs   langSet       // languages of the documents, for the index
	gen     atomic.Uint64 // counts changes to the set of chunks or vectors
	// indexFailed holds the first failed write to the index (see batch).
	indexFailed atomic.Pointer[error]
	lengths     lengths // average field lengths, for BM25 (lengths.go)
}

// Generation changes whenever documents, chunks or vectors are added or
// removed, so caches of search results and vectors know when to refresh.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// Open opens the library in dir, creating it if needed, and repairs any
// disagreement between bbolt and the Bleve index left by a crash. A
// damaged library.db (cut short, failing bbolt's consistency check, or
// missing or empty while the library held documents) is moved aside and
// reported as a *DamagedError; so is damage found earlier and not yet
// dealt with (see Salvage and MarkHandled). It never starts empty in
// place of a library it lost.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	if err := checkBeforeOpen(dir); err != nil {
		return nil, err
	}
	db, damage, err := openChecked(filepath.Join(dir, "library.db"))
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open library %s: another Quire is using it", dir)
		}
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	if damage != "" {
		return nil, moveAside(dir, damage)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketDocs, bucketHashes, bucketChunks, bucketPending, bucketSettings, bucketSpans, bucketOCRWords, bucketAppending, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	s := &Store{dir: dir, db: db}
	if err := s.loadLangs(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	if err := s.openIndex(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.finishAppends(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.repair(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrateVectors(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.loadLengths(); err != nil {
		s.Close()
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	return s, nil
}

// Dir is the library directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the index and the database.
func (s *Store) Close() error {
	errIndex := noFault(s.index.Close)
	errDB := s.db.Close()
	return errors.Join(errIndex, errDB)
}
