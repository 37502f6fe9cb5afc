package store

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

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
	ID      uint64    `json:"id"`
	Path    string    `json:"path"`
	Name    string    `json:"name"`
	Hash    string    `json:"hash"` // sha256 of the file's bytes, hex
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mod_time"`
	Added   time.Time `json:"added"`
	Pages   int       `json:"pages"`
	Chunks  int       `json:"chunks"`
	Status  Status    `json:"status"`
	Error   string    `json:"error,omitempty"` // plain-words reason when Status is StatusError
	// NeedsPassword: the error is that the file is encrypted and no
	// password given opened it (callers offer to ask for one).
	NeedsPassword bool   `json:"needs_password,omitempty"`
	Engine        string `json:"engine,omitempty"`
	TextPages     int    `json:"text_pages"` // pages that had text
	// Heading is what the document's running heads say about it (a
	// company and report, a journal), kept once here rather than in
	// every chunk; it is indexed with the name.
	Heading string `json:"heading,omitempty"`
	// Running are the lines repeated at the top or bottom of its pages;
	// answers do not quote them.
	Running []string `json:"running,omitempty"`
	// OCRPages lists scanned pages: no extractable text, only an image.
	OCRPages []int `json:"ocr_pages,omitempty"`
	// OCRRead lists the pages whose text OCR read and were indexed after
	// the text layer; OCRFailed those it could not read, OCRReason why.
	OCRRead   []int  `json:"ocr_read,omitempty"`
	OCRFailed []int  `json:"ocr_failed,omitempty"`
	OCRReason string `json:"ocr_reason,omitempty"`
	// Lang is the language the document's text is in (ISO 639-1, "de"),
	// detected from the text; "" or "en" for English.
	Lang string `json:"lang,omitempty"`
	// Embedder names the model that made the chunks' vectors; empty if
	// they have none.
	Embedder string `json:"embedder,omitempty"`
	// Statements are its chunks that carry a financial statement's
	// title, found when it is indexed (search.FindStatements).
	Statements *Statements `json:"statements,omitempty"`
}

// Statements are the ordinals of a document's chunks that carry the title
// of each kind of financial statement (in search's order), as found when
// the document had Chunks chunks: pages OCR adds later change the count,
// and then they are found afresh.
type Statements struct {
	Chunks int     `json:"chunks"`
	Ords   [][]int `json:"ords,omitempty"`
}

// PageList writes page numbers compactly for people: "p. 4",
// "pp. 3, 7–9" and, past max numbers, "pp. 3, 7–9 and 12 more".
func PageList(pages []int, max int) string {
	if len(pages) == 0 {
		return ""
	}
	var parts []string
	shown := 0
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if len(parts) == max {
			break
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, strconv.Itoa(pages[i]))
		}
		shown += j - i + 1
		i = j + 1
	}
	prefix := "pp. "
	if len(pages) == 1 {
		prefix = "p. "
	}
	s := prefix + strings.Join(parts, ", ")
	if rest := len(pages) - shown; rest > 0 {
		s += fmt.Sprintf(" and %d more", rest)
	}
	return s
}

// Title is what a document is called, for search: its file name as words
// and its heading.
func (d Document) Title() string {
	return strings.TrimSpace(d.NameWords() + " " + d.Heading)
}

// NameWords is the file name as words: without its extension, with
// underscores, hyphens and dots as spaces ("3M_2018_10K.pdf" → "3M 2018
// 10K").
func (d Document) NameWords() string {
	name := strings.TrimSuffix(d.Name, filepath.Ext(d.Name))
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == '.' {
			return ' '
		}
		return r
	}, name)
}
