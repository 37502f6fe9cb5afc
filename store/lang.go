package store

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Documents in other languages than English. Every chunk's text is
// indexed in the English field as always; the chunks of a document in
// another language (Document.Lang) are indexed a second time in that
// language's field, "lang.<code>", with its Bleve analyzer (its stemmer
// and stop words), so that "Kündigungsfristen" finds "Kündigungsfrist".
// A query is matched against the English field and, when the library
// holds documents in other languages, against each of their fields too.

// analyzers are the languages with a field of their own.
var analyzers = map[string]string{
	"de": de.AnalyzerName, "es": es.AnalyzerName, "fr": fr.AnalyzerName, "it": it.AnalyzerName,
	"nl": nl.AnalyzerName, "pt": pt.AnalyzerName, "ru": ru.AnalyzerName, "sv": sv.AnalyzerName,
}

const fieldLang = "lang"

// langField is the index field of a language's text.
func langField(code string) string { return fieldLang + "." + code }

// addLangFields adds a field per language to the chunk mapping.
func addLangFields(dm *mapping.DocumentMapping) {
	sub := bleve.NewDocumentStaticMapping()
	for code, a := range analyzers {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = a
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		sub.AddFieldMappingsAt(code, f)
	}
	dm.AddSubDocumentMapping(fieldLang, sub)
}

// langSet tracks the language of each document whose chunks are indexed,
// so that chunks are indexed in their language's field and queries are
// matched against the fields the library uses, and how many chunks each
// such field holds: a term's idf in a field is counted over that field's
// chunks, not the library's.
type langSet struct {
	mu    sync.Mutex
	byDoc map[uint64]langDoc // documents not in English
}

type langDoc struct {
	code   string
	chunks int
}

func (l *langSet) set(doc uint64, code string, chunks int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byDoc == nil {
		l.byDoc = map[uint64]langDoc{}
	}
	if _, ok := analyzers[code]; ok {
		l.byDoc[doc] = langDoc{code, chunks}
	} else {
		delete(l.byDoc, doc)
	}
}

func (l *langSet) of(doc uint64) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byDoc[doc].code
}

// present lists the languages other than English the library holds, with
// the chunks of each.
func (l *langSet) present() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	for _, d := range l.byDoc {
		out[d.code] += d.chunks
	}
	return out
}

// langText is a chunk's text for its language's field, if not English.
func (s *Store) langText(c Chunk) map[string]string {
	if code := s.langs.of(c.DocID); code != "" {
		return map[string]string{code: c.Text}
	}
	return nil
}

// loadLangs reads the documents' languages at open.
func (s *Store) loadLangs() error {
	docs, err := s.Documents()
	if err != nil {
		return err
	}
	for _, d := range docs {
		s.langs.set(d.ID, d.Lang, d.Chunks)
	}
	return nil
}

// analyzeLang splits text into the terms of a language's field.
func (s *Store) analyzeLang(code, text string) []string {
	a := s.index.Mapping().AnalyzerNamed(analyzers[code])
	if a == nil {
		return nil
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}
