package library

import (
	"context"
	"fmt"
	"strings"
	"time"

	"quire/ingest"
	"quire/llm"
	"quire/search"
	"quire/store"
)

// TextDocument is a document that arrives as text rather than as a PDF,
// such as a record of a retrieval benchmark.
type TextDocument struct {
	Name  string   // shown as the file name in citations
	Path  string   // identifies the source; a document with the same path is replaced
	Pages []string // page texts, page 1 first
}

// AddTexts chunks and indexes text documents, many per store write.
func (l *Library) AddTexts(ctx context.Context, docs []TextDocument) error {
	const perWrite = 500
	for start := 0; start < len(docs); start += perWrite {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("add texts: %w", err)
		}
		var batch []store.NewDocument
		for _, td := range docs[start:min(start+perWrite, len(docs))] {
			nd := l.textDocument(td)
			vecs, embedder, err := l.embed(ctx, nd.Chunks)
			if err != nil {
				return fmt.Errorf("add texts: %w", err)
			}
			if vecs != nil {
				nd.Vectors, nd.Doc.Embedder = vecs, embedder
			}
			batch = append(batch, nd)
		}
		if _, err := l.store.AddDocuments(batch); err != nil {
			return fmt.Errorf("add texts: %w", err)
		}
	}
	return nil
}

func (l *Library) textDocument(td TextDocument) store.NewDocument {
	pages := make([]ingest.Page, 0, len(td.Pages))
	for i, p := range td.Pages {
		if strings.TrimSpace(p) != "" {
			pages = append(pages, ingest.Page{Number: i + 1, Text: p})
		}
	}
	doc := store.Document{Name: td.Name, Path: td.Path, Added: time.Now().UTC(), Pages: len(td.Pages),
		TextPages: len(pages), Status: store.StatusNoText, Engine: "text"}
	chunks := l.chunks(pages)
	if len(chunks) > 0 {
		doc.Status = store.StatusIndexed
	}
	return store.NewDocument{Doc: doc, Chunks: chunks}
}

// chunks splits pages into store chunks.
func (l *Library) chunks(pages []ingest.Page) []store.Chunk {
	var out []store.Chunk
	for _, c := range ingest.Split(pages, l.opts.Chunking) {
		out = append(out, store.Chunk{PageStart: c.PageStart, PageEnd: c.PageEnd, Text: c.Text, Breaks: c.Breaks})
	}
	return out
}

// Search returns the ranked chunks for a query without writing an answer,
// for evaluation and for callers that rank documents themselves. A query
// over llm.MaxQuestionBytes is refused with an *llm.TooLongError.
func (l *Library) Search(ctx context.Context, query string, opts AskOptions) (search.Result, error) {
	if err := llm.CheckQuestion(query); err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	docs, err := l.narrowing(opts.Docs)
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	e, done := l.use()
	defer done()
	return e.searcher.Search(ctx, search.Query{Text: query, TopK: opts.TopK, Docs: docs, Mode: opts.Mode, All: opts.All, Exact: opts.Exact})
}

// narrowing returns the document filter to search with: nil when the
// chosen documents are every searchable one, since a filter costs a term
// lookup per document.
func (l *Library) narrowing(docs []uint64) ([]uint64, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	searchable, err := l.store.SearchableDocuments()
	if err != nil {
		return nil, err
	}
	for _, id := range docs {
		delete(searchable, id)
	}
	if len(searchable) == 0 {
		return nil, nil
	}
	return docs, nil
}

// ChunkPages returns the page span of each chunk of a document.
func (l *Library) ChunkPages(doc uint64) ([]store.PageSpan, error) { return l.store.ChunkPages(doc) }

// SearchModes lists the retrieval modes the installed models allow, the
// default first.
func (l *Library) SearchModes() []search.Mode { return l.current().modes }

// Analyze splits text into index terms the way the BM25 index does.
func (l *Library) Analyze(text string) []string { return l.store.Analyze(text) }
