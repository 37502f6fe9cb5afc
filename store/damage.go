package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged is what a *DamagedError wraps.
var ErrDamaged = errors.New("the library is damaged")

// DamagedError says that library.db cannot be trusted: it is cut short,
// fails bbolt's consistency check, or is missing or empty while the
// library had documents. Open moves the damaged files aside (to MovedTo)
// and refuses to go on with an empty library in their place; Rebuild
// reads again the PDFs they named.
type DamagedError struct {
	Dir     string
	Reason  string // in words: "library.db is cut short (…)"
	MovedTo string // the folder now holding the damaged files
}

func (e *DamagedError) Error() string {
	s := fmt.Sprintf("the library in %s is damaged: %s", e.Dir, e.Reason)
	if e.MovedTo != "" {
		s += "; the damaged files were moved to " + e.MovedTo
	}
	return s
}

func (e *DamagedError) Unwrap() error { return ErrDamaged }

// damagedPrefix names the folders damaged files are moved to; handledMark
// inside one says the damage was dealt with (rebuilt or started afresh).
const (
	damagedPrefix = "damaged-"
	handledMark   = "handled"
	catalogName   = "catalog.json"
)

// Catalog is what a library needs to be rebuilt from its PDFs: their
// paths and the settings (watched folders among them). It is kept beside
// library.db (WriteCatalog), so that a library.db that is lost still
// leaves them.
type Catalog struct {
	Paths    PathList          `json:"paths"`
	Settings map[string]string `json:"settings"`
}

// WriteCatalog saves the catalog beside library.db (atomically).
// It costs one read of the documents: call it once a run is over, not
// per document.
func (s *Store) WriteCatalog() error {
	if s.readOnly != nil {
		return s.readOnly // and the catalog is as the library
	}
	c, err := s.catalog()
	if err != nil {
		return err
	}
	return writeCatalog(filepath.Join(s.dir, catalogName), c)
}

func (s *Store) catalog() (Catalog, error) {
	c := Catalog{Settings: map[string]string{}}
	docs, err := s.Documents()
	if err != nil {
		return c, err
	}
	for _, d := range docs {
		c.Paths = append(c.Paths, d.Path)
	}
	c.Settings, err = s.SettingsWithPrefix("")
	return c, err
}

func writeCatalog(path string, c Catalog) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	return nil
}

func readCatalog(path string) (Catalog, bool) {
	var c Catalog
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &c) != nil {
		return c, false
	}
	return c, true
}

// checkBeforeOpen refuses a library whose damage was found earlier and
// not dealt with, and one whose library.db is missing or empty while its
// catalog or index says it held documents.
func checkBeforeOpen(dir string) error {
	if d := pendingDamage(dir); d != "" {
		return &DamagedError{Dir: dir, Reason: "it was found damaged earlier and has not been rebuilt", MovedTo: d}
	}
	dbPath := filepath.Join(dir, "library.db")
	info, err := os.Stat(dbPath)
	switch {
	case err == nil && info.Size() > 0:
		return nil
	case err != nil && !os.IsNotExist(err):
		return fmt.Errorf("open library %s: %w", dir, err)
	}
	what := "missing"
	if err == nil {
		what = "empty (0 bytes)"
	}
	var knew []string
	if c, ok := readCatalog(filepath.Join(dir, catalogName)); ok && len(c.Paths) > 0 {
		knew = append(knew, fmt.Sprintf("its catalog lists %d documents", len(c.Paths)))
	}
	if n := indexCount(filepath.Join(dir, "bleve")); n > 0 {
		knew = append(knew, fmt.Sprintf("its index holds %d passages", n))
	}
	if len(knew) == 0 {
		return nil // a new library (or one that never held anything)
	}
	return moveAside(dir, fmt.Sprintf("library.db is %s, yet %s", what, strings.Join(knew, " and ")))
}

// indexCount is the number of entries in the Bleve index at path, 0 if
// there is none.
func indexCount(path string) uint64 {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	idx, err := openQuiet(path, nil)
	if err != nil {
		return 0
	}
	defer idx.Close()
	n, _ := idx.DocCount()
	return n
}

// pendingDamage is a damaged-* folder not yet dealt with, or "".
func pendingDamage(dir string) string {
	all := damagedFolders(dir)
	for i := len(all) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(all[i], handledMark)); err != nil {
			return all[i]
		}
	}
	return ""
}

