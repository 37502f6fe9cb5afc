package search

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
)

// A question that names no file may still say what it is about: "Does
// Northwind Health cover full costs?" is about the Northwind plan
// booklets, "How many employees does Zentara have?" about Zentara's
// handbook. Such a word is the subject of a few documents: it stands in
// most of their chunks and hardly anywhere else. In their own library it
// is in every chunk and weighs nothing; among a few hundred other files
// it is rare, weighs most of the question, and the chunks that repeat it
// ("Northwind Health Plus" twice a paragraph) outrank the one that
// answers. Kept to its documents like a named one (scope.go), the search
// weighs words within them (store.IDFWithin) and ranks them as in their
// own library.

const (
	// subjectShare is the least share of a document's chunks that say
	// its subject.
	subjectShare = 0.5
	// subjectInside is the least share of the word's chunks that are
	// of the documents it is the subject of: a word said throughout
	// some documents but also in many others ("health": a plan booklet,
	// a pharmacy chain's annual report, a survey) tells none apart.
	subjectInside = 0.9
	// subjectMinChunks is the fewest chunks a document has for a word
	// to be its subject: every word of a one-page file stands in most
	// of its chunks.
	subjectMinChunks = 4
	// maxSubjectDF bounds the chunks a subject word may stand in, so
	// that a question's common words are not walked: the subject of a
	// few documents stands in a few hundred chunks.
	maxSubjectDF = 2000
	// minSubjectDF is the fewest chunks a subject word stands in: a
	// word a few chunks of one short document say (a drug, in one
	// abstract of thousands) is a topic the question shares with it, and
	// the library's other documents that say it are as much its answer.
	minSubjectDF = 20
	// maxSubjectWords bounds the words subjectCache remembers.
	maxSubjectWords = 4096
)

// subjectTerms are the question's terms and the words of the names of
// the documents it names (scope): "Northwind_Health_Plus_Benefits_Details.pdf"
// says "Northwind" though the question may say it only there.
func (s *Searcher) subjectTerms(terms []Term, docs []scopeDoc, scope []uint64) ([]Term, error) {
	var words []string
	for _, d := range docs {
		if slices.Contains(scope, d.id) {
			words = append(words, d.words...)
		}
	}
	if len(words) == 0 {
		return terms, nil
	}
	named, err := s.queryTerms(strings.Join(words, " "))
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(terms), named...), nil
}

// union is the sorted union of two document lists.
func union(a, b []uint64) []uint64 {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// subjectCache remembers the documents each word is the subject of (nil
// for none) for one store generation: finding them walks the word's
// chunks, and a library's questions say the same few subjects again.
type subjectCache struct {
	mu   sync.Mutex
	gen  uint64
	docs map[string][]uint64
}

// subjects returns the documents whose subject the question's terms
// say, nil when they say none, and those terms; chunks are the documents'
// chunk counts.
func (s *Searcher) subjects(ctx context.Context, terms []Term, chunks map[uint64]int) ([]uint64, []string, error) {
	gen := s.store.Generation()
	sc := &s.subjectCache
	sc.mu.Lock()
	if sc.gen != gen || sc.docs == nil || len(sc.docs) > maxSubjectWords {
		sc.gen, sc.docs = gen, map[string][]uint64{}
	}
	var docs []uint64
	var said []string
	var unknown []Term
	for _, t := range terms {
		d, ok := sc.docs[t.Text]
		switch {
		case ok:
			docs = append(docs, d...)
			if d != nil {
				said = append(said, t.Text)
			}
		case t.DF >= minSubjectDF && t.DF <= maxSubjectDF:
			unknown = append(unknown, t)
		}
	}
	sc.mu.Unlock()
	for _, t := range unknown {
		d, err := s.subjectOf(ctx, t, chunks)
		if err != nil {
			return nil, nil, err
		}
		sc.mu.Lock()
		if sc.gen == gen {
			sc.docs[t.Text] = d
		}
		sc.mu.Unlock()
		docs = append(docs, d...)
		if d != nil {
			said = append(said, t.Text)
		}
	}
	if docs == nil {
		return nil, nil, nil
	}
	slices.Sort(docs)
	return slices.Compact(docs), slices.Compact(said), nil
}

// subjectOf returns the documents t is the subject of, nil when it is
// no subject. It stops walking t's chunks once too many of them lie
// outside documents that say it throughout: most words are no subject,
// and show it in their first few hundred chunks.
func (s *Searcher) subjectOf(ctx context.Context, t Term, chunks map[uint64]int) ([]uint64, error) {
	counts := map[uint64]int{}
	outside := 0
	allowed := (1 - subjectInside) * float64(t.DF)
	// A run of chunks ends its document's unless the document comes
	// again; counting it outside too early only misses a subject.
	end := func(doc uint64) {
		if n := chunks[doc]; n < subjectMinChunks || float64(counts[doc]) < subjectShare*float64(n) {
			outside += counts[doc]
			delete(counts, doc)
		}
	}
	var last uint64
	started := false
	err := s.store.TermRuns(ctx, t.Text, func(doc uint64, n int) bool {
		if started && doc != last {
			end(last)
		}
		last, started = doc, true
		counts[doc] += n
		return float64(outside) <= allowed
	})
	if err != nil {
		return nil, err
	}
	if started {
		end(last)
	}
	if len(counts) == 0 || float64(outside) > allowed {
		return nil, nil
	}
	return slices.Sorted(maps.Keys(counts)), nil
}

// saidAs gives each subject term as the question writes it ("Northwind"
// for the term "northwind"), or the term itself when only a named file's
// name says it.
func (s *Searcher) saidAs(question string, terms []string) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		word := t
		for _, w := range strings.Fields(question) {
			w = strings.Trim(w, "?.,;:!\"'()’")
			if slices.Contains(s.store.Analyze(w), t) {
				word = w
				break
			}
		}
		out = append(out, word)
	}
	return out
}
