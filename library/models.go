package library

import (
	"quire/lexicon"
	"sync"

	"quire/llm"
	"quire/search"
)

// engine is the models in use and what is built on them. SetModels
// replaces the whole engine; the old one stays usable until everyone who
// took it is done, and only then are its models closed.
type engine struct {
	models   search.Models
	searcher *search.Searcher
	answerer llm.Answerer
	modes    []search.Mode
	users    sync.WaitGroup
	close    func() error // releases the models' sessions; nil if the caller owns them
}

func (l *Library) newEngine(m search.Models, close func() error) *engine {
	s := search.New(l.store, m, l.opts.Search)
	return &engine{
		models:   m,
		searcher: s,
		answerer: llm.Extractive{Analyze: s.Analyze, Chunk: l.store.Chunk, English: lexicon.English(), MinKnown: l.opts.MinKnown, MinCoverage: l.opts.MinCoverage, Statements: llm.NewStatementCache()},
		modes:    modes(s.Mode(), m),
		close:    close,
	}
}

// use returns the engine in use and holds it until done is called:
// models swapped meanwhile are closed only after done.
func (l *Library) use() (e *engine, done func()) {
	l.mu.RLock()
	e = l.eng
	e.users.Add(1)
	l.mu.RUnlock()
	return e, e.users.Done
}

// current returns the engine in use now, for reading its fields; use
// holds it while its models run.
func (l *Library) current() *engine {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.eng
}

// models returns the models in use now.
func (l *Library) models() search.Models { return l.current().models }

// SetModels puts other models in use at once, without reopening the
// library: questions asked from now on use them, and documents ingested
// from now on are embedded with them. Questions and embeddings already
// running finish with the old models; then, in the background, the old
// models' close function (the one given with them) is called. close may
// be nil when the caller closes the models itself. Vectors made by
// another embedder are not searched until Reembed has redone them.
func (l *Library) SetModels(m search.Models, close func() error) {
	next := l.newEngine(m, close)
	l.mu.Lock()
	old := l.eng
	l.eng = next
	l.mu.Unlock()
	go old.retire()
}

// retire waits for the engine's users and closes its models.
func (e *engine) retire() error {
	e.users.Wait()
	if e.close == nil {
		return nil
	}
	return e.close()
}
