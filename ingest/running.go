package ingest

import "quire/runhead"

// Running finds the running heads and feet of a document's pages and its
// heading (see runhead.Find).
func Running(pages []Page) (lines []string, heading string) {
	texts := make([]string, len(pages))
	for i, p := range pages {
		texts[i] = p.Text
	}
	return runhead.Find(texts)
}
