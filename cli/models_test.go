package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/models"
)

// fakeInstall puts files of the pinned sizes in place (sparse, so cheap):
// enough for the size check that decides what is in use.
func fakeInstall(t *testing.T, dir, name string) {
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
		p := models.Path(dir, m, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, f.Bytes); err != nil {
			t.Fatal(err)
		}
	}
}

func runFails(t *testing.T, want string, args ...string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := Main(args, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), want) {
		t.Fatalf("quire %s: exit %d, stderr %q, want an error with %q", strings.Join(args, " "), code, errOut.String(), want)
	}
}

// quire models use chooses the model of a role, saved where the window
// reads it too; quire models list marks what is in use.
func TestModelsUse(t *testing.T) {
	dir := t.TempDir()
	const l12 = "ms-marco-minilm-l12-v2-int8"
	out := run(t, "models", "list", "--dir", dir)
	if !strings.Contains(out, "in use: embedder none (none installed), reranker none (none installed)") || strings.Contains(out, "\n* ") {
		t.Fatalf("list of an empty folder:\n%s", out)
	}
	if !strings.Contains(out, "  "+l12+"  reranker    35 MB  not installed — ms-marco-MiniLM-L-12-v2 cross-encoder, int8 (12 layers), Apache-2.0\n") {
		t.Fatalf("list lacks the L-12 reranker:\n%s", out)
	}
	runFails(t, "is not installed: quire models pull "+l12, "models", "use", "--dir", dir, l12)
	runFails(t, `no model named "nope"`, "models", "use", "--dir", dir, "nope")

	fakeInstall(t, dir, l12)
	fakeInstall(t, dir, "ms-marco-minilm-l6-v2")
	out = run(t, "models", "use", "--dir", dir, "reranker", "auto")
	if !strings.Contains(out, "reranker ms-marco-minilm-l6-v2 (automatic)") {
		t.Fatalf("automatic picks the default:\n%s", out)
	}
	out = run(t, "models", "use", "--dir", dir, l12)
	if !strings.Contains(out, "reranker "+l12+"\n") {
		t.Fatalf("use %s:\n%s", l12, out)
	}
	if c, err := models.ReadChoice(dir); err != nil || c.Reranker != l12 || c.Embedder != "" {
		t.Fatalf("saved choice %+v %v", c, err)
	}
	runFails(t, "is a reranker, so it cannot be the embedder", "models", "use", "--dir", dir, "embedder", l12)
	runFails(t, "say which role", "models", "use", "--dir", dir, "none")

	out = run(t, "models", "use", "--dir", dir, "reranker", "none")
	if !strings.Contains(out, "reranker none (turned off)") {
		t.Fatalf("use reranker none:\n%s", out)
	}
	if e, r, err := models.Active(dir, mustManifest(t)); err != nil || e != "" || r != "" {
		t.Fatalf("active after turning the reranker off: %q %q %v", e, r, err)
	}
	out = run(t, "models", "use", "--dir", dir, "reranker", "auto")
	if !strings.Contains(out, "reranker ms-marco-minilm-l6-v2 (automatic)") {
		t.Fatalf("back to automatic:\n%s", out)
	}
}

func mustManifest(t *testing.T) models.Manifest {
	t.Helper()
	man, err := models.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return man
}