// damagedFolders lists the library's damaged-* folders, oldest first.
func damagedFolders(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, damagedPrefix+"*"))
	sort.Strings(m)
	return m
}

// moveAside moves library.db, the index, the vectors (rows of its
// documents) and the catalog into a new
// damaged-<time> folder and reports the damage.
func moveAside(dir, reason string) error {
	to := filepath.Join(dir, damagedPrefix+time.Now().UTC().Format("20060102-150405.000"))
	if err := os.MkdirAll(to, 0o755); err != nil {
		return fmt.Errorf("open library %s: %s, and it could not be moved aside: %w", dir, reason, err)
	}
	for _, name := range []string{"library.db", "bleve", "vectors", catalogName} {
		if err := os.Rename(filepath.Join(dir, name), filepath.Join(to, name)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("open library %s: %s, and it could not be moved aside: %w", dir, reason, err)
		}
	}
	return &DamagedError{Dir: dir, Reason: reason, MovedTo: to}
}

// openChecked opens library.db and checks it: a file cut short (the
// pages it names lie past its end, which would fault when read) is
// damaged, and so is one that fails bbolt's consistency check, which
// runs (checked) only when the file does not record a clean close
// (cleanclose.go). Faults and panics inside bbolt become errors.
func openChecked(path string) (db *bolt.DB, checked bool, reason string, err error) {
	err = noFault(func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
		return err
	})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) || DiskFull(err) {
			return nil, false, "", err // no damage: a new library.db that found no room
		}
		return nil, false, "it could not be opened: " + err.Error(), nil
	}
	info, err := os.Stat(path)
	if err != nil {
		db.Close()
		return nil, false, "", err
	}
	err = noFault(func() error {
		return db.View(func(tx *bolt.Tx) error {
			if tx.Size() > info.Size() {
				return fmt.Errorf("library.db is cut short (%d of its %d bytes)", info.Size(), tx.Size())
			}
			if closedCleanly(tx) {
				return nil
			}
			checked = true
			return checkTx(tx)
		})
	})
	if err != nil {
		db.Close()
		return nil, checked, err.Error(), nil
	}
	return db, checked, "", nil
}

// checkPages runs bbolt's consistency check over db and says in words
// what it found wrong, or "". It reads every page of the file.
func checkPages(db *bolt.DB) string {
	err := noFault(func() error { return db.View(checkTx) })
	if err != nil {
		return err.Error()
	}
	return ""
}

func checkTx(tx *bolt.Tx) error {
	for e := range tx.Check() {
		return fmt.Errorf("library.db fails its consistency check: %v", e)
	}
	return nil
}

// noFault runs f, turning a panic or a memory fault (a mapped page the
// file no longer has) into an error.
func noFault(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// Salvage reads what it can of a damaged library (a damaged-* folder, or
// the library dir): the paths of its documents and its settings, from
// library.db as far as it can be read, and from its catalog.
func Salvage(dir string) Catalog {
	c, _ := readCatalog(filepath.Join(dir, catalogName))
	if c.Settings == nil {
		c.Settings = map[string]string{}
	}
	seen := map[string]bool{}
	for _, p := range c.Paths {
		seen[p] = true
	}
	_ = noFault(func() error {
		db, err := bolt.Open(filepath.Join(dir, "library.db"), 0o400, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *bolt.Tx) error {
			if b := tx.Bucket(bucketSettings); b != nil {
				b.ForEach(func(k, v []byte) error {
					if _, ok := c.Settings[string(k)]; !ok {
						c.Settings[string(k)] = string(v)
					}
					return nil
				})
			}
			if b := tx.Bucket(bucketDocs); b != nil {
				b.ForEach(func(_, v []byte) error {
					var d Document
					// A damaged record can still parse with its path
					// garbled: one not in the catalog counts only if its
					// file is there to be read again.
					if json.Unmarshal(v, &d) == nil && d.Path != "" && !seen[d.Path] && fileExists(d.Path) {
						seen[d.Path] = true
						c.Paths = append(c.Paths, d.Path)
					}
					return nil
				})
			}
			return nil
		})
	})
	sort.Strings(c.Paths)
	return c
}

// Damaged is the damaged-* folder of dir not yet dealt with, or "".
func Damaged(dir string) string { return pendingDamage(dir) }

// MarkHandled records that the damage in a damaged-* folder was dealt
// with, so that Open goes on.
func MarkHandled(folder string) error {
	return os.WriteFile(filepath.Join(folder, handledMark), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
