package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"quire/library"
	"quire/search"
)

// BEIR is a retrieval benchmark in BEIR's layout: corpus.jsonl (or
// corpus.part*.jsonl, concatenated in order), queries.jsonl and
// qrels/test.tsv.
type BEIR struct {
	Dir     string
	Corpus  []BEIRDoc
	Queries map[string]string         // query id → text
	Qrels   map[string]map[string]int // query id → doc id → relevance
}

// BEIRDoc is one corpus record.
type BEIRDoc struct {
	ID    string `json:"_id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// LoadBEIR reads a BEIR folder with the qrels of the given split.
func LoadBEIR(dir, split string) (*BEIR, error) {
	b := &BEIR{Dir: dir, Queries: map[string]string{}, Qrels: map[string]map[string]int{}}
	parts, _ := filepath.Glob(filepath.Join(dir, "corpus.part*.jsonl"))
	sort.Strings(parts)
	if len(parts) == 0 {
		parts = []string{filepath.Join(dir, "corpus.jsonl")}
	}
	for _, p := range parts {
		err := eachJSONLine(p, func(line []byte) error {
			var d BEIRDoc
			if err := json.Unmarshal(line, &d); err != nil {
				return err
			}
			b.Corpus = append(b.Corpus, d)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load BEIR corpus: %w", err)
		}
	}
	err := eachJSONLine(filepath.Join(dir, "queries.jsonl"), func(line []byte) error {
		var q struct {
			ID   string `json:"_id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &q); err != nil {
			return err
		}
		b.Queries[q.ID] = q.Text
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load BEIR queries: %w", err)
	}
	if err := b.readQrels(filepath.Join(dir, "qrels", split+".tsv")); err != nil {
		return nil, fmt.Errorf("load BEIR qrels: %w", err)
	}
	return b, nil
}

func (b *BEIR) readQrels(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 || (line == 1 && fields[0] == "query-id") {
			continue
		}
		rel, err := strconv.Atoi(fields[2])
		if err != nil {
			return fmt.Errorf("%s line %d: %w", path, line, err)
		}
		if b.Qrels[fields[0]] == nil {
			b.Qrels[fields[0]] = map[string]int{}
		}
		b.Qrels[fields[0]][fields[1]] = rel
	}
	return sc.Err()
}

func eachJSONLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// beirPath names a corpus record as a library document path.
func (b *BEIR) beirPath(id string) string { return "beir:" + b.Dir + "#" + id }

// Index adds the corpus to the library unless it is there already, and
// returns the ids of its documents.
func (b *BEIR) Index(ctx context.Context, lib *library.Library) ([]uint64, error) {
	ids, err := b.docIDs(lib)
	if err != nil || len(ids) == len(b.Corpus) {
		return ids, err
	}
	docs := make([]library.TextDocument, len(b.Corpus))
	for i, d := range b.Corpus {
		// Title and text as one passage, as BEIR's baselines read them.
		docs[i] = library.TextDocument{Name: d.ID, Path: b.beirPath(d.ID), Pages: []string{d.Title + "\n" + d.Text}}
	}
	if err := lib.AddTexts(ctx, docs); err != nil {
		return nil, err
	}
	return b.docIDs(lib)
}

func (b *BEIR) docIDs(lib *library.Library) ([]uint64, error) {
	all, err := lib.Documents()
	if err != nil {
		return nil, err
	}
	prefix := b.beirPath("")
	var ids []uint64
	for _, d := range all {
		if strings.HasPrefix(d.Path, prefix) {
			ids = append(ids, d.ID)
		}
	}
	return ids, nil
}

// BEIRReport is the score of one retrieval mode, in trec_eval's terms.
type BEIRReport struct {
	Mode      string  `json:"mode"`
	NDCG10    float64 `json:"ndcg@10"`
	Recall100 float64 `json:"recall@100"`
	Queries   int     `json:"queries"`
}

// RunBEIR ranks the corpus for every judged query and scores the ranking.
// Documents rank by their best chunk.
func RunBEIR(ctx context.Context, lib *library.Library, b *BEIR, docs []uint64, mode search.Mode) (BEIRReport, error) {
	rep := BEIRReport{Mode: string(mode)}
	qids := make([]string, 0, len(b.Qrels))
	for q := range b.Qrels {
		qids = append(qids, q)
	}
	sort.Strings(qids)
	for _, qid := range qids {
		text, ok := b.Queries[qid]
		if !ok {
			return rep, fmt.Errorf("BEIR query %s has judgements but no text", qid)
		}
		res, err := lib.Search(ctx, text, library.AskOptions{Docs: docs, TopK: 200, Mode: mode}) // chunks: some documents have several
		if err != nil {
			return rep, err
		}
		var ranked []string
		seen := map[string]bool{}
		for _, h := range res.Hits {
			if !seen[h.Doc.Name] {
				seen[h.Doc.Name] = true
				ranked = append(ranked, h.Doc.Name)
			}
		}
		rep.NDCG10 += NDCG(ranked, b.Qrels[qid], 10)
		rep.Recall100 += Recall(ranked, b.Qrels[qid], 100)
		rep.Queries++
	}
	if rep.Queries > 0 {
		rep.NDCG10 /= float64(rep.Queries)
		rep.Recall100 /= float64(rep.Queries)
	}
	return rep, nil
}

// NDCG is nDCG@k as trec_eval's ndcg_cut computes it: gain equal to the
// relevance grade, discount log2(rank+1), ideal from the judgements.
func NDCG(ranked []string, rels map[string]int, k int) float64 {
	var dcg float64
	for i, id := range ranked[:min(k, len(ranked))] {
		if r := rels[id]; r > 0 {
			dcg += float64(r) / math.Log2(float64(i+2))
		}
	}
	var ideal []int
	for _, r := range rels {
		if r > 0 {
			ideal = append(ideal, r)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	var idcg float64
	for i, r := range ideal[:min(k, len(ideal))] {
		idcg += float64(r) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// Recall is the share of relevant documents found in the top k.
func Recall(ranked []string, rels map[string]int, k int) float64 {
	var relevant, found int
	for _, r := range rels {
		if r > 0 {
			relevant++
		}
	}
	for _, id := range ranked[:min(k, len(ranked))] {
		if rels[id] > 0 {
			found++
		}
	}
	if relevant == 0 {
		return 0
	}
	return float64(found) / float64(relevant)
}
