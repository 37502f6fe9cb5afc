package store

import (
	"testing"

	bolt "go.etcd.io/bbolt"
)

// The chunk counter follows adds and removes, and a library without one
// (made before it existed) counts once on open.
func TestChunkCounter(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := addDoc(t, s, "a.pdf", "a", "one", "two", "three")
	addDoc(t, s, "b.pdf", "b", "four")
	if n, err := s.chunkCount(); err != nil || n != 4 {
		t.Fatalf("after adds: %d %v", n, err)
	}
	if err := s.RemoveDocument(a.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.chunkCount(); n != 1 {
		t.Fatalf("after remove: %d", n)
	}
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyChunks) })
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addDoc(t, s, "c.pdf", "c", "five", "six")
	if n, _ := s.chunkCount(); n != 3 {
		t.Fatalf("recounted library: %d", n)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}
