package use_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"quire/models/use"
)

// The seam search defines (quire/search.Embedder), restated: use does not
// import search.
type embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

var _ embedder = (*use.Embedder)(nil)

// Install the model once (`quire models pull use-lite` downloads 26 MB
// and converts it), then New at start-up.
func Example() {
	ctx := context.Background()
	dir := filepath.Join(os.Getenv("HOME"), ".local", "share", "quire", "models", "use-lite")
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
