package library

import (
	"context"
	"fmt"

	"quire/store"
)

// embedBatch is how many chunks are embedded per call: small enough to
// keep memory flat, and large enough that the embedder's length buckets
// (it sorts a call's texts by length and pads each batch to its
// longest) find like lengths. Measured on the 5,228 chunks of northwind,
// zentara and uda with MiniLM's tokenizer (256 tokens, batch 8): padded
// over real tokens 1.059 in calls of 32 chunks, 1.021 in calls of 128,
// 1.007 in one call. (use-lite's 128 pieces hold none of them whole, so
// it pads nothing either way.)
const embedBatch = 128

// embed returns one vector per chunk and the name of the embedder that
// made them, or nil when the library has no embedder. One call uses one
// embedder even if SetModels swaps it meanwhile.
func (l *Library) embed(ctx context.Context, chunks []store.Chunk) ([][]float32, string, error) {
	e, done := l.use()
	defer done()
	emb := e.models.Embedder
	if emb == nil || len(chunks) == 0 {
		return nil, "", nil
	}
	vecs := make([][]float32, 0, len(chunks))
	for start := 0; start < len(chunks); start += embedBatch {
		end := min(start+embedBatch, len(chunks))
		texts := make([]string, 0, end-start)
		for _, c := range chunks[start:end] {
			texts = append(texts, c.Text)
		}
		vs, err := emb.Embed(ctx, texts)
		if err != nil {
			return nil, "", fmt.Errorf("embed: %w", err)
		}
		if len(vs) != len(texts) {
			return nil, "", fmt.Errorf("embed: %d vectors for %d chunks", len(vs), len(texts))
		}
		vecs = append(vecs, vs...)
	}
	return vecs, e.models.EmbedderName, nil
}

// embedderName is the name stored with new vectors ("" without embedder).
func (l *Library) embedderName() string {
	m := l.models()
	if m.Embedder == nil {
		return ""
	}
	return m.EmbedderName
}

// Unembedded counts the searchable documents whose vectors are missing or
// were made by another model than the current embedder.
func (l *Library) Unembedded() (int, error) {
	docs, err := l.stale()
	return len(docs), err
}

func (l *Library) stale() ([]store.Document, error) {
	name := l.embedderName()
	if name == "" {
		return nil, nil
	}
	docs, err := l.store.Documents()
	if err != nil {
		return nil, err
	}
	var out []store.Document
	for _, d := range docs {
		if d.Chunks > 0 && d.Embedder != name {
			out = append(out, d)
		}
	}
	return out, nil
}

// Reembed gives every searchable document vectors from the current
// embedder: documents ingested before the models were installed, or with
// another model. Each document is updated in one transaction, so an
// interrupted run loses nothing and the next one continues. progress, if
// set, gets documents done and total.
func (l *Library) Reembed(ctx context.Context, progress func(done, total int)) error {
	docs, err := l.stale()
	if err != nil {
		return fmt.Errorf("re-embed: %w", err)
	}
	for i, d := range docs {
		chunks, err := l.store.DocChunks(d.ID)
		if err != nil {
			return fmt.Errorf("re-embed %s: %w", d.Name, err)
		}
		vecs, name, err := l.embed(ctx, chunks)
		if err != nil {
			return fmt.Errorf("re-embed %s: %w", d.Name, err)
		}
		if err := l.store.SetVectors(d.ID, name, vecs); err != nil {
			return fmt.Errorf("re-embed %s: %w", d.Name, err)
		}
		if progress != nil {
			progress(i+1, len(docs))
		}
	}
	return nil
}
