package library

import (
	"sync"

	"quire/store"
)

// An answer says which documents it searched. Reading every document's
// record for that took a fifth of a question's time in a library of 364
// files, so the names are kept as of the store's generation, which every
// document added, removed, renamed or grown by OCR moves.

// docNames caches the library's documents' names and states.
type docNames struct {
	mu   sync.Mutex
	gen  uint64
	read bool
	docs []namedDoc
}

type namedDoc struct {
	id      uint64
	name    string
	indexed bool
}

// list returns the documents as of the store's generation now.
func (n *docNames) list(st *store.Store) ([]namedDoc, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	gen := st.Generation()
	if n.read && n.gen == gen {
		return n.docs, nil
	}
	docs, err := st.Documents()
	if err != nil {
		return nil, err
	}
	out := make([]namedDoc, len(docs))
	for i, d := range docs {
		out[i] = namedDoc{id: d.ID, name: d.Name, indexed: d.Status == store.StatusIndexed}
	}
	n.docs, n.gen, n.read = out, gen, true
	return out, nil
}

// searchedNames lists the indexed documents among only (all if only is
// empty), and counts the library's indexed documents.
func (l *Library) searchedNames(only []uint64) (names []string, indexed int, err error) {
	docs, err := l.names.list(l.store)
	if err != nil {
		return nil, 0, err
	}
	want := map[uint64]bool{}
	for _, id := range only {
		want[id] = true
	}
	for _, d := range docs {
		if !d.indexed {
			continue
		}
		indexed++
		if len(only) == 0 || want[d.id] {
			names = append(names, d.name)
		}
	}
	return names, indexed, nil
}
