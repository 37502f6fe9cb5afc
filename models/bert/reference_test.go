package bert_test

import (
	"context"
	"math"
	"os"
	"testing"

	"quire/library"
	"quire/models"
	"quire/models/bert"
)

// TestReferenceMSMarco checks the real ms-marco-MiniLM-L-6-v2
// cross-encoder against its model card: logits [8.607138, -4.3200774]
// (fp32 within 1e-3; the int8 variant within 0.2, with the same order and
// signs). It looks for the models where `quire models pull` installs them
// (realModelsDir) and says why when it skips.
func TestReferenceMSMarco(t *testing.T) {
	dir, how := realModelsDir(t)
	for _, c := range []struct {
		name string
		tol  float64
	}{{"ms-marco-minilm-l6-v2", 1e-3}, {"ms-marco-minilm-l6-v2-int8", 0.2}} {
		t.Run(c.name, func(t *testing.T) {
			model := installedModel(t, dir, c.name)
			if _, err := os.Stat(model); err != nil {
				t.Skipf("skipping: %s is not installed: no %s (models folder %s, %s; `quire models pull %s` installs it)",
					c.name, model, dir, how, c.name)
			}
			bert.NeedRuntime(t)
			checkMSMarco(t, model, c.tol)
		})
	}
}

func checkMSMarco(t *testing.T, model string, tol float64) {
	query := "How many people live in Berlin?"
	passages := []string{
		"Berlin had a population of 3,520,031 registered inhabitants in an area of 891.82 square kilometers.",
		"Berlin is well known for its museums.",
	}
	want := []float64{8.607138, -4.3200774}
	r, err := bert.NewReranker(bert.RerankerConfig{ModelPath: model, VocabPath: bert.VocabPath(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := r.Rerank(context.Background(), query, passages)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %v", model, got)
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > tol {
			t.Errorf("logit %d = %v, want %v ± %v", i, got[i], want[i], tol)
		}
	}
	if !(got[0] > 0 && got[1] < 0) {
		t.Errorf("wrong order or sign: %v", got)
	}
}

// installedModel is the path of the named manifest model's ONNX file in
// the models folder dir, as `quire models pull` lays it out.
func installedModel(t *testing.T, dir, name string) string {
	t.Helper()
	man, err := models.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m, err := man.Find(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		if f.Role == "model" {
			return models.Path(dir, m, f)
		}
	}
	t.Fatalf("manifest model %s has no model file", name)
	return ""
}

// realModelsDir is the models folder `quire models pull` fills, and how it
// was chosen: $QUIRE_REAL_MODELS if set (any models folder), else the
// default library's, found as Quire finds it ($QUIRE_MODELS, else the
// models folder of the library at $QUIRE_HOME or in the user data
// directory).
func realModelsDir(t *testing.T) (dir, how string) {
	t.Helper()
	if d := os.Getenv("QUIRE_REAL_MODELS"); d != "" {
		return d, "from $QUIRE_REAL_MODELS"
	}
	lib, err := library.DefaultDir()
	if err != nil {
		t.Skipf("skipping: no library directory to find the models in: %v", err)
	}
	return models.DefaultDir(lib), "the default library's models folder"
}
