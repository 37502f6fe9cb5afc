// Package search finds the chunks that answer a question. A first stage
// over-fetches a candidate pool with BM25 and, when an Embedder is
// present, dense vectors, fused by reciprocal rank; in BM25 and hybrid
// mode a second stage reorders the pool by evidence the first does not
// weigh (order.go); a cross-encoder Reranker, when present, then
// reorders the pool, cut to the top k. The pool is the ceiling of the
// stages after it: what the first stage misses, nothing after it can
// bring back.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"quire/lexicon"
	"quire/store"
)

// Embedder turns passages into L2-normalised vectors.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// QueryEmbedder is implemented by embedders whose queries take another
// form than passages (an instruction prefix, "query: ").
type QueryEmbedder interface {
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// Reranker scores (query, passage) pairs; higher is more relevant. Scores
// are raw model logits, not probabilities.
type Reranker interface {
	Rerank(ctx context.Context, query string, passages []string) ([]float32, error)
}

// Mode is a retrieval pipeline.
type Mode string

const (
	ModeBM25       Mode = "bm25"       // lexical only
	ModeDense      Mode = "dense"      // vectors only
	ModeHybrid     Mode = "hybrid"     // BM25 and vectors, fused
	ModeRerank     Mode = "rerank"     // hybrid (or BM25), then the cross-encoder orders the whole pool
	ModeGuaranteed Mode = "guaranteed" // like rerank, but the first stage keeps its top k−g places
	ModeCascade    Mode = "cascade"    // like guaranteed, but the reranker is skipped or shortened when the first stage is confident (rerank.go)
)

// Models are the optional neural parts of a searcher.
type Models struct {
	Embedder     Embedder
	EmbedderName string // the name stored with each document's vectors
	Reranker     Reranker
	// AbstainLogit, when set, is the reranker logit below which the best
	// hit is too weak to answer from, calibrated per model.
	AbstainLogit *float64
	// Fusion and WeightDense are the fusion the embedder does best with,
	// measured on the evaluation sets; Options override them.
	Fusion      string
	WeightDense float64
}

// Options tune a Searcher. Zero values mean the defaults.
type Options struct {
	Mode        Mode    // default: the best the models allow
	Candidates  int     // first-stage pool (default 30; 20–50 is sensible)
	TopK        int     // results returned (default 5)
	Guaranteed  int     // g: slots the reranker fills in ModeGuaranteed (default 1)
	Fusion      string  // "rrf" (default) or "blend"
	RRFK        float64 // reciprocal rank fusion constant (default 60)
	WeightBM25  float64 // fusion weights (default 1 each)
	WeightDense float64
	CacheSize   int // results remembered (default 256; negative disables)
}

func (o Options) withDefaults(m Models) Options {
	if o.Candidates <= 0 {
		o.Candidates = 30
	}
	if o.TopK <= 0 {
		o.TopK = 5
	}
	if o.Guaranteed <= 0 {
		o.Guaranteed = 1
	}
	if o.Fusion == "" {
		o.Fusion = cmp.Or(m.Fusion, "rrf")
	}
	if o.RRFK <= 0 {
		o.RRFK = 60
	}
	if o.WeightBM25 <= 0 {
		o.WeightBM25 = 1
	}
	if o.WeightDense <= 0 {
		o.WeightDense = cmp.Or(m.WeightDense, 1)
	}
	if o.CacheSize == 0 {
		o.CacheSize = 256
	}
	if o.Mode == "" {
		switch {
		case m.Reranker != nil:
			o.Mode = ModeGuaranteed
		case m.Embedder != nil:
			o.Mode = ModeHybrid
		default:
			o.Mode = ModeBM25
		}
	}
	return o
}

// Searcher answers queries over one store. It is safe for concurrent use.
type Searcher struct {
	store  *store.Store
	models Models
	opts   Options
	dense  *denseIndex
	cache  *resultCache
	scoper scoper
	// asking holds the analysed forms of words that shape a question
	// but carry none of its content ("how many", "tell me"); they are
	// left out of the evidence weights, not of the BM25 query.
	asking map[string]bool
	// arithmetic holds the analysed forms of words that say what is done
	// with a table row's figures, not which row (rowlabel.go).
	arithmetic map[string]bool
	// lexicon holds the English words no question word is corrected
	// from (spell.go).
	lexicon      lexicon.Set
	chunkTerms   chunkTerms
	subjectCache subjectCache
	// statementIndex finds each document's financial statements once
	// (statementchunks.go).
	statementIndex statementIndex
}

// New returns a searcher over st with whatever models are present.
func New(st *store.Store, m Models, opts Options) *Searcher {
	s := &Searcher{store: st, models: m, opts: opts.withDefaults(m), asking: map[string]bool{}, lexicon: lexicon.English()}
	if m.Embedder != nil {
		s.dense = newDenseIndex(m.EmbedderName)
	}
	s.cache = newResultCache(s.opts.CacheSize)
	for _, t := range st.Analyze(questionWords) {
		s.asking[t] = true
	}
	s.arithmetic = termSet(st.Analyze(arithmeticWords))
	return s
}

const questionWords = `how many much long often far old what which who whom whose when where why
	does do did can could would should will shall may might must tell me please give list describe explain
	show find there any kind sort type mean meaning happen happens get want need know`

// Mode is the pipeline used when a query names none.
func (s *Searcher) Mode() Mode { return s.opts.Mode }

// Query is one question.
type Query struct {
	Text string
	TopK int      // overrides Options.TopK when > 0
	Docs []uint64 // search only these documents; nil searches all
	Mode Mode     // overrides Options.Mode when set
	// All searches every document even when the question names some
	// (see Result.Scope): the user widening a scoped answer.
	All bool
	// Exact searches the words as typed, unknown ones too (see
	// Result.Corrected): the user refusing a correction.
	Exact bool
	// within, when set, weighs words among these documents' chunks (a
	// subject's, see subject.go).
	within []uint64
	// also is what BM25 searches beside Text: the long forms of the
	// question's short forms (see defined.go).
	also []string
}

// Term is one analysed content term of the query with its weight in the
// collection.
type Term struct {
	Text string
	IDF  float64
	DF   int // chunks containing the term
}

// Hit is one chunk in the results.
type Hit struct {
	Chunk store.Chunk
	Doc   store.Document
	Score float64 // score of the stage that placed it
	// Stage scores; a rank of 0 means the stage did not find the chunk.
	BM25Rank, DenseRank int
	Logit               float64 // cross-encoder logit, when Reranked
	Reranked            bool
	// Coverage is the share of the query's IDF weight whose terms occur
	// in the chunk (0–1): a lexical evidence strength comparable across
	// queries, unlike BM25 scores. Coverage and Terms are set for the
	// first 20 hits (Terms, where the second stage ran, for the whole pool).
	Coverage float64
	Terms    map[string]bool // analysed terms of the chunk text
	// Companions are the other chunks of the hit's page that ranked in
	// the pool but gave their place to other pages (see spread.go), in
	// document order: the answer may quote them as the same source. A
	// balance sheet's assets and liabilities are two chunks of one page.
	Companions []store.Chunk
	// Statement is set when the chunk is a financial statement the
	// question names ("… shown in the cash flow statement"): its rows
	// answer before the notes that repeat their words.
	Statement bool
	// Row is set when the chunk holds a table row whose label the
	// question says, with figures, and a year it asks (see rowsFirst):
	// the row answers before prose that says the question's words more
	// often.
	Row bool
}

// Timing is where a search spent its time.
type Timing struct {
	Embed, BM25, Dense, Rerank, Total time.Duration
}

// Result is the outcome of one search.
type Result struct {
	Mode  Mode
	Terms []Term // distinct analysed content terms of the query
	Hits  []Hit  // best first
	// Weak is set when the reranker's best logit is below the model's
	// calibrated abstention threshold.
	Weak bool
	// RerankedN is how many candidates the cross-encoder scored: the
	// whole pool, or fewer or none when the cascade judged the first
	// stage confident.
	RerankedN int
	Timing    Timing
	Cached    bool
	// Scope holds the documents the question names, when the search was
	// kept to them (see scope.go); nil when it searched as asked.
	Scope []uint64
	// Earlier holds the documents the question names that were left out
	// for a later filing of the same name and kind, since it named no
	// year (see latest.go).
	Earlier []uint64
	// About are the question's words that kept the search to Scope when
	// it named no document but said their subject ("Northwind"; see
	// subject.go); nil when Scope holds named documents.
	About []string
	// Corrected is the question as searched when words the index does
	// not know were replaced by words it does (see spell.go), and
	// Corrections the words replaced; "" and nil when it was searched as
	// typed. Terms, Scope and Hits are those of Corrected.
	Corrected   string
	Corrections []Correction
	// Defined maps a term of a question word the library defines (as
	// "Chief Executive Officer (CEO)" defines "ceo") to the terms of its
	// long form: a text that says them all says the term (see
	// WithDefined). Terms and Coverage count it so.
	Defined map[string][]string
	// Second holds the best chunks for the second part of a question
	// that asks two things (see QuestionParts), when the first
	// answerHits hits do not hold the best (they may hold the others);
	// an answer reads them for that part alone.
	Second []Hit
}

// maxEvidenceHits bounds how many hits get Terms and Coverage.
const maxEvidenceHits = 20

// Search runs the query through the pipeline of its mode.
func (s *Searcher) Search(ctx context.Context, q Query) (Result, error) {
	start := time.Now()
	if q.TopK <= 0 {
		q.TopK = s.opts.TopK
	}
	if q.Mode == "" {
		q.Mode = s.opts.Mode
	}
	if err := s.check(q.Mode); err != nil {
		return Result{}, err
	}
	gen := s.store.Generation()
	if r, ok := s.cache.get(q, gen); ok {
		r.Cached = true
		return r, nil
	}
	res, err := s.search(ctx, q)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	res.Timing.Total = time.Since(start)
	s.cache.put(q, gen, res)
	return res, nil
}

// check refuses a mode whose models are missing.
func (s *Searcher) check(m Mode) error {
	switch m {
	case ModeBM25:
	case ModeDense, ModeHybrid:
		if s.models.Embedder == nil {
			return fmt.Errorf("search mode %s needs an embedding model", m)
		}
	case ModeRerank, ModeGuaranteed, ModeCascade:
		if s.models.Reranker == nil {
			return fmt.Errorf("search mode %s needs a reranking model", m)
		}
	default:
		return fmt.Errorf("unknown search mode %q", m)
	}
	return nil
}

func (s *Searcher) search(ctx context.Context, q Query) (Result, error) {
	res := Result{Mode: q.Mode}
	if !q.Exact {
		text, fixes, err := s.correct(ctx, q.Text)
		if err != nil {
			return res, err
		}
		if fixes != nil {
			q.Text, res.Corrected, res.Corrections = text, text, fixes
		}
		if priced := asPriced(q.Text); priced != q.Text {
			q.Text, res.Corrected = priced, priced
		}
		measured, err := s.asMeasured(q.Text)
		if err != nil {
			return res, err
		}
		if measured != q.Text {
			q.Text, res.Corrected = measured, measured
		}
	}
	terms, err := s.queryTerms(q.Text)
	if err != nil {
		return res, err
	}
	res.Terms = terms
	var longs []string
	if res.Defined, longs, err = s.defined(q.Text); err != nil {
		return res, err
	}
	q.also = longs
	pool := max(s.opts.Candidates, q.TopK)
	refs, sc, err := s.scopedFirstStage(ctx, q, terms, pool, &res.Timing)
	if err != nil {
		return res, err
	}
	scope, within := sc.scope, sc.within
	res.Scope, res.Earlier = scope, sc.earlier
	if sc.about != nil {
		res.About = s.saidAs(q.Text, sc.about)
	}
	if again, ok, err := s.inReportNaming(ctx, q, res); ok || err != nil {
		return again, err
	}
	hits, err := s.load(refs)
	if err != nil {
		return res, err
	}
	if within != nil {
		// The question is weighed, ordered and judged (Coverage, and
		// the answer's known words) as in the subject's own library.
		if terms, err = s.weighed(terms, within); err != nil {
			return res, err
		}
		res.Terms = terms
	}
	if terms, err = s.knownAsDefined(terms, res.Defined, within); err != nil {
		return res, err
	}
	res.Terms = terms
	if w, ok := s.orderWeights(q.Mode); ok {
		hits = s.reorder(q.Text, terms, res.Defined, hits, w, s.opts.Candidates)
	}
	if q.Mode == ModeRerank || q.Mode == ModeGuaranteed || q.Mode == ModeCascade {
		t := time.Now()
		if hits, res.RerankedN, err = s.rerank(ctx, q, terms, hits); err != nil {
			return res, err
		}
		res.Timing.Rerank = time.Since(t)
		if th := s.models.AbstainLogit; th != nil && res.RerankedN > 0 {
			res.Weak = bestLogit(hits) < *th
		}
	}
	named := scope != nil && sc.about == nil
	if hits, err = s.withStatements(q.Text, hits, scope, named); err != nil {
		return res, err
	}
	searched := scope
	if q.Docs != nil {
		searched = q.Docs
	}
	if hits, err = s.rowsFirst(ctx, q.Text, hits, searched); err != nil {
		return res, err
	}
	if hits, err = s.countsFirst(ctx, q.Text, hits, searched, q.TopK); err != nil {
		return res, err
	}
	hits = s.chargeFirst(q.Text, terms, res.Defined, hits, q.TopK)
	hits = spread(statementsFirst(q.Text, hits, named))
	if res.Second, err = s.secondPart(ctx, q.Text, hits, searched); err != nil {
		return res, err
	}
	if len(hits) > q.TopK {
		hits = withCompanions(hits[:q.TopK], hits[q.TopK:])
	}
	// Evidence is measured for the hits an answer can use; deeper ranks
	// (asked for by evaluations) skip the cost of re-analysing their text.
	for i := range hits[:min(len(hits), maxEvidenceHits)] {
		s.measureHit(&hits[i], terms, res.Defined)
	}
	for i := range res.Second {
		s.measureHit(&res.Second[i], terms, res.Defined)
	}
	res.Hits = hits
	return res, nil
}

// measureHit sets h's Terms, unless the second stage set them, and its
// Coverage of terms.
func (s *Searcher) measureHit(h *Hit, terms []Term, defined map[string][]string) {
	if h.Terms == nil {
		h.Terms = DefinedSet(s.analyse(h.Chunk), defined)
	}
	h.Coverage = Coverage(terms, h.Terms)
}

// scoping is what kept a search to some documents: those it was kept to
// (scope), those it weighed words within, the subject words that chose
// them when the question named none (about), and the named documents
// left out for a later filing of theirs (earlier; see latest.go).
type scoping struct {
	scope, within []uint64
	about         []string
	earlier       []uint64
}

// scopedFirstStage runs the first stage over the documents the question
// names (scope.go), or else those whose subject it says (subject.go), if
// they hold a match; else as asked. Where it says a subject, words are
// weighed within the subject's documents.
func (s *Searcher) scopedFirstStage(ctx context.Context, q Query, terms []Term, pool int, tm *Timing) ([]ranked, scoping, error) {
	if q.Docs == nil && !q.All {
		docs, chunks, err := s.scoper.load(s.store)
		if err != nil {
			return nil, scoping{}, err
		}
		var sc scoping
		if sc.scope, sc.earlier, err = s.named(docs, q.Text); err != nil {
			return nil, scoping{}, err
		}
		said, names, err := s.subjectTerms(q.Text, terms, docs, sc.scope)
		if err != nil {
			return nil, scoping{}, err
		}
		within, subject, err := s.subjects(ctx, said, names, chunks)
		if err != nil {
			return nil, scoping{}, err
		}
		if len(within) == len(chunks) {
			within = nil // the subject of every document: the library's own
		}
		if sc.scope == nil && within != nil {
			sc.scope, sc.about = within, subject
		}
		if sc.scope != nil {
			sq := q
			sq.Docs = sc.scope
			if within != nil {
				sq.within = union(within, sc.scope)
			}
			sc.within = sq.within
			refs, err := s.firstStage(ctx, sq, pool, tm)
			if err != nil || len(refs) > 0 {
				return refs, sc, err
			}
		}
	}
	refs, err := s.firstStage(ctx, q, pool, tm)
	return refs, scoping{}, err
}

// Analyze splits text into terms the way the index does.
func (s *Searcher) Analyze(text string) []string { return s.store.Analyze(text) }

func termSet(seq []string) map[string]bool {
	set := make(map[string]bool, len(seq))
	for _, t := range seq {
		set[t] = true
	}
	return set
}

func (s *Searcher) queryTerms(text string) ([]Term, error) {
	var uniq []string
	seen := map[string]bool{}
	for _, t := range s.store.Analyze(text) {
		if !seen[t] && !s.asking[t] {
			seen[t] = true
			uniq = append(uniq, t)
		}
	}
	terms := make([]Term, len(uniq))
	for i, t := range uniq {
		terms[i] = Term{Text: t}
	}
	return s.weighed(terms, nil)
}

// weighed returns terms with their IDF and DF counted in the library,
// or among the chunks of docs when docs is not nil (see
// store.IDFWithin).
func (s *Searcher) weighed(terms []Term, docs []uint64) ([]Term, error) {
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.Text
	}
	var idf []float64
	var df []int
	var err error
	if docs == nil {
		idf, df, err = s.store.IDF(words)
	} else {
		idf, df, err = s.store.IDFWithin(words, docs)
	}
	if err != nil {
		return nil, err
	}
	out := slices.Clone(terms)
	for i := range out {
		out[i].IDF, out[i].DF = idf[i], df[i]
	}
	return out, nil
}

