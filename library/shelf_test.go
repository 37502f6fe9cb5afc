package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"quire/models"
	"quire/models/onnxgen"
	"quire/search"
)

// Open loads the models of the library it opens: those in its own models
// folder, not the default library's (the CLI's --db loaded the default
// library's models before), and the library closes them.
func TestOpenLoadsItsOwnModels(t *testing.T) {
	t.Setenv("QUIRE_MODELS", "")
	db := t.TempDir()
	lib, err := Open(db, Options{LoadModels: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lib.Shelf().Dir, filepath.Join(db, "models"); got != want {
		t.Errorf("models folder %s, want %s", got, want)
	}
	if st := lib.ModelStatus(); st.Semantic() {
		t.Errorf("models in use from an empty folder: %+v", st)
	}
	lib.Close()

	generatedModels(t).Close() // skips without the runtime
	paths, err := onnxgen.WriteModels(t.TempDir(), onnxgen.Tiny(3))
	if err != nil {
		t.Fatal(err)
	}
	shelf := &Shelf{Dir: filepath.Join(db, "models"), Manifest: &models.Manifest{}}
	for i, role := range []string{"embedder", "reranker"} {
		data, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		m := models.Model{Name: "tiny-" + role, Role: role, Default: true, MaxLength: 128, Pooling: "mean", Licence: "MIT",
			Files: []models.File{{Path: "onnx/model.onnx", Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Role: "model"}}}
		shelf.Manifest.Models = append(shelf.Manifest.Models, m)
		dst := models.Path(shelf.Dir, m, m.Files[0])
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err = Open(db, Options{LoadModels: true, Shelf: shelf})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	st := lib.ModelStatus()
	if st.Embedder != "tiny-embedder" || st.Reranker != "tiny-reranker" {
		t.Fatalf("status %+v, want the tiny models of %s", st, shelf.Dir)
	}
	if got := lib.SearchModes(); len(got) != 5 {
		t.Errorf("modes with both models: %v", got)
	}
	// Choosing none for the reranker and loading again swaps it out.
	if err := shelf.Choose("reranker", ModelNone); err != nil {
		t.Fatal(err)
	}
	st, err = lib.LoadModels(context.Background(), nil)
	if err != nil || st.Reranker != "" || st.Embedder != "tiny-embedder" {
		t.Fatalf("after choosing no reranker: %+v %v", st, err)
	}
	for _, m := range lib.SearchModes() {
		if m == search.ModeRerank {
			t.Errorf("rerank mode offered without a reranker")
		}
	}
}

// The whole pipeline with neural parts: a library without models, then
// the models arrive, old documents are re-embedded, and every retrieval
// mode answers with citations.
func TestLibraryWithModels(t *testing.T) {
	pdf, _ := filepath.Abs(filepath.Join("..", "..", "shared", "evaldata", "zentara", "zentara_robotics_handbook.pdf"))
	if _, err := os.Stat(pdf); err != nil {
		t.Skip("shared data not found")
	}
	db := t.TempDir()
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Ingest(context.Background(), []string{pdf}, nil); err != nil {
		t.Fatal(err)
	}
	lib.Close()

	set := generatedModels(t)
	defer set.Close()
	lib, err = Open(db, Options{Models: searchModels(set.Models)})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if n, err := lib.Unembedded(); err != nil || n != 1 {
		t.Fatalf("documents without vectors: %d %v", n, err)
	}
	if err := lib.Reembed(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := lib.Unembedded(); n != 0 {
		t.Fatalf("after re-embedding, %d documents lack vectors", n)
	}
	modes := lib.SearchModes()
	if len(modes) != 5 || modes[0] != search.ModeGuaranteed {
		t.Fatalf("modes %v", modes)
	}
	byMode := map[search.Mode]search.Result{}
	for _, m := range modes {
		res, err := lib.Search(context.Background(), "Who is the CEO of Zentara Robotics?", AskOptions{Mode: m})
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		byMode[m] = res
		if len(res.Hits) != 5 {
			t.Fatalf("%s: %d hits", m, len(res.Hits))
		}
		dense := 0
		for _, h := range res.Hits {
			if h.DenseRank > 0 {
				dense++
			}
		}
		if (m == search.ModeDense || m == search.ModeHybrid) && dense == 0 {
			t.Fatalf("%s: no hit from the dense index", m)
		}
	}
	// The guaranteed slots keep the first stage's top k−1 in place,
	// whatever the (random) cross-encoder thinks of them.
	for i := range 4 {
		if g, h := byMode[search.ModeGuaranteed].Hits[i], byMode[search.ModeHybrid].Hits[i]; g.Chunk.ID() != h.Chunk.ID() || !g.Reranked {
			t.Fatalf("guaranteed slot %d: %s, hybrid has %s", i, g.Chunk.ID(), h.Chunk.ID())
		}
	}
	// New documents are embedded as they are ingested.
	dup := filepath.Join(t.TempDir(), "other.pdf")
	src, _ := filepath.Abs(filepath.Join("..", "..", "shared", "pdfcorpus", "files", "pypdf-pdflatex-4-pages.pdf"))
	data, err := os.ReadFile(src)
	if err != nil {
		t.Skip("shared corpus not found")
	}
	os.WriteFile(dup, data, 0o644)
	if _, err := lib.Ingest(context.Background(), []string{dup}, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := lib.Unembedded(); n != 0 {
		t.Fatalf("a document ingested with an embedder has no vectors")
	}
}
