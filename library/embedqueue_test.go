package library

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"quire/search"
)

// gatedEmbedder holds its Embed calls until the gate opens.
type gatedEmbedder struct {
	search.Embedder
	gate chan struct{}
}

func (g *gatedEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.Embedder.Embed(ctx, texts)
}

// gatedLibrary is a library in a temporary folder whose embedder waits for
// its gate; both are closed when the test ends.
func gatedLibrary(t *testing.T) (*Library, *gatedEmbedder) {
	t.Helper()
	set := generatedModels(t)
	t.Cleanup(func() { set.Close() })
	m := searchModels(set.Models)
	gate := &gatedEmbedder{Embedder: m.Embedder, gate: make(chan struct{})}
	m.Embedder = gate
	lib, err := Open(t.TempDir(), Options{Models: m})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib, gate
}

// TestSearchableBeforeEmbedded ingests a PDF with an embedder that is held
// back: the document is found by its words while it has no vector yet,
// the progress says how far the semantic index is, and once the embedder
// runs the run ends with every chunk embedded and dense search finding it.
func TestSearchableBeforeEmbedded(t *testing.T) {
	pdf := filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf")
	lib, gate := gatedLibrary(t)
	ctx := context.Background()

	var mu sync.Mutex
	var embeds []Event
	stored := make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() {
		_, err := lib.Ingest(ctx, []string{pdf}, func(e Event) {
			switch e.Kind {
			case FileDone:
				once.Do(func() { close(stored) })
			case Embedded:
				mu.Lock()
				embeds = append(embeds, e)
				mu.Unlock()
			}
		})
		done <- err
	}()
	select {
	case <-stored:
	case err := <-done:
		t.Fatalf("ingest ended before the embedder ran: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("the file was not stored while the embedder was held")
	}
	res, err := lib.Search(ctx, "Who is the CEO of Zentara Robotics?", AskOptions{Mode: search.ModeBM25})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("the stored document is not searchable by its words before its vectors")
	}
	if n, err := lib.Unembedded(); err != nil || n != 1 {
		t.Fatalf("documents without vectors while the embedder is held: %d, %v", n, err)
	}

	close(gate.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n, err := lib.Unembedded(); err != nil || n != 0 {
		t.Fatalf("documents without vectors after the run: %d, %v", n, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(embeds) < 2 {
		t.Fatalf("semantic index progress: %+v", embeds)
	}
	first, last := embeds[0], embeds[len(embeds)-1]
	if first.Embedded != 0 || first.ToEmbed == 0 || last.Embedded != last.ToEmbed {
		t.Errorf("semantic index progress from %d/%d to %d/%d, want 0/n to n/n", first.Embedded, first.ToEmbed, last.Embedded, last.ToEmbed)
	}
	res, err = lib.Search(ctx, "Who is the CEO of Zentara Robotics?", AskOptions{Mode: search.ModeDense})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Error("dense search finds nothing once the vectors are stored")
	}
}

// TestCancelledEmbeddingIsFinishedByReembed cancels a run while its
// vectors are being made: the document stays searchable by its words, and
// Reembed gives it vectors later.
func TestCancelledEmbeddingIsFinishedByReembed(t *testing.T) {
	pdf := filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf")
	lib, gate := gatedLibrary(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := lib.Ingest(ctx, []string{pdf}, func(e Event) {
		if e.Kind == FileDone {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run returned %v", err)
	}
	docs, err := lib.Documents()
	if err != nil || len(docs) != 1 || docs[0].Chunks == 0 {
		t.Fatalf("documents after the cancelled run: %+v, %v", docs, err)
	}
	if n, _ := lib.Unembedded(); n != 1 {
		t.Fatalf("%d documents without vectors, want 1", n)
	}
	close(gate.gate)
	if err := lib.Reembed(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := lib.Unembedded(); n != 0 {
		t.Fatalf("%d documents without vectors after Reembed", n)
	}
}
