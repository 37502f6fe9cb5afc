package store

import (
	"io"
	"log"

	"github.com/blevesearch/bleve/v2"
)

// openQuiet opens a Bleve index without the lines Bleve logs while it
// recovers from damage of its own ("unable to load snapshot …,
// continuing"): the index is checked against bbolt right after (its
// version and chunk count) and rebuilt if it lost anything, so those
// lines would only alarm. Bleve writes them to the standard logger, which
// is silenced for the duration of the call.
func openQuiet(path string) (bleve.Index, error) {
	prev := log.Writer()
	log.SetOutput(io.Discard)
	defer log.SetOutput(prev)
	return bleve.Open(path)
}
