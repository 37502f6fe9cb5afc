package use

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"quire/ingest"
	"quire/models/fetch"
	"quire/models/window"
)

func TestNewErrors(t *testing.T) {
	if _, err := New(t.TempDir(), Options{}); !errors.Is(err, ErrModelMissing) {
		t.Errorf("empty dir: %v, want ErrModelMissing", err)
	}
	if _, err := New(t.TempDir(), Options{MaxLen: MaxMaxLen + 1}); err == nil {
		t.Error("MaxLen past MaxMaxLen accepted")
	}

	src := realModelDir(t)
	dir := t.TempDir()
	for _, name := range []string{ONNXFile, ONNXFile + ".sha256", VocabFile} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == ONNXFile {
			b[len(b)-1] ^= 1 // flip a bit of the last weight
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := New(dir, Options{}); !errors.Is(err, fetch.ErrChecksum) {
		t.Errorf("damaged model: %v, want fetch.ErrChecksum", err)
	}
}

func TestEmbed(t *testing.T) {
	e := newRealEmbedder(t, Options{BatchSize: 3})
	ctx := context.Background()
	long := strings.Repeat("the annual report shows that revenue grew ", 30) // > 128 pieces
	texts := []string{
		"How many people live in Berlin?",
		"Berlin had a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers.",
		"The mitochondrion is the powerhouse of the cell.",
		"",
		long + "and then something else entirely happened at the end",
		long + "while nothing at all like this appears in the other one",
		"Berlin is well known for its museums.",
	}
	vecs, err := e.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(vecs), len(texts))
	}
	for i, v := range vecs {
		if len(v) != Dim {
			t.Fatalf("vector %d has %d values, want %d", i, len(v), Dim)
		}
		if n := math.Sqrt(dot(v, v)); math.Abs(n-1) > 1e-5 {
			t.Errorf("vector %d has norm %v", i, n)
		}
	}
	// The model sees a text's first 128 pieces, as the TF.js graph does:
	// texts that differ only past them agree. With Windows the tail
	// counts.
	if c := dot(vecs[4], vecs[5]); c < 0.99999 {
		t.Errorf("texts differing after piece 128 disagree (cosine %v): more than 128 pieces read", c)
	}
	ew := newRealEmbedder(t, Options{Windows: true})
	vw, err := ew.Embed(ctx, texts[4:6])
	if err != nil {
		t.Fatal(err)
	}
	if c := dot(vw[0], vw[1]); c > 0.99999 {
		t.Errorf("Windows: texts differing after piece 128 agree (cosine %v): the tail was dropped", c)
	}
	if c := dot(vw[0], vecs[4]); c > 0.99999 {
		t.Errorf("Windows: a long text has its first window's vector (cosine %v)", c)
	}
	// Retrieval sanity: the Berlin question is closest to the Berlin facts.
	if q, pop, cell := vecs[0], vecs[1], vecs[2]; dot(q, pop) <= dot(q, cell) {
		t.Errorf("cos(question, population) %.3f ≤ cos(question, mitochondria) %.3f", dot(q, pop), dot(q, cell))
	}
	// Alone or in a batch, a text gets the same vector; EmbedQuery = Embed.
	for i, s := range texts {
		v, err := e.EmbedQuery(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if c := dot(v, vecs[i]); c < 0.99999 {
			t.Errorf("text %d alone vs batched: cosine %v", i, c)
		}
	}

	// A longer MaxLen reads past 128 pieces.
	e256 := newRealEmbedder(t, Options{MaxLen: 256})
	v256, err := e256.Embed(ctx, texts[4:6])
	if err != nil {
		t.Fatal(err)
	}
	if c := dot(v256[0], v256[1]); c > 0.99999 {
		t.Errorf("MaxLen 256: texts differing after piece 128 still agree (cosine %v)", c)
	}
}

func TestEmbedConcurrent(t *testing.T) {
	e := newRealEmbedder(t, Options{BatchSize: 4})
	ctx := context.Background()
	var texts []string
	for i := range 24 {
		texts = append(texts, strings.Repeat("concurrent embedding check ", 1+i%7)+string(rune('a'+i)))
	}
	want, err := e.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := e.Embed(ctx, texts)
			if err != nil {
				errs <- err
				return
			}
			for i := range got {
				if dot(got[i], want[i]) < 0.99999 {
					errs <- errors.New("concurrent result differs")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestEmbedCancelAndClose(t *testing.T) {
	e := newRealEmbedder(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Embed(ctx, []string{"x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := e.Embed(context.Background(), []string{"x"}); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v, want ErrClosed", err)
	}
}

// TestLongChunksReachTheModel measures, over the chunks of the pdfcorpus
// reference texts, how much of each use-lite sees (128 pieces at a time):
// truncation (the default) drops the tail of most chunks, windows
// (Options.Windows) must carry every piece, at the cost logged.
func TestLongChunksReachTheModel(t *testing.T) {
	chunks := corpusChunks(t)
	e := newRealEmbedder(t, Options{})
	size := e.Options().MaxLen
	var pieces, fit, kept, windows, run int
	for _, c := range chunks {
		n := len(e.Tokenizer().Encode(c))
		pieces += n
		if n <= size {
			fit++
		}
		kept += min(n, size)
		covered := 0
		for _, w := range window.Windows(n, size, window.Overlap(size)) {
			if w.Start > covered || w.End-w.Start > size {
				t.Fatalf("window %v after %d pieces covered", w, covered)
			}
			covered = w.End
			windows++
			run += w.End - w.Start
		}
		if covered != n {
			t.Fatalf("windows cover %d of %d pieces", covered, n)
		}
	}
	t.Logf("%d chunks, %d pieces; use-lite, %d pieces: %d chunks fit (%.1f %%); truncation let %.1f %% of the pieces through, windows all (%d windows, %.2f× the pieces to run)",
		len(chunks), pieces, size, fit, 100*float64(fit)/float64(len(chunks)), 100*float64(kept)/float64(pieces), windows, float64(run)/float64(kept))
}

// corpusChunks returns the chunks Quire's chunker makes of the pdfcorpus
// reference texts (pages split at form feeds); it skips, saying why,
// without the corpus.
func corpusChunks(t *testing.T) []string {
	t.Helper()
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for !fileExists(filepath.Join(root, "go.mod")) && filepath.Dir(root) != root {
		root = filepath.Dir(root) // the module root, wherever this package sits
	}
	dir := filepath.Join(root, "..", "shared", "pdfcorpus", "reference-text")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("skipping: no pdfcorpus reference texts in %s", dir)
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

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
