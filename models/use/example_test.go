package use_test

import (
	"context"
	"fmt"
	"log"

	"quire/models/use"
)

// The seam search defines (quire/search.Embedder), restated: use does not
// import search.
type embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

var _ embedder = (*use.Embedder)(nil)

// Pull once (at `quire models pull` time: it downloads 26 MB and converts
// it), then New at start-up. Both are cheap when the cache is valid.
func Example() {
	ctx := context.Background()
	dir := use.DefaultDir() // ~/.cache/quire/use/0.2.0
	if err := use.Pull(ctx, dir, use.FetchOptions{}); err != nil {
		log.Fatal(err) // errors.Is(err, use.ErrChecksum): a tampered download
	}
	e, err := use.New(dir, use.Options{}) // 128 pieces a text, the model's own limit
	if err != nil {
		log.Fatal(err) // errors.Is(err, onnx.ErrRuntimeMissing): run scripts/onnxruntime.sh
	}
	defer e.Close()
	passages, _ := e.Embed(ctx, []string{"Berlin is well known for its museums."})
	query, _ := e.EmbedQuery(ctx, "What is Berlin known for?")
	var dot float32
	for i := range query {
		dot += query[i] * passages[0][i]
	}
	fmt.Printf("cosine %.2f\n", dot)
}
