package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// A clean close is recorded in library.db itself: Close writes the key
// closed in bucket meta in the last transaction before it closes the
// file, and Open deletes it in its first write, which is durable (bbolt
// syncs the file on commit) before Open returns and so before any write
// of the session. The key is therefore present exactly when the process
// that last had the library open stopped with Close: a process killed
// (kill -9, a crash) or a machine that lost power while the library was
// open leaves it deleted, and so does a copy of library.db taken while
// the library was open. A library.db from before the key, or one whose
// meta bucket cannot be read, counts as not closed cleanly.
//
// Open runs bbolt's consistency check, which reads every page of
// library.db (O(file): 13 s of CPU at a million chunks), only when the
// key is missing, or when opening a library that was closed cleanly
// fails (a fault, a record that does not parse): damage that reached the
// file while no Quire had it open (a disk that rots, another program
// writing into it) is then reported as damage, with its rebuild, like
// damage after a crash. Such damage in pages Open does not read (the
// chunks) is not looked for at open; a file cut short is, at any open,
// since that costs one stat.

var keyClosed = []byte("closed")

// closedCleanly says whether library.db records a clean close.
func closedCleanly(tx *bolt.Tx) bool {
	b := tx.Bucket(bucketMeta)
	return b != nil && b.Get(keyClosed) != nil
}

// markClosed records a clean close; the last write before the file is
// closed. A failure (a full disk) costs only a consistency check at the
// next open, so it is not reported. A library open read-only kept the
// record of its last clean close (readonly.go): it writes nothing.
func (s *Store) markClosed() {
	if s.readOnly != nil {
		return
	}
	_ = noFault(func() error {
		return s.db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyClosed, []byte(time.Now().UTC().Format(time.RFC3339)))
		})
	})
}
