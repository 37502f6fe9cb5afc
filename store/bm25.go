package store

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve's BM25, as it comes, is not the BM25 of the literature in two
// ways (bleve v2.6.3, search/searcher/search_term.go and
// search/scorer/scorer_term.go):
//
//   - The average field length is the number of distinct terms in the
//     field's dictionary divided by the document count: 3 "words" per
//     Northwind chunk against a true 88.6. Every chunk then looks 30 times
//     longer than average, length normalisation swamps term frequency,
//     and long chunks lose whatever they say.
//   - A term's query weight is its idf times the query norm, and its score
//     idf times the saturated tf: idf counts twice, so one rare word
//     decides the ranking.
//
// SearchText corrects both through Bleve's own interfaces: the collection
// statistics it passes in the search context carry the true average
// length, and each term query's boost sets how much idf counts
// (idfPower). With idf counted once, as published, SciFact's nDCG@10 fell
// from 0.668 to 0.645 (the published BM25: 0.665); twice gave 0.675,
// 1.5 gave 0.669. On the QA sets (BM25, page hit@5 / hit@1): once
// northwind 0.72/0.44, financebench 0.417/0.217, uda 0.909/0.773;
// 1.5: 0.72/0.46, 0.426/0.209, 0.909/0.705; twice: 0.72, 0.435, 0.909/0.659.
// 1.5 is chosen on SciFact, which no other choice here was fitted on.
// Bleve's coordination factor (the share of query terms a chunk matches)
// stays: it is Bleve's, and favours chunks that hold more of the
// question.

// minIDF keeps a term's weight positive when a field's chunk count lags
// its postings.
const minIDF = 1e-3

// idfPower is how many times a term's idf weighs in its score.
const idfPower = 1.5

// SearchText runs a BM25 query over chunk text and returns at most k hits,
// best first. The chunk's text must match; a match in its document's
// title adds to its score. With docs non-empty only those documents are
// searched.
func (s *Store) SearchText(ctx context.Context, text string, k int, docs []uint64) ([]Hit, error) {
	return s.searchText(ctx, text, nil, k, docs, nil, true)
}

// SearchTextWithin is SearchText with each word weighed by its idf
// among the chunks of the documents within rather than of the library
// (see within.go); within nil weighs as SearchText.
func (s *Store) SearchTextWithin(ctx context.Context, text string, k int, docs, within []uint64) ([]Hit, error) {
	return s.searchText(ctx, text, nil, k, docs, within, true)
}

// SearchTextAlso is SearchTextWithin that also matches phrases that stand
// for some of text's words: the long forms of its short forms ("chief
// executive officer" for "CEO"). Each of a phrase's terms that text
// lacks weighs its share of one word, so that a phrase of three common
// words does not outweigh the question; Bleve's coordination factor
// still favours a chunk that says more of the query's terms.
func (s *Store) SearchTextAlso(ctx context.Context, text string, also []string, k int, docs, within []uint64) ([]Hit, error) {
	return s.searchText(ctx, text, also, k, docs, within, true)
}

