package store

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	bolt "go.etcd.io/bbolt"
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
//
// It is read from the document records at its first use, not at open:
// walking the records of a library of 29,360 documents was most of the
// time of opening it. What set records before then is newer than the
// records, so it stands over what the reading finds.
type langSet struct {
	mu    sync.Mutex
	byDoc map[uint64]langDoc // documents not in English
	// read reads the records; nil once they are read. set marks here
	// the documents it told before then.
	read func() (map[uint64]langDoc, error)
	told map[uint64]bool
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
	if l.read != nil {
		if l.told == nil {
			l.told = map[uint64]bool{}
		}
		l.told[doc] = true
	}
	if _, ok := analyzers[code]; ok {
		l.byDoc[doc] = langDoc{code, chunks}
	} else {
		delete(l.byDoc, doc)
	}
}

// loaded reads the records if they are not read yet; l.mu is held.
func (l *langSet) loaded() error {
	if l.read == nil {
		return nil
	}
	found, err := l.read()
	if err != nil {
		return err
	}
	if l.byDoc == nil {
		l.byDoc = map[uint64]langDoc{}
	}
	for doc, d := range found {
		if !l.told[doc] {
			l.byDoc[doc] = d
		}
	}
	l.read, l.told = nil, nil
	return nil
}

func (l *langSet) of(doc uint64) (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.loaded(); err != nil {
		return "", err
	}
	return l.byDoc[doc].code, nil
}

// present lists the languages other than English the library holds, with
// the chunks of each.
func (l *langSet) present() (map[string]int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.loaded(); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, d := range l.byDoc {
		out[d.code] += d.chunks
	}
	return out, nil
}

// langText is a chunk's text for its language's field, if not English.
func (s *Store) langText(c Chunk) (map[string]string, error) {
	code, err := s.langs.of(c.DocID)
	if code == "" || err != nil {
		return nil, err
	}
	return map[string]string{code: c.Text}, nil
}

// readLangs reads the languages of the documents not in English from
// their records. It decodes only the records that name such a language.
func (s *Store) readLangs() (map[uint64]langDoc, error) {
	found := map[uint64]langDoc{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).ForEach(func(_, v []byte) error {
			if _, ok := analyzers[recordLang(v)]; !ok {
				return nil
			}
			var d Document
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			found[d.ID] = langDoc{d.Lang, d.Chunks}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("languages: %w", err)
	}
	return found, nil
}

// recordLang is the lang field of a document record as encoding/json
// writes it, read without decoding the record; "" if it has none. Inside
// a JSON string every quote is escaped, so `"lang":"` is only ever the
// key (Document holds no other "lang").
func recordLang(v []byte) string {
	_, rest, ok := bytes.Cut(v, []byte(`"lang":"`))
	if !ok {
		return ""
	}
	code, _, ok := bytes.Cut(rest, []byte(`"`))
	if !ok {
		return ""
	}
	return string(code)
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