// Coverage is the share of the terms' IDF weight present in set.
func Coverage(terms []Term, set map[string]bool) float64 {
	var have, all float64
	for _, t := range terms {
		all += t.IDF
		if set[t.Text] {
			have += t.IDF
		}
	}
	if all == 0 {
		return 0
	}
	return have / all
}

// load fetches the chunks and documents of ranked chunk references.
func (s *Searcher) load(refs []ranked) ([]Hit, error) {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = store.ChunkID(r.ref.doc, r.ref.ord)
	}
	chunks, err := s.store.Chunks(ids)
	if err != nil {
		return nil, err
	}
	// Chunks leaves out what a write beside this search has not stored
	// yet or has removed; the rest keep their order.
	docs := map[uint64]store.Document{}
	hits := make([]Hit, 0, len(chunks))
	next := 0
	for _, r := range refs {
		if next == len(chunks) {
			break
		}
		c := chunks[next]
		if c.DocID != r.ref.doc || c.Ord != r.ref.ord {
			continue
		}
		next++
		d, ok := docs[r.ref.doc]
		if !ok {
			d, err = s.store.Document(r.ref.doc)
			if errors.Is(err, store.ErrNotFound) {
				continue // removed since its chunks were read
			}
			if err != nil {
				return nil, err
			}
			docs[r.ref.doc] = d
		}
		hits = append(hits, Hit{Chunk: c, Doc: d, Score: r.score, BM25Rank: r.bm25, DenseRank: r.dense})
	}
	return hits, nil
}