// searchText is SearchTextAlso; with pruned, a question matched in English
// alone is answered by topK, which gives Bleve's hits and scores without
// reading every posting.
func (s *Store) searchText(ctx context.Context, text string, also []string, k int, docs, within []uint64, pruned bool) ([]Hit, error) {
	r, n, stats, err := s.openSearch()
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	defer r.Close()
	terms := distinct(s.Analyze(text))
	weigh := func(field string, terms []string, boost float64) ([]weightedTerm, error) {
		ws, err := weighTerms(r, field, terms, n, n, boost)
		if err != nil || len(within) == 0 {
			return ws, err
		}
		return weighWithin(ctx, r, ws, within, boost)
	}
	textTerms, err := weigh(fieldText, terms, 1)
	if err != nil {
		return nil, err
	}
	titleTerms, err := weigh(fieldTitle, terms, titleBoost)
	if err != nil {
		return nil, err
	}
	for _, p := range also {
		pt := distinct(s.Analyze(p))
		extra := slices.DeleteFunc(slices.Clone(pt), func(t string) bool { return slices.Contains(terms, t) })
		if len(extra) == 0 {
			continue
		}
		share := 1 / float64(len(pt))
		ts, err := weigh(fieldText, extra, share)
		if err != nil {
			return nil, err
		}
		tt, err := weigh(fieldTitle, extra, share*titleBoost)
		if err != nil {
			return nil, err
		}
		textTerms, titleTerms = append(textTerms, ts...), append(titleTerms, tt...)
		terms = append(terms, extra...)
	}
	langs, err := s.langs.present()
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	for code := range langs {
		stats.FieldCardinality[langField(code)] = stats.FieldCardinality[fieldText]
	}
	en := disjunction(textTerms)
	match, err := s.withLanguages(r, en, text, n, langs)
	if err != nil {
		return nil, err
	} else if match == nil {
		return nil, nil
	}
	var hits []Hit
	if pruned && match == en {
		hits, err = s.topK(ctx, r, stats, textTerms, titleTerms, docs, k)
	} else {
		hits, err = s.searchBleve(ctx, match, disjunction(titleTerms), docs, stats, k)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	return s.wholeOnly(hits)
}

// openSearch opens an index reader for a search, with the chunk count n
// and the collection statistics Bleve's BM25 is to be given: the true
// mean length of each field (see above). The caller closes r.
func (s *Store) openSearch() (r index.IndexReader, n uint64, stats *search.BM25Stats, err error) {
	if r, err = s.reader(); err != nil {
		return nil, 0, nil, err
	}
	if n, err = r.DocCount(); err != nil {
		r.Close()
		return nil, 0, nil, err
	}
	avgText, avgTitle, err := s.fieldLengths(n)
	if err != nil {
		r.Close()
		return nil, 0, nil, err
	}
	return r, n, &search.BM25Stats{DocCount: float64(n), FieldCardinality: map[string]int{
		fieldText:  int(math.Round(avgText * float64(n))),
		fieldTitle: int(math.Round(avgTitle * float64(n))),
		fieldDoc:   int(n),
		"*":        int(n), // asked for by the filter clause, which does not score
	}}, nil
}

// searchBleve runs the query through Bleve's searchers, which read every
// posting of every term.
func (s *Store) searchBleve(ctx context.Context, match, title query.Query, docs []uint64, stats *search.BM25Stats, k int) ([]Hit, error) {
	b := bleve.NewBooleanQuery()
	b.AddMust(match)
	if title != nil {
		b.AddShould(title)
	}
	if len(docs) > 0 {
		// The documents are a must clause that adds nothing to a score
		// (boost 0), not a filter clause: Bleve checks a filter against
		// every match of the whole library, while a conjunction skips
		// along the documents' short postings (FinanceBench's long
		// questions, scoped to one filing: BM25 23–35 ms).
		b.AddMust(docFilter(docs, 0))
	}
	ctx = context.WithValue(ctx, search.BM25StatsKey, stats)
	res, err := s.index.SearchInContext(ctx, bleve.NewSearchRequestOptions(b, k, 0, false))
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		doc, ord, err := ParseChunkID(h.ID)
		if err != nil {
			return nil, err
		}
		hits = append(hits, Hit{ChunkID: h.ID, DocID: doc, Ord: ord, Score: h.Score})
	}
	return hits, nil
}

// withLanguages adds to the English match the question's words that the
// English field does not know, analysed for each other language the
// library holds (see lang.go): "Kündigungsfristen" finds the German
// "Kündigungsfrist". Every chunk is in the English field too, so words
// it knows (names, figures, an English question's words) are matched
// there alone: matched in a language's field as well, "list" finds the
// Portuguese "Lista" and a survey's "7" outranks the Magpie-7's
// specifications. A term's idf in a language's field is counted over
// that field's chunks; over the whole library every word of a field that
// a few hundred chunks hold would look rare.
func (s *Store) withLanguages(r index.IndexReader, en query.Query, text string, n uint64, langs map[string]int) (query.Query, error) {
	if len(langs) == 0 {
		return en, nil // nil when no term occurs
	}
	words, err := s.unknownWords(r, text, n)
	if err != nil || words == "" {
		return en, err
	}
	k := float64(len(langs) + 1)
	var qs []query.Query
	if en != nil {
		en.(*query.DisjunctionQuery).SetBoost(k)
		qs = append(qs, en)
	}
	for _, code := range slices.Sorted(maps.Keys(langs)) { // one order, one sum
		m, err := termsQuery(r, langField(code), distinct(s.analyzeLang(code, words)), n, uint64(langs[code]), k)
		if err != nil {
			return nil, err
		}
		if m != nil {
			qs = append(qs, m)
		}
	}
	if len(qs) == 0 {
		return nil, nil
	}
	return bleve.NewDisjunctionQuery(qs...), nil
}

// unknownWords are the words of text whose English terms no chunk holds,
// leaving out English stop words.
func (s *Store) unknownWords(r index.IndexReader, text string, n uint64) (string, error) {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) {
		terms := s.Analyze(w)
		if len(terms) == 0 {
			continue
		}
		_, df, err := fieldIDF(r, fieldText, terms, n)
		if err != nil {
			return "", err
		}
		if slices.Max(df) == 0 {
			out = append(out, w)
		}
	}
	return strings.Join(out, " "), nil
}

