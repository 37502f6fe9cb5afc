package search

import (
	"context"
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
// says "Northwind" though the question may say it only there. names holds
// those of them that may be names (names.go): the question's and every
// word of a named file's name.
func (s *Searcher) subjectTerms(question string, terms []Term, docs []scopeDoc, scope []uint64) ([]Term, map[string]bool, error) {
	names := s.nameTerms(question)
	var words []string
	for _, d := range docs {
		if slices.Contains(scope, d.id) {
			words = append(words, d.words...)
		}
	}
	if len(words) == 0 {
		return terms, names, nil
	}
	named, err := s.queryTerms(strings.Join(words, " "))
	if err != nil {
		return nil, nil, err
	}
	for _, t := range named {
		names[t.Text] = true
	}
	return append(slices.Clip(terms), named...), names, nil
}

// union is the sorted union of two document lists.
func union(a, b []uint64) []uint64 {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// subject is what one word is the subject of: its documents (nil for
// none) and the share of the word's chunks they hold.
type subject struct {
	docs  []uint64
	share float64
}

// subjectCache remembers the subject of each word for one store
// generation: finding it walks the word's chunks, and a library's
// questions say the same few subjects again.
type subjectCache struct {
	mu    sync.Mutex
	gen   uint64
	words map[string]subject
}

// subjects returns the documents whose subject the question's name terms
// say, nil when they say none, and the terms that name them (naming);
// chunks are the documents' chunk counts.
func (s *Searcher) subjects(ctx context.Context, terms []Term, names map[string]bool, chunks map[uint64]int) ([]uint64, []string, error) {
	var docs []uint64
	var said []string
	var found []subject
	for _, t := range terms {
		if !names[t.Text] || t.DF < minSubjectDF || t.DF > maxSubjectDF || slices.Contains(said, t.Text) {
			continue
		}
		sub, err := s.subjectOfCached(ctx, t, chunks)
		if err != nil {
			return nil, nil, err
		}
		if sub.docs != nil {
			docs = append(docs, sub.docs...)
			said = append(said, t.Text)
			found = append(found, sub)
		}
	}
	if docs == nil {
		return nil, nil, nil
	}
	slices.Sort(docs)
	return slices.Compact(docs), naming(said, found), nil
}

// subjectOfCached is subjectOf, remembered for the store's generation.
func (s *Searcher) subjectOfCached(ctx context.Context, t Term, chunks map[uint64]int) (subject, error) {
	gen := s.store.Generation()
	sc := &s.subjectCache
	sc.mu.Lock()
	if sc.gen != gen || sc.words == nil || len(sc.words) > maxSubjectWords {
		sc.gen, sc.words = gen, map[string]subject{}
	}
	sub, ok := sc.words[t.Text]
	sc.mu.Unlock()
	if ok {
		return sub, nil
	}
	sub, err := s.subjectOf(ctx, t, chunks)
	if err != nil {
		return sub, err
	}
	sc.mu.Lock()
	if sc.gen == gen {
		sc.words[t.Text] = sub
	}
	sc.mu.Unlock()
	return sub, nil
}

// naming picks, of the words that are subjects (said, with what each is
// the subject of), those that name the documents the search was kept
// to: a word whose documents are some of another's adds none to them
// ("Plus" is the subject of one Northwind booklet, "Northwind" of all),
// and of words with the same documents the one said least outside them
// names them best.
func naming(said []string, subs []subject) []string {
	var out []string
	for i, a := range subs {
		keep := true
		for j, b := range subs {
			if i == j {
				continue
			}
			sub, same := contains(b.docs, a.docs)
			if sub && (!same || b.share > a.share || b.share == a.share && j < i) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, said[i])
		}
	}
	return out
}

// contains reports whether every document of b is one of a's, and
// whether the two are the same.
func contains(a, b []uint64) (all, same bool) {
	for _, d := range b {
		if !slices.Contains(a, d) {
			return false, false
		}
	}
	return true, len(a) == len(b)
}

// subjectOf returns the documents t is the subject of, none when it is
// no subject. It counts t's chunks in each document over the whole walk
// before judging any: a document's chunks need not be consecutive in
// the index (pages read by OCR later, batches the index merged in
// another order), and judging each run as it ends made the subjects
// depend on the order the library was built in. A subject word stands
// in at most maxSubjectDF chunks, so the walk is short.
func (s *Searcher) subjectOf(ctx context.Context, t Term, chunks map[uint64]int) (subject, error) {
	counts := map[uint64]int{}
	total := 0
	err := s.store.TermRuns(ctx, t.Text, func(doc uint64, n int) bool {
		counts[doc] += n
		total += n
		return true
	})
	if err != nil {
		return subject{}, err
	}
	var docs []uint64
	inside := 0
	for doc, n := range counts {
		if c := chunks[doc]; c >= subjectMinChunks && float64(n) >= subjectShare*float64(c) {
			docs = append(docs, doc)
			inside += n
		}
	}
	share := float64(inside) / float64(max(total, 1))
	if len(docs) == 0 || share < subjectInside {
		return subject{}, nil
	}
	slices.Sort(docs)
	return subject{docs: docs, share: share}, nil
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
