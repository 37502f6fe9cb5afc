package store

import "time"

// Status says what ingest made of a file.
type Status string

const (
	StatusIndexed Status = "indexed" // text extracted and searchable
	StatusNoText  Status = "no-text" // opened, but no text layer: needs OCR
	StatusError   Status = "error"   // could not be read; Error says why
)

// Document is one file in the library. Failed files are documents too, so
// the library can show what went wrong with them.
type Document struct {
	ID        uint64    `json:"id"`
	Path      string    `json:"path"`
	Name      string    `json:"name"`
	Hash      string    `json:"hash"` // sha256 of the file's bytes, hex
	Size      int64     `json:"size"`
	ModTime   time.Time `json:"mod_time"`
	Added     time.Time `json:"added"`
	Pages     int       `json:"pages"`
	Chunks    int       `json:"chunks"`
	Status    Status    `json:"status"`
	Error     string    `json:"error,omitempty"` // plain-words reason when Status is StatusError
	Engine    string    `json:"engine,omitempty"`
	TextPages int       `json:"text_pages"` // pages that had text
	// OCRPages lists scanned pages: no extractable text, only an image.
	OCRPages []int `json:"ocr_pages,omitempty"`
	// Embedder names the model that made the chunks' vectors; empty if
	// they have none.
	Embedder string `json:"embedder,omitempty"`
}
