package bert

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quire/ingest"
	"quire/models/window"
)

// corpusChunks returns the chunks Quire's chunker makes of the pdfcorpus
// reference texts (pages split at form feeds); it skips, saying why,
// without the corpus.
func corpusChunks(t *testing.T) []string {
	t.Helper()
	dir := sharedDir(t, "pdfcorpus", "reference-text")
	if dir == "" {
		t.Skip("skipping: no pdfcorpus reference texts beside the checkout")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("reference texts in %s: %v", dir, err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var pages []ingest.Page
		for i, p := range strings.Split(string(data), "\f") {
			if strings.TrimSpace(p) != "" {
				pages = append(pages, ingest.Page{Number: i + 1, Text: p})
			}
		}
		for _, c := range ingest.Split(pages, ingest.ChunkOptions{}) {
			out = append(out, c.Text)
		}
	}
	return out
}

// TestLongChunksReachTheModels measures, over the chunks of the pdfcorpus
// reference texts, how much of each the models see: MiniLM's window (256
// tokens with [CLS] and [SEP]) and the cross-encoder's (512 with a
// question). Truncation dropped the tail of the longer chunks; windows
// must carry every token, which the test checks row by row.
func TestLongChunksReachTheModels(t *testing.T) {
	chunks := corpusChunks(t)
	emb := newTestTokenizer(t, 256)
	rr := newTestTokenizer(t, 512)
	question := "What is the deductible for an in-network specialist visit?"
	q := rr.tokens(question, rr.maxLen)
	var tokens, fit, longest, embKept, embRun, embWindows, rrFit, rrKept, rrWindows int
	for _, c := range chunks {
		ids := emb.Tokenize(c)
		tokens += len(ids)
		longest = max(longest, len(ids)+2)
		size := emb.maxLen - 2
		if len(ids) <= size {
			fit++
		}
		embKept += min(len(ids), size)
		rows, _ := emb.windowRows("", []string{c})
		embWindows += len(rows)
		for _, r := range rows {
			embRun += len(r.a)
		}
		checkCovers(t, "embedder", ids, rows, window.Windows(len(ids), size, window.Overlap(size)), false)

		_, lp := fitPair(len(q), len(rr.tokens(c, rr.maxLen)), rr.maxLen-3)
		if lp == len(ids) {
			rrFit++
		}
		rrKept += min(lp, len(ids))
		prs, _ := rr.windowPairs(question, []string{c})
		rrWindows += len(prs)
		checkCovers(t, "reranker", ids, prs, window.Windows(len(ids), lp, window.Overlap(lp)), true)
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	t.Logf("%d chunks, %d tokens, the longest %d with [CLS] and [SEP]", len(chunks), tokens, longest)
	t.Logf("embedder, 256 tokens: %d chunks fit (%.1f %%); truncation let %.1f %% of the chunk tokens through, windows let all through (%d windows, %.2f× the tokens to run)",
		fit, pct(fit, len(chunks)), pct(embKept, tokens), embWindows, float64(embRun)/float64(embKept))
	t.Logf("reranker, 512 tokens with a %d-token question: %d chunks fit (%.1f %%); truncation let %.1f %% through, windows all (%d pairs for %d chunks)",
		len(q), rrFit, pct(rrFit, len(chunks)), pct(rrKept, tokens), rrWindows, len(chunks))
}

// checkCovers checks that rows hold exactly ids' windows spans, in
// order, and that the spans cover every token.
func checkCovers(t *testing.T, what string, ids []int64, rows []segments, spans []window.Span, pair bool) {
	t.Helper()
	if len(rows) != len(spans) {
		t.Fatalf("%s: %d rows for %d windows", what, len(rows), len(spans))
	}
	covered := 0
	for k, w := range spans {
		got := rows[k].a
		if pair {
			got = rows[k].b
		}
		if !slices.Equal(got, ids[w.Start:w.End]) || w.Start > covered {
			t.Fatalf("%s: row %d is not window %v of the text, or leaves a gap after token %d", what, k, w, covered)
		}
		covered = w.End
	}
	if covered != len(ids) {
		t.Fatalf("%s: windows cover %d of %d tokens", what, covered, len(ids))
	}
}
