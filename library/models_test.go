package library

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"quire/models"
	"quire/models/generated"
	"quire/models/onnx"
	"quire/search"
)

// generatedModels loads real onnxruntime sessions over generated tiny
// models, or skips without the runtime.
func generatedModels(t *testing.T) *models.Set {
	t.Helper()
	if _, err := onnx.InitRuntime(onnx.RuntimeOptions{}); errors.Is(err, onnx.ErrRuntimeMissing) {
		t.Skipf("skipping: %v", err)
	}
	set, err := generated.Load(t.TempDir(), true, models.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// gatedReranker holds its Rerank calls until the gate opens, so a test
// can swap the models while one runs.
type gatedReranker struct {
	search.Reranker
	entered chan struct{}
	gate    chan struct{}
}

func (g *gatedReranker) Rerank(ctx context.Context, q string, p []string) ([]float32, error) {
	select {
	case g.entered <- struct{}{}:
	default:
	}
	<-g.gate
	return g.Reranker.Rerank(ctx, q, p)
}

func textDocs(prefix string, n int) []TextDocument {
	var docs []TextDocument
	for i := range n {
		docs = append(docs, TextDocument{Name: fmt.Sprintf("%s%d.txt", prefix, i), Path: fmt.Sprintf("/%s/%d", prefix, i),
			Pages: []string{fmt.Sprintf("Report %d of %s. The warehouse in Tallinn ships %d robots a week to Berlin.", i, prefix, 10+i),
				"The CEO of Zentara Robotics is Iris Kallas; the company has 287 employees."}})
	}
	return docs
}

// Models are swapped while questions are asked and documents added: every
// question is answered, nothing runs on a closed session, and each old
// model set is closed once its last user is done. Run with -race.
func TestSetModelsWhileAsking(t *testing.T) {
	set := generatedModels(t)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	ctx := context.Background()
	if err := lib.AddTexts(ctx, textDocs("a", 6)); err != nil {
		t.Fatal(err)
	}
	if err := lib.AddTexts(ctx, textDocs("b", 1)); err != nil {
		t.Fatal(err)
	}
	// Questions search the a documents only: a BM25 hit on a document
	// being added can be read before its chunks are stored (the store
	// indexes in Bleve first), which is not what this test is about.
	docs, err := lib.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var only []uint64
	for _, d := range docs {
		if d.Name[0] == 'a' {
			only = append(only, d.ID)
		}
	}
	if m := lib.SearchModes(); !slices.Equal(m, []search.Mode{search.ModeBM25}) {
		t.Fatalf("modes without models: %v", m)
	}

	// Questions and additions run throughout.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	gate := &gatedReranker{Reranker: set.Models.Reranker, entered: make(chan struct{}, 1), gate: make(chan struct{})}
	var opened, stopped sync.Once
	open := func() { opened.Do(func() { close(gate.gate) }) }
	finish := func() { stopped.Do(func() { close(stop) }); open(); wg.Wait() }
	defer finish() // also when the test fails: Close waits for the workers
	var asked atomic.Int64
	errs := make(chan error, 16)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				// A new question each time, so no answer comes from the cache.
				ans, err := lib.Ask(ctx, fmt.Sprintf("Who is the CEO of Zentara Robotics %d %d?", w, i), AskOptions{Docs: only})
				if err != nil {
					errs <- fmt.Errorf("ask: %w", err)
					return
				}
				if len(ans.Citations) == 0 {
					errs <- fmt.Errorf("ask: no citations in %q", ans.Text)
					return
				}
				asked.Add(1)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := lib.AddTexts(ctx, textDocs(fmt.Sprintf("b%d-", i), 2)); err != nil {
				errs <- fmt.Errorf("add: %w", err)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	// 1. Models arrive: all modes, and documents without vectors get them.
	var closedA atomic.Bool
	a := searchModels(set.Models)
	a.Reranker = gate
	lib.SetModels(a, func() error { closedA.Store(true); return set.Close() })
	if m := lib.SearchModes(); len(m) != 5 || m[0] != search.ModeGuaranteed {
		t.Fatalf("modes with both models: %v", m)
	}
	if n, err := lib.Unembedded(); err != nil || n == 0 {
		t.Fatalf("unembedded after the embedder arrived: %d %v", n, err)
	}
	if err := lib.Reembed(ctx, nil); err != nil {
		t.Fatal(err)
	}

	// 2. Swap while a rerank is in flight: the old sessions stay open
	// until it is done, then close.
	select {
	case <-gate.entered:
	case err := <-errs:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("no question reached the reranker")
	}
	setB := generatedModels(t)
	other := search.Models{Embedder: setB.Models.Embedder, EmbedderName: "other-embedder"}
	lib.SetModels(other, setB.Close)
	if m := lib.SearchModes(); !slices.Equal(m, []search.Mode{search.ModeHybrid, search.ModeBM25, search.ModeDense}) {
		t.Fatalf("modes with the embedder alone: %v", m)
	}
	time.Sleep(50 * time.Millisecond)
	if closedA.Load() {
		t.Fatal("the old models were closed while a question still used them")
	}
	open() // the held question finishes on the old, still open, sessions
	// Documents embedded by generated-tiny are stale for other-embedder.
	if n, err := lib.Unembedded(); err != nil || n == 0 {
		t.Fatalf("unembedded after the embedder changed: %d %v", n, err)
	}
	if err := lib.Reembed(ctx, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !closedA.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the old models were never closed")
		}
		time.Sleep(10 * time.Millisecond)
	}

	// 3. Back to keyword search.
	lib.SetModels(search.Models{}, nil)
	if m := lib.SearchModes(); !slices.Equal(m, []search.Mode{search.ModeBM25}) {
		t.Fatalf("modes without models: %v", m)
	}
	n := asked.Load()
	for asked.Load() < n+3 {
		select {
		case err := <-errs:
			t.Fatal(err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	finish()
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	if asked.Load() < 5 {
		t.Fatalf("only %d questions answered", asked.Load())
	}
	t.Logf("%d questions answered across three model swaps", asked.Load())
}

// Models handed over at Open are closed by the library, once, when it
// closes.
func TestOpenHandsOverModels(t *testing.T) {
	var closed int
	lib, err := Open(t.TempDir(), Options{CloseModels: func() error { closed++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if closed != 0 {
		t.Fatal("closed before use")
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	if closed != 1 {
		t.Fatalf("closed %d times, want once", closed)
	}
}
