package store

import (
	"bytes"
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
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(name), []byte(value))
	})
	if err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	return nil
}

// SettingsWithPrefix returns every setting whose name starts with prefix.
func (s *Store) SettingsWithPrefix(prefix string) (map[string]string, error) {
	out := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSettings).Cursor()
		p := []byte(prefix)
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			out[string(k)] = string(v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("settings %s*: %w", prefix, err)
	}
	return out, nil
}

// DeleteSettings removes named settings; names not set are ignored.
func (s *Store) DeleteSettings(names ...string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		for _, n := range names {
			if err := b.Delete([]byte(n)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete settings: %w", err)
	}
	return nil
}
