package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/searcher"
)

// TestTopKIsBleves checks that the pruned search gives Bleve's own hits,
// in its order and with its scores, over a library whose common words
// are in most chunks, whose titles share words with the questions, and
// whose chunks repeat (equal scores, decided by index order), some short
// chunks of one word repeated (scores near a term's bound), over the
// whole library and within some documents, by maxScore and by
// boundScan, over an index of several segments, some of whose chunks
// are deleted (their documents removed). It fails if a bound is too low
// (a chunk left out), if a score is computed otherwise than Bleve's, or
// if ties are broken otherwise.
func TestTopKIsBleves(t *testing.T) {
	dir := t.TempDir()
	s, err := openUnmerged(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	rng := rand.New(rand.NewPCG(1, 2))
	// Zipf-like vocabulary: word i is drawn about 1/(i+1) as often.
	vocab := []string{"plan", "member", "service", "cost", "network", "deductible", "claim", "provider",
		"coverage", "hospital", "dental", "vision", "pharmacy", "referral", "emergency", "therapy",
		"premium", "copay", "annual", "limit", "surgery", "maternity", "ambulance", "hearing"}
	word := func() string {
		return vocab[int(float64(len(vocab))*math.Pow(rng.Float64(), 2.5))]
	}
	sentence := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	var batch []NewDocument
	for d := range 120 {
		var chunks []Chunk
		for c := range 20 + rng.IntN(20) {
			text := sentence(5 + rng.IntN(60))
			switch {
			case c%7 == 3:
				text = "the same repeated chunk about dental claim limits"
			case c%11 == 5:
				// One word many times in a short chunk scores near
				// its bound: a bound set too low leaves it out.
				text = strings.Repeat(word()+" ", 1+rng.IntN(30)) + word()
			}
			chunks = append(chunks, Chunk{PageStart: c + 1, PageEnd: c + 1, Text: text})
		}
		name := fmt.Sprintf("%s_%s_%d.pdf", word(), word(), d)
		batch = append(batch, NewDocument{Doc: Document{Name: name, Hash: name, Status: StatusIndexed, Pages: len(chunks)}, Chunks: chunks})
		if len(batch) == 30 {
			if _, err := s.AddDocuments(batch); err != nil {
				t.Fatal(err)
			}
			batch = nil
			t.Log("segments after add", s.IndexSegments())
			// Closing writes the batch to a segment of its own; Bleve
			// merges segments only when there are many more.
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if s, err = openUnmerged(dir); err != nil {
				t.Fatal(err)
			}
			t.Log("segments after reopen", s.IndexSegments())
		}
	}
	for _, d := range []uint64{5, 61, 90} {
		if err := s.RemoveDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	if fs, _ := os.ReadDir(dir + "/bleve/store"); true {
		for _, f := range fs {
			t.Log(f.Name())
		}
	}
	if n := s.IndexSegments(); n < 2 {
		t.Fatalf("the index has %d segments; the test needs several", n)
	}
	ctx := context.Background()
	questions := []string{"dental claim limits", "plan", "What is the annual deductible for hearing aids?",
		"maternity ambulance surgery", "nothing matches zzyzx", "member service network cost plan"}
	for range 40 {
		questions = append(questions, sentence(1+rng.IntN(8)))
	}
	for range 10 { // more terms than Bleve's disjunction keeps in order
		questions = append(questions, sentence(14+rng.IntN(10)))
	}
	for _, share := range []float64{math.Inf(1), 0} { // maxScore, then boundScan
		s.SetScanShare(share)
		for _, q := range questions {
			exact := len(distinct(s.Analyze(q))) <= searcher.DisjunctionHeapTakeover
			for _, docs := range [][]uint64{nil, {7}, {3, 50, 51, 118}} {
				for _, k := range []int{1, 5, 20, 200} {
					got, err := s.SearchText(ctx, q, k, docs)
					if err != nil {
						t.Fatal(err)
					}
					want, err := s.SearchTextExhaustive(ctx, q, k, docs)
					if err != nil {
						t.Fatal(err)
					}
					if err := sameHits(got, want, exact); err != nil {
						t.Fatalf("share %v: %q in %v, k=%d: %v", share, q, docs, k, err)
					}
				}
			}
		}
	}
}

// sameHits says whether got are Bleve's hits: the same chunks, in the
// same order, with the same scores; unless exact, scores may differ in
// the last bits and chunks of equal scores come in any order.
func sameHits(got, want []Hit, exact bool) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d hits, Bleve %d", len(got), len(want))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }
	for i := range got {
		g, w := got[i], want[i]
		switch {
		case exact && (g.ChunkID != w.ChunkID || g.Score != w.Score):
		case !near(g.Score, w.Score):
		case g.ChunkID != w.ChunkID && !slices.ContainsFunc(want, func(h Hit) bool { return h.ChunkID == g.ChunkID && near(h.Score, g.Score) }) && i < len(want)-1:
		default:
			continue
		}
		return fmt.Errorf("hit %d is %s %.17g, Bleve's %s %.17g", i, g.ChunkID, g.Score, w.ChunkID, w.Score)
	}
	return nil
}