// weightedTerm is one term of a BM25 query in one field, with its boost.
type weightedTerm struct {
	term, field string
	boost       float64
}

// weighTerms are the terms that occur in field, each boosted so that
// Bleve, which multiplies its idf (over all n chunks) into both the query
// weight and the term score, counts the term's idf over the field's own
// chunks idfPower times.
func weighTerms(r index.IndexReader, field string, terms []string, n, inField uint64, boost float64) ([]weightedTerm, error) {
	idf, df, err := fieldIDF(r, field, terms, n)
	if err != nil {
		return nil, err
	}
	var ws []weightedTerm
	for i, t := range terms {
		if df[i] == 0 {
			continue
		}
		own := idf[i]
		if inField != n {
			own = max(math.Log(1+(float64(inField)-float64(df[i])+0.5)/(float64(df[i])+0.5)), minIDF)
		}
		// Bleve's score is boost·idf²·tf-part: this boost leaves own^idfPower.
		ws = append(ws, weightedTerm{term: t, field: field, boost: boost * math.Pow(own, idfPower) / (idf[i] * idf[i])})
	}
	return ws, nil
}

// weighWithin reweighs ws (of one field, from weighTerms) by each term's
// idf counted within docs (see within.go).
func weighWithin(ctx context.Context, r index.IndexReader, ws []weightedTerm, docs []uint64, boost float64) ([]weightedTerm, error) {
	if len(ws) == 0 {
		return ws, nil
	}
	field := ws[0].field
	terms := make([]string, len(ws))
	for i, w := range ws {
		terms[i] = w.term
	}
	in, err := countWithin(ctx, r, field, terms, docs)
	if err != nil {
		return nil, err
	}
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	idf, _, err := fieldIDF(r, field, terms, n)
	if err != nil {
		return nil, err
	}
	out := make([]weightedTerm, 0, len(ws))
	for i, w := range ws {
		if in.df[i] == 0 {
			continue
		}
		// As in weighTerms: Bleve's score is boost·idf²·tf-part.
		w.boost = boost * math.Pow(max(in.idf(i), minIDF), idfPower) / (idf[i] * idf[i])
		out = append(out, w)
	}
	return out, nil
}

// disjunction is the query that any of ws matches; nil when ws is empty.
func disjunction(ws []weightedTerm) query.Query {
	if len(ws) == 0 {
		return nil
	}
	qs := make([]query.Query, len(ws))
	for i, w := range ws {
		qs[i] = w.query()
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// query is the query that w's term occurs in its field, with its boost.
func (w weightedTerm) query() query.Query {
	tq := bleve.NewTermQuery(w.term)
	tq.SetField(w.field)
	tq.SetBoost(w.boost)
	return tq
}

// termsQuery is the disjunction of weighTerms' terms; nil when no term
// occurs.
func termsQuery(r index.IndexReader, field string, terms []string, n, inField uint64, boost float64) (query.Query, error) {
	ws, err := weighTerms(r, field, terms, n, inField, boost)
	if err != nil {
		return nil, err
	}
	return disjunction(ws), nil
}

func docFilter(docs []uint64, boost float64) *query.DisjunctionQuery {
	filter := make([]query.Query, len(docs))
	for i, d := range docs {
		t := bleve.NewTermQuery(strconv.FormatUint(d, 10))
		t.SetField(fieldDoc)
		t.SetBoost(boost)
		filter[i] = t
	}
	q := bleve.NewDisjunctionQuery(filter...)
	q.SetBoost(boost)
	return q
}

func distinct(ts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func (s *Store) reader() (index.IndexReader, error) {
	adv, err := s.index.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// IDF returns the BM25 inverse document frequency of each analysed term
// over the chunks, ln(1 + (N − df + 0.5)/(df + 0.5)), and df itself. A term
// no chunk contains gets the largest idf the collection can give.
func (s *Store) IDF(terms []string) (idf []float64, df []int, err error) {
	r, err := s.reader()
	if err != nil {
		return nil, nil, fmt.Errorf("idf: %w", err)
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, nil, fmt.Errorf("idf: %w", err)
	}
	return fieldIDF(r, fieldText, terms, n)
}

func fieldIDF(r index.IndexReader, field string, terms []string, n uint64) (idf []float64, df []int, err error) {
	idf = make([]float64, len(terms))
	df = make([]int, len(terms))
	for i, t := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
		if err != nil {
			return nil, nil, fmt.Errorf("idf %q: %w", t, err)
		}
		df[i] = int(tfr.Count())
		tfr.Close()
		idf[i] = idfOf(n, df[i])
	}
	return idf, df, nil
}

// idfOf is BM25's inverse document frequency of a term df of n chunks
// hold.
func idfOf(n uint64, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}
