package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Setting returns the stored value of a named setting and whether it is set.
func (s *Store) Setting(name string) (string, bool, error) {
	var val []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketSettings).Get([]byte(name)); v != nil {
			val = append([]byte(nil), v...)
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("setting %s: %w", name, err)
	}
	return string(val), val != nil, nil
}

// SetSetting stores a named setting.
func (s *Store) SetSetting(name, value string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(name), []byte(value))
	})
	if err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	return nil
}
