package store

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
)

// batch writes a Bleve batch. Once a write to the index has failed (a
// full disk), Bleve's memory may no longer match its files, and a later
// write can panic inside it (a nil map in its segment code): the index
// takes no more writes until the library is opened again, when repair
// puts it back in step with bbolt. A panic inside Bleve is an error too.
func (s *Store) batch(b *bleve.Batch) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	if first := s.indexFailed.Load(); first != nil {
		return fmt.Errorf("the index takes no more writes after an earlier failure: %w", *first)
	}
	err := noFault(func() error { return s.index.Batch(b) })
	if err != nil {
		s.indexFailed.CompareAndSwap(nil, &err)
	}
	return err
}
