package models

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/models/onnxgen"
)

// installTiny installs generated tiny models under a manifest of its own:
// an embedder and two rerankers, the first the default.
func installTiny(t *testing.T) (string, Manifest) {
	t.Helper()
	paths, err := onnxgen.WriteModels(t.TempDir(), onnxgen.Tiny(3))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var man Manifest
	for _, x := range []struct {
		name, role, path string
		def              bool
	}{{"tiny-embedder", "embedder", paths[0], true}, {"tiny-reranker", "reranker", paths[1], true}, {"tiny-reranker-int8", "reranker", paths[2], false}} {
		h, n := sha(t, x.path)
		m := Model{Name: x.name, Role: x.role, Default: x.def, MaxLength: 128, Pooling: "mean", Licence: "MIT",
			Files: []File{{Path: "onnx/model.onnx", Bytes: n, SHA256: h, Role: "model"}}}
		man.Models = append(man.Models, m)
		dst := Path(dir, m, m.Files[0])
		os.MkdirAll(filepath.Dir(dst), 0o755)
		data, _ := os.ReadFile(x.path)
		os.WriteFile(dst, data, 0o644)
	}
	return dir, man
}

func TestChoiceFile(t *testing.T) {
	dir := t.TempDir()
	if c, err := ReadChoice(dir); err != nil || c != (Choice{}) {
		t.Fatalf("no file: %+v %v", c, err)
	}
	want := Choice{}.With("embedder", None).With("reranker", "x")
	if err := WriteChoice(dir, want); err != nil {
		t.Fatal(err)
	}
	if c, err := ReadChoice(dir); err != nil || c != want || c.For("embedder") != None || c.For("reranker") != "x" {
		t.Fatalf("read back %+v %v, want %+v", c, err, want)
	}
	os.WriteFile(filepath.Join(dir, choiceFile), []byte("{"), 0o644)
	if _, err := ReadChoice(dir); err == nil {
		t.Fatal("a damaged choice file read without error")
	}
	// Loading still works, choosing automatically.
	set, err := LoadFrom(Options{Dir: dir}, Manifest{})
	if err != nil {
		t.Fatal(err)
	}
	set.Close()
}

// The saved choice decides which installed model each role uses, for
// every Load (the window's and the CLI's alike).
func TestChoiceDecidesLoad(t *testing.T) {
	needRuntime(t)
	dir, man := installTiny(t)
	load := func() Status {
		t.Helper()
		set, err := LoadFrom(Options{Dir: dir}, man)
		if err != nil {
			t.Fatal(err)
		}
		defer set.Close()
		if (set.Models.Reranker != nil) != (set.Status.Reranker != "") || (set.Models.Embedder != nil) != (set.Status.Embedder != "") {
			t.Fatalf("models and status disagree: %+v", set.Status)
		}
		return set.Status
	}
	active := func() string {
		t.Helper()
		cat, err := Catalog(dir, man, mustChoice(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		var on []string
		for _, e := range cat {
			if e.Active {
				on = append(on, e.Name)
			}
		}
		return strings.Join(on, ",")
	}

	if s := load(); s.Embedder != "tiny-embedder" || s.Reranker != "tiny-reranker" {
		t.Fatalf("automatic: %+v", s)
	}
	if a := active(); a != "tiny-embedder,tiny-reranker" {
		t.Fatalf("catalog active: %s", a)
	}

	WriteChoice(dir, Choice{Reranker: "tiny-reranker-int8"})
	if s := load(); s.Embedder != "tiny-embedder" || s.Reranker != "tiny-reranker-int8" {
		t.Fatalf("chosen reranker: %+v", s)
	}
	if e, r, err := Active(dir, man); err != nil || e != "tiny-embedder" || r != "tiny-reranker-int8" {
		t.Fatalf("Active: %s %s %v", e, r, err)
	}
	if a := active(); a != "tiny-embedder,tiny-reranker-int8" {
		t.Fatalf("catalog active: %s", a)
	}

	WriteChoice(dir, Choice{Reranker: None})
	if s := load(); s.Embedder != "tiny-embedder" || s.Reranker != "" || s.Off {
		t.Fatalf("reranker off: %+v", s)
	}

	WriteChoice(dir, Choice{Embedder: None, Reranker: None})
	s := load()
	if s.Semantic() || !s.Off || s.Banner() != "Keyword search is on: the semantic models are turned off in Settings." {
		t.Fatalf("both off: %+v %q", s, s.Banner())
	}
	if a := active(); a != "" {
		t.Fatalf("catalog active with both off: %s", a)
	}

	// A chosen model that is not installed: automatic instead.
	WriteChoice(dir, Choice{Embedder: UseName, Reranker: "gone"})
	if s := load(); s.Embedder != "tiny-embedder" || s.Reranker != "tiny-reranker" {
		t.Fatalf("chosen but missing: %+v", s)
	}
}

func mustChoice(t *testing.T, dir string) Choice {
	t.Helper()
	c, err := ReadChoice(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The catalog lists the built-in embedder first, then the manifest, with
// sizes, licences and what is installed.
func TestCatalog(t *testing.T) {
	man, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := Catalog(t.TempDir(), man, Choice{})
	if err != nil {
		t.Fatal(err)
	}
	// use-lite's download is its npm tarball, 26,025,763 bytes.
	if len(cat) != len(man.Models) || cat[0].Name != UseName || !cat[0].Builtin || cat[0].Bytes != 26_025_763 {
		t.Fatalf("catalog %+v", cat)
	}
	for _, e := range cat {
		if e.Installed || e.Active || e.Downloaded != 0 || e.Licence == "" || e.Bytes <= 0 || (e.Role != "embedder" && e.Role != "reranker") {
			t.Errorf("empty folder: %+v", e)
		}
	}
}
