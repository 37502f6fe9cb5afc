package llm

import (
	"regexp"
	"strings"

	"quire/runhead"
	"quire/search"
	"quire/store"
)

// Chunks overlap, and one may begin inside a sentence: "to file a claim
// within the set time frame in order to ensure that your claim is
// processed …" was quoted first for "How do I file a claim?", the rest
// of a sentence whose start only the chunk before holds. Such a first
// line is read whole from the chunk before.

// wholeFirst replaces the first of a hit's lines, when its chunk is not
// its document's first and begins inside it, with the sentence of the
// chunk before that ends with it, read from that chunk; lines and from
// are hitLines'. Only prose: a table row read from the chunk before
// loses the column headers its own chunk gives it.
func (e Extractive) wholeFirst(h search.Hit, lines []string, from []*store.Chunk) {
	if e.Chunk == nil || len(lines) == 0 || !mayBeTorn(unit{text: lines[0], chunk: from[0]}) {
		return
	}
	prev, err := e.Chunk(store.ChunkID(from[0].DocID, from[0].Ord-1))
	if err != nil {
		return
	}
	piece := squash(lines[0])
	ls := Sentences(runhead.NewSet(h.Doc.Running).Strip(prev.Text))
	for i := len(ls) - 1; i >= 0 && i >= len(ls)-maxTornBack; i-- {
		if whole := squash(ls[i]); len(whole) > len(piece) && strings.HasSuffix(whole, piece) && isProse(ls[i]) {
			lines[0], from[0] = ls[i], &prev
			return
		}
	}
}

// maxTornBack is how many of the last sentences of the chunk before are
// read for the whole of a torn first line.
const maxTornBack = 8

// mayBeTorn: the unit is the first sentence of a chunk that is not its
// document's first, which may begin inside a sentence ("Plan, which
// includes coverage for hospice care." of "… the Northwind Health Plus
// Plan, which …"; "Health Plus covers treatments for TMJ disorders" of a
// chunk that begins "Northwind" on the line before).
func mayBeTorn(u unit) bool {
	if u.chunk == nil || u.chunk.Ord == 0 {
		return false
	}
	words := strings.Fields(u.text)
	if len(words) == 0 {
		return false
	}
	i := strings.Index(u.chunk.Text, words[0])
	return i >= 0 && !sentenceEndRE.MatchString(u.chunk.Text[:i])
}

// sentenceEndRE finds the end of a sentence, or of a heading's line.
var sentenceEndRE = regexp.MustCompile(`[.!?:]["”’)]?\s|\n\s*\n`)
