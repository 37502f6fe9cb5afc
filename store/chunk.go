package store

import "fmt"

// Chunk is a searchable span of a document's text.
type Chunk struct {
	DocID     uint64 `json:"doc"`
	Ord       int    `json:"ord"`
	PageStart int    `json:"ps"`
	PageEnd   int    `json:"pe"`
	Text      string `json:"text"`
	// Breaks are the byte offsets in Text where pages PageStart+1 … PageEnd
	// begin.
	Breaks []int `json:"br,omitempty"`
	// OCR marks text read by OCR from the page image, with OCRConf the
	// mean confidence of its pages' words (0–100).
	OCR     bool    `json:"ocr,omitempty"`
	OCRConf float64 `json:"ocr_conf,omitempty"`
}

// PageAt is the page that the text at byte offset off comes from.
func (c Chunk) PageAt(off int) int {
	p := c.PageStart
	for _, b := range c.Breaks {
		if off >= b {
			p++
		}
	}
	return p
}

// ID is the chunk's key in bbolt and in the Bleve index: it names the
// document, so every index entry can be traced back to its document.
func (c Chunk) ID() string { return ChunkID(c.DocID, c.Ord) }

// ChunkID builds the key of chunk ord of document doc.
func ChunkID(doc uint64, ord int) string { return fmt.Sprintf("%d-%d", doc, ord) }

// ParseChunkID is the inverse of ChunkID.
func ParseChunkID(id string) (doc uint64, ord int, err error) {
	_, err = fmt.Sscanf(id, "%d-%d", &doc, &ord)
	if err != nil {
		return 0, 0, fmt.Errorf("chunk id %q: %w", id, err)
	}
	return doc, ord, nil
}
