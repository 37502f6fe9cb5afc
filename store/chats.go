package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bucketChats holds the library's conversations: chat id → the record the
// caller made (package library keeps JSON there). The bucket is created by
// the first PutChat, so libraries made before it need no migration.
var bucketChats = []byte("chats")

// ChatRecord is one stored conversation.
type ChatRecord struct {
	ID   uint64
	Data []byte
}

// PutChat stores a conversation's record under id, or under a new id when
// id is 0; it returns the id. Ids grow, so a later chat has a larger id.
func (s *Store) PutChat(id uint64, data []byte) (uint64, error) {
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketChats)
		if err != nil {
			return err
		}
		if id == 0 {
			if id, err = b.NextSequence(); err != nil {
				return err
			}
		}
		return b.Put(docKey(id), data)
	})
	if err != nil {
		return 0, fmt.Errorf("save chat: %w", err)
	}
	return id, nil
}

// Chat returns a conversation's record, or ErrNotFound.
func (s *Store) Chat(id uint64) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketChats); b != nil {
			if v := b.Get(docKey(id)); v != nil {
				out = append([]byte(nil), v...)
			}
		}
		if out == nil {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("chat %d: %w", id, err)
	}
	return out, nil
}

// Chats returns every conversation's record, newest (largest id) first.
// It reads them all: O(total size of the chats).
func (s *Store) Chats() ([]ChatRecord, error) {
	var out []ChatRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketChats)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			out = append(out, ChatRecord{ID: binary.BigEndian.Uint64(k), Data: append([]byte(nil), v...)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("chats: %w", err)
	}
	return out, nil
}

// DeleteChat removes a conversation; a missing one is not an error.
func (s *Store) DeleteChat(id uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketChats)
		if b == nil {
			return nil
		}
		return b.Delete(docKey(id))
	})
	if err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
		return fmt.Errorf("delete chat %d: %w", id, err)
	}
	return nil
}
