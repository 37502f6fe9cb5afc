package store

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// A library opened on a full disk is opened read-only. Open's one
// write (clearing the record of a clean close, cleanclose.go) needs a
// page of library.db, which a full disk may not give (always, on a file
// system that never writes in place, such as btrfs). When that write
// fails for want of space and library.db already holds what an open
// library reads, Open goes on read-only: searches and reads work, every
// write returns ReadOnly's error, and Close writes nothing. library.db
// is then exactly as the last Close left it, clean-close record
// included, so the record stays true. A library that needs a write to
// open (a new one, one with a document half added to repair) fails to
// open instead, with the full disk in its error.

// ErrReadOnly is returned by writes to a library opened read-only.
var ErrReadOnly = errors.New("the library is open read-only")

// DiskFull recognises a failure for want of space: a full disk, a full
// quota or the file-size limit. bbolt and Bleve flatten some errors into
// text, so their words are matched too.
func DiskFull(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{syscall.ENOSPC.Error(), syscall.EDQUOT.Error(), syscall.EFBIG.Error()} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// ReadOnly is nil for a library open for writing; for one opened
// read-only, the error its writes return (ErrReadOnly, wrapping why).
func (s *Store) ReadOnly() error { return s.readOnly }

// update runs fn in a write transaction, unless the library is open
// read-only.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	return s.db.Update(fn)
}

// goReadOnly is what load does when its write failed with err: the
// library goes on read-only if the failure is a full disk and every
// bucket is already there; otherwise err stands.
func (s *Store) goReadOnly(err error) error {
	if !DiskFull(err) {
		return err
	}
	missing := s.db.View(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				return fmt.Errorf("no bucket %s", b)
			}
		}
		return nil
	})
	if missing != nil {
		return err
	}
	s.readOnly = fmt.Errorf("%w, as there was no room to open it for writing (free some space and open it again): %w", ErrReadOnly, err)
	return nil
}
