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
// config is Bleve's run-time configuration (nil for its defaults).
func openQuiet(path string, config map[string]any) (bleve.Index, error) {
	prev := log.Writer()
	log.SetOutput(io.Discard)
	defer log.SetOutput(prev)
	return bleve.OpenUsing(path, config)
}
