package llm

import (
	"slices"
	"testing"

	"quire/search"
	"quire/store"
)

// Two consecutive chunks overlap: the second's first lines are read
// once. Lines of the second that repeat the first's after its own lines
// (a second table under the same header) are read again.
func TestHitLinesReadTheOverlapOnce(t *testing.T) {
	first := store.Chunk{Ord: 4, Text: "Note 4. Accounts Receivable\nMarch 31,\n2012 2011\nTrade receivables $20,688 $15,650\nNote 5. Inventories"}
	second := store.Chunk{Ord: 5, Text: "receivables $20,688 $15,650\nNote 5. Inventories\nMarch 31,\n2012 2011\nFinished goods 3,458 1,032"}
	lines, _ := hitLines(search.Hit{Chunk: second, Companions: []store.Chunk{first}})
	want := []string{"Note 4.", "Accounts Receivable", "March 31,", "2012 2011", "Trade receivables $20,688 $15,650", "Note 5.", "Inventories",
		"receivables $20,688 $15,650", // a piece: dropCutPieces keeps one this short
		"March 31,", "2012 2011", "Finished goods 3,458 1,032"}
	if !slices.Equal(lines, want) {
		t.Errorf("lines %q,\nwant %q", lines, want)
	}
	// Chunks that are not consecutive do not overlap: nothing is left out.
	far := store.Chunk{Ord: 9, Text: second.Text}
	lines, _ = hitLines(search.Hit{Chunk: far, Companions: []store.Chunk{first}})
	if n := len(lines); n != 13 {
		t.Errorf("%d lines of chunks 4 and 9, want all 13: %q", n, lines)
	}
}

// The chunk before ends inside a sentence the next chunk holds whole: the
// sentence ahead of that piece is read once, and the piece is left out.
func TestHitLinesReadTheOverlapOnceWhenItEndsInAPiece(t *testing.T) {
	first := store.Chunk{Ord: 242, Text: "If you are unsure, you should contact Northwind Health first.\n\nThere are a few exceptions to the twelve month timely filing limit. These include claims\nsubmitted for newborns, claims submitted for"}
	second := store.Chunk{Ord: 243, Text: "There are a few exceptions to the twelve month timely filing limit. These include claims\nsubmitted for newborns, claims submitted for a deceased member, and claims submitted for services that were provided out-of-country."}
	lines, _ := hitLines(search.Hit{Chunk: first, Companions: []store.Chunk{second}})
	want := []string{"If you are unsure, you should contact Northwind Health first.",
		"There are a few exceptions to the twelve month timely filing limit.",
		"These include claims submitted for newborns, claims submitted for a deceased member, and claims submitted for services that were provided out-of-country."}
	if !slices.Equal(lines, want) {
		t.Errorf("lines %q,\nwant %q", lines, want)
	}
}
