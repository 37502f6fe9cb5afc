// Package llm turns the chunks search found into an answer whose every
// sentence cites its source as [n]. The embedded answerer is extractive and
// needs no model; it abstains when the evidence is too weak. Server asks
// a local LLM server (Ollama's API or an OpenAI-compatible one) instead,
// streaming its words, and checks the citations it writes.
package llm

import (
	"context"

	"quire/runhead"
	"quire/search"
	"quire/store"
)

// Answer is the reply to one question.
type Answer struct {
	Text      string `json:"answer"`    // answer with [n] markers, or the not-found message
	Abstained bool   `json:"abstained"` // the documents do not support an answer
	// Confidence is the evidence strength the abstention threshold is
	// compared with (for the extractive answerer: the share of the
	// question's IDF weight on words the library contains, 0–1).
	Confidence float64    `json:"confidence"`
	Citations  []Citation `json:"citations"` // the sources, numbered from 1 in rank order
	Searched   []string   `json:"searched,omitempty"`
	// Scoped is set when the question named documents and only those
	// (Searched) were searched; asking with AskOptions.All widens it.
	Scoped bool `json:"scoped,omitempty"`
	// About are the words that scoped it when the question named no
	// document but said their subject ("Northwind"); nil when it named
	// them.
	About []string `json:"about,omitempty"`
	// Earlier are the documents the question named that were not
	// searched, since it named no year and a later filing of theirs
	// stands in for them (NIKE_2018_10K.pdf beside NIKE_2021_10K.pdf).
	Earlier []string `json:"earlier,omitempty"`
	// Corrected is the question as searched and answered when words the
	// library does not know were corrected to close ones it does
	// ("Showing results for: …"); "" when it was searched as typed.
	// Asking with AskOptions.Exact searches it as typed.
	Corrected string `json:"corrected,omitempty"`
	// From names, by title, the documents the answer quotes, when the
	// library holds more than one (see QuotedTitles).
	From []string `json:"from,omitempty"`
	// Model names the LLM that wrote the answer ("qwen2.5:3b on
	// http://localhost:11434 (Ollama)"); empty for the extractive answer.
	Model string `json:"model,omitempty"`
	// Fallback says why the extractive answer stands in for the model's
	// ("the model's answer cited none of the sources"); empty otherwise.
	Fallback string `json:"fallback,omitempty"`
	// Invalid are citation numbers the model wrote that name no source;
	// they were removed from Text.
	Invalid []int `json:"invalid_citations,omitempty"`
	// Unsupported are the sentences of the model's answer that cite no
	// valid source; each is followed by UnsupportedMark in Text.
	Unsupported []string `json:"unsupported,omitempty"`
}

// Citation is one numbered source of an answer.
type Citation struct {
	N     int    `json:"n"`
	DocID uint64 `json:"doc_id"`
	File  string `json:"file"`
	Title string `json:"title"` // the document's title (see Title)
	// Page is the page of what the answer quotes, or the chunk's first
	// page when it quotes nothing; PageStart–PageEnd is the chunk's span.
	Page      int     `json:"page"`
	PageStart int     `json:"page_start"`
	PageEnd   int     `json:"page_end"`
	ChunkID   string  `json:"chunk_id"`
	Score     float64 `json:"score"`
	Coverage  float64 `json:"coverage"`
	Used      bool    `json:"used"`    // the answer text cites it
	Snippet   string  `json:"snippet"` // what the answer took from it
	Text      string  `json:"text"`    // the whole chunk
	// OCR is the mean confidence (0–100) of the words OCR read when the
	// passage came from a page image, 0 for a text layer; quoting it, an
	// answer says so ("OCR, 91 %").
	OCR float64 `json:"ocr,omitempty"`
}

// Listed are the citations shown under an answer: those its text cites,
// or all of them for an abstention (the closest passages) or when none is
// marked used. A passage that ranked but is not quoted is no source of
// the answer.
func (a Answer) Listed() []Citation {
	if a.Abstained {
		return a.Citations
	}
	var used []Citation
	for _, c := range a.Citations {
		if c.Used {
			used = append(used, c)
		}
	}
	if len(used) == 0 {
		return a.Citations
	}
	return used
}

// NotFound is what an abstaining answer says.
const NotFound = "I couldn't find this in your documents."

// Answerer writes an answer from search results.
type Answerer interface {
	Answer(ctx context.Context, question string, res search.Result) (Answer, error)
}

// citations numbers the hits in rank order.
func citations(hits []search.Hit) []Citation {
	cs := make([]Citation, len(hits))
	for i, h := range hits {
		cs[i] = Citation{
			N:         i + 1,
			DocID:     h.Doc.ID,
			File:      store.Shown(h.Doc.Name), // for people; DocID finds the file
			Title:     Title(h.Doc),
			Page:      h.Chunk.PageStart,
			PageStart: h.Chunk.PageStart,
			PageEnd:   h.Chunk.PageEnd,
			ChunkID:   h.Chunk.ID(),
			Score:     h.Score,
			Coverage:  h.Coverage,
			// Shown as the passage: the document's running heads and
			// feet are noise there.
			Text: runhead.NewSet(h.Doc.Running).Strip(h.Chunk.Text),
		}
		if h.Chunk.OCR {
			cs[i].OCR = max(h.Chunk.OCRConf, 0.1)
		}
	}
	return cs
}
