package llm

import (
	"errors"
	"testing"

	"quire/search"
	"quire/store"
)

func TestWholeFirst(t *testing.T) {
	prev := store.Chunk{DocID: 3, Ord: 4, Text: "Claims are paid monthly. At Northwind Health Plus, it is important to file a claim within the set time frame."}
	e := Extractive{Chunk: func(id string) (store.Chunk, error) {
		if id == prev.ID() {
			return prev, nil
		}
		return store.Chunk{}, errors.New("no chunk")
	}}
	c := &store.Chunk{DocID: 3, Ord: 5, Text: "to file a claim within the set time frame.\nGenerally, you must file within 90 days."}
	lines, from := []string{"to file a claim within the set time frame.", "Generally, you must file within 90 days."}, []*store.Chunk{c, c}
	e.wholeFirst(search.Hit{Chunk: *c}, lines, from)
	if lines[0] != "At Northwind Health Plus, it is important to file a claim within the set time frame." || from[0].Ord != 4 || from[1] != c {
		t.Errorf("lines %q, from chunk %d", lines, from[0].Ord)
	}
	// A chunk that begins a sentence, or a document's first, is left as it is.
	first := &store.Chunk{DocID: 3, Ord: 0, Text: "to file a claim within the set time frame."}
	lines, from = []string{"to file a claim within the set time frame."}, []*store.Chunk{first}
	e.wholeFirst(search.Hit{Chunk: *first}, lines, from)
	if lines[0] != "to file a claim within the set time frame." {
		t.Errorf("a document's first chunk changed: %q", lines[0])
	}
}

// A chunk after a document's first may begin inside a sentence.
func TestMayBeTorn(t *testing.T) {
	c := &store.Chunk{Ord: 161, Text: "Northwind\nHealth Plus covers treatments for TMJ disorders. It also covers splints."}
	first := Sentences("Health Plus covers treatments for TMJ disorders.")[0]
	if !mayBeTorn(unit{text: first, chunk: c}) {
		t.Errorf("%q opens chunk 161 and may be torn", first)
	}
	if mayBeTorn(unit{text: "It also covers splints.", chunk: c}) {
		t.Errorf("the second sentence is whole")
	}
	if mayBeTorn(unit{text: first, chunk: &store.Chunk{Ord: 0, Text: c.Text}}) {
		t.Errorf("a document's first chunk begins a sentence")
	}
}
