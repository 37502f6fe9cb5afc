package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Shown is a file name or path as people see it: a name that is not
// valid UTF-8 (legal on Linux, "r\xe9sum\xe9.pdf" from a Latin-1
// system) has each invalid byte shown as U+FFFD. Only for display: the
// document's Path and Name keep the bytes that open the file.
func Shown(s string) string {
	return strings.ToValidUTF8(s, "\uFFFD")
}

// A Document's Path and Name are the bytes of the file's name, which on
// Linux need not be valid UTF-8. JSON strings would carry such bytes as
// U+FFFD, and the stored path would no longer name the file, so a
// document whose Path or Name is not valid UTF-8 also records it as
// bytes (path_bytes, name_bytes: base64), which win when read back.
// Records without them (all valid names, and every library written
// before) read as they always did.

// documentJSON is Document without its JSON methods.
type documentJSON Document

type documentRecord struct {
	documentJSON
	PathBytes []byte `json:"path_bytes,omitempty"`
	NameBytes []byte `json:"name_bytes,omitempty"`
}

// MarshalJSON writes d, with its Path and Name as bytes too when they
// are not valid UTF-8.
func (d Document) MarshalJSON() ([]byte, error) {
	r := documentRecord{documentJSON: documentJSON(d)}
	if !utf8.ValidString(d.Path) {
		r.PathBytes = []byte(d.Path)
	}
	if !utf8.ValidString(d.Name) {
		r.NameBytes = []byte(d.Name)
	}
	return json.Marshal(r)
}

// UnmarshalJSON reads what MarshalJSON wrote, and records from before
// path_bytes.
func (d *Document) UnmarshalJSON(b []byte) error {
	var r documentRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	*d = Document(r.documentJSON)
	if r.PathBytes != nil {
		d.Path = string(r.PathBytes)
	}
	if r.NameBytes != nil {
		d.Name = string(r.NameBytes)
	}
	return nil
}

// PathList is a list of paths that keeps them byte for byte in JSON:
// a path that is valid UTF-8 is a JSON string, as in a plain []string
// (so lists written before PathList read the same), one that is not is
// {"bytes": base64}.
type PathList []string

type pathBytes struct {
	Bytes []byte `json:"bytes"`
}

// MarshalJSON writes the list.
func (l PathList) MarshalJSON() ([]byte, error) {
	items := make([]any, len(l))
	for i, p := range l {
		if utf8.ValidString(p) {
			items[i] = p
		} else {
			items[i] = pathBytes{[]byte(p)}
		}
	}
	return json.Marshal(items)
}

// UnmarshalJSON reads a list MarshalJSON wrote, or a plain []string.
func (l *PathList) UnmarshalJSON(b []byte) error {
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return err
	}
	if items == nil {
		*l = nil
		return nil
	}
	out := make(PathList, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it, &out[i]); err == nil {
			continue
		}
		var pb pathBytes
		if err := json.Unmarshal(it, &pb); err != nil {
			return fmt.Errorf("path %d: %w", i, err)
		}
		out[i] = string(pb.Bytes)
	}
	*l = out
	return nil
}
