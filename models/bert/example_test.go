package bert_test

import (
	"context"
	"fmt"
	"log"

	"quire/models/bert"
)

// The seams search defines (quire/search); neural does not import search,
// so they are restated here to check the types fit.
type (
	embedder interface {
		Embed(ctx context.Context, texts []string) ([][]float32, error)
	}
	reranker interface {
		Rerank(ctx context.Context, query string, passages []string) ([]float32, error)
	}
)

var (
	_ embedder = (*bert.Embedder)(nil)
	_ reranker = (*bert.Reranker)(nil)
)

// Passages go through Embed (the search.Embedder seam); the question goes
// through EmbedQuery, which adds the model's query prefix.
func ExampleEmbedder() {
	e, err := bert.NewEmbedder(bert.BGESmallEmbedder("models/bge-small-en-v1.5/onnx/model.onnx", "models/bge-small-en-v1.5/vocab.txt"))
	if err != nil {
		log.Fatal(err) // errors.Is(err, onnx.ErrRuntimeMissing): run scripts/onnxruntime.sh
	}
	defer e.Close()
	ctx := context.Background()
	passages, _ := e.Embed(ctx, []string{"Berlin is well known for its museums."})
	query, _ := e.EmbedQuery(ctx, "What is Berlin known for?")
	var dot float32
	for i := range query {
		dot += query[i] * passages[0][i]
	}
	fmt.Printf("cosine %.2f\n", dot)
}

func ExampleReranker() {
	r, err := bert.NewReranker(bert.RerankerConfig{
		ModelPath: "models/ms-marco-MiniLM-L-6-v2/onnx/model.onnx",
		VocabPath: "models/ms-marco-MiniLM-L-6-v2/vocab.txt",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	logits, _ := r.Rerank(context.Background(), "How many people live in Berlin?", []string{
		"Berlin had a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers.",
		"Berlin is well known for its museums.",
	})
	fmt.Println(logits) // the real model gives about [8.607 -4.320]
}
