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

// allBuckets are the buckets of library.db, made by Open.
var allBuckets = [][]byte{bucketDocs, bucketHashes, bucketChunks, bucketPending, bucketSettings, bucketSpans, bucketOCRWords, bucketAppending, bucketMeta}

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
	// indexConfig is Bleve's configuration of the index (nil: its
	// defaults; tests set one that never merges segments).
	indexConfig map[string]any
	scans       scans // boundScan's per-chunk bounds, kept between questions
	// scanShare: a question whose terms' postings number more than
	// this share of the chunks is answered by boundScan (boundscan.go).
	scanShare float64
	// checked says whether Open ran bbolt's consistency check, that is
	// whether library.db did not record a clean close (cleanclose.go).
	checked bool
	// readOnly is set by Open, for a library opened read-only on a full
	// disk, to the error every write returns (readonly.go).
	readOnly error
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
// place of a library it lost. The consistency check reads all of
// library.db; it runs only if the library was not closed cleanly
// (cleanclose.go), or if opening one that was fails, so Open after a
// Close reads a few keys, the list of documents and the index's count.
func Open(dir string) (*Store, error) {
	return open(dir, nil)
}

// open is Open with Bleve's configuration of the index.
func open(dir string, indexConfig map[string]any) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	if err := checkBeforeOpen(dir); err != nil {
		return nil, err
	}
	dbPath := filepath.Join(dir, "library.db")
	_, statErr := os.Stat(dbPath)
	created := os.IsNotExist(statErr)
	// A library this Open began to make on a full disk is not left
	// half made, to be read as damage once there is room.
	unmake := func() {
		if created {
			os.Remove(dbPath)
			os.RemoveAll(filepath.Join(dir, "bleve"))
		}
	}
	db, checked, damage, err := openChecked(dbPath)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open library %s: another Quire is using it", dir)
		}
		if DiskFull(err) {
			unmake()
		}
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	if damage != "" {
		return nil, moveAside(dir, damage)
	}
	s := &Store{dir: dir, db: db, checked: checked, indexConfig: indexConfig, scanShare: defaultScanShare}
	if err := noFault(s.load); err != nil {
		// Damage that reached library.db after a clean close shows
		// here, if anywhere at open: checked now, it is reported as
		// damage (and offered a rebuild) rather than as a failure.
		if !checked {
			if reason := checkPages(db); reason != "" {
				s.abandon()
				return nil, moveAside(dir, reason)
			}
		}
		s.abandon()
		if DiskFull(err) {
			unmake()
		}
		return nil, err
	}
	return s, nil
}

// load makes the buckets, clears the record of a clean close, reads what
// an open store keeps in memory (the BM25 statistics; the documents'
// languages are read at their first use), opens the index and brings it
// in step with bbolt.
func (s *Store) load() error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		// Until Close records it again, the library is not closed
		// cleanly; this commit is durable before Open returns.
		return tx.Bucket(bucketMeta).Delete(keyClosed)
	})
	if err != nil {
		// A full disk: read-only, if the library can be read as it is
		// (readonly.go).
		if err := s.goReadOnly(err); err != nil {
			return fmt.Errorf("open library %s: %w", s.dir, err)
		}
	}
	s.langs.read = s.readLangs // at first use (lang.go)
	// The documents' first page is read now, so that a garbled root of
	// the documents is found at open (damage.go), as when every record
	// was read here.
	err = s.db.View(func(tx *bolt.Tx) error {
		tx.Bucket(bucketDocs).Cursor().First()
		return nil
	})
	if err != nil {
		return fmt.Errorf("open library %s: %w", s.dir, err)
	}
	if err := s.openIndex(); err != nil {
		return err
	}
	if err := s.finishAppends(); err != nil {
		return err
	}
	if err := s.repair(); err != nil {
		return err
	}
	if err := s.migrateVectors(); err != nil {
		return err
	}
	if err := s.loadLengths(); err != nil {
		return fmt.Errorf("open library %s: %w", s.dir, err)
	}
	return nil
}

// Dir is the library directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the index and the database, recording in the database
// that it was closed cleanly, so that the next Open skips the
// consistency check. The store must not be used after Close.
func (s *Store) Close() error {
	errIndex := noFault(s.index.Close)
	s.markClosed()
	errDB := s.db.Close()
	return errors.Join(errIndex, errDB)
}

// abandon closes a store that Open could not finish opening, leaving no
// record of a clean close: the next Open checks library.db.
func (s *Store) abandon() {
	if s.index != nil {
		noFault(s.index.Close)
	}
	s.db.Close()
}
