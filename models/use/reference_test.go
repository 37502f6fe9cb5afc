package use

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReference proves the Go pipeline is the same model as the npm
// package: testdata/reference.js runs @energetic-ai/embeddings' own
// tokenizer and embed() on TensorFlow.js's pure-JS CPU backend over
// testdata/sentences.json (128 queries and passages: digits,
// punctuation, casing, whitespace oddities, non-ASCII, CJK, emoji, texts
// past the 128-piece clip), one text at a time. The Go tokeniser must
// give the same ids for every text and the ONNX model, run in batches, a
// vector with cosine ≥ 0.999 to the reference's.
//
// The npm packages (testdata/package.json, ~80 MB) are installed once
// into ~/.cache/quire/use-reference/npm-<hash>/ and the reference output
// cached beside them, keyed by the hashes of the script, the sentences,
// package.json and the model: a first run takes about a minute, later
// ones a few seconds. Skips when node or npm is missing.
func TestReference(t *testing.T) {
	node, err1 := exec.LookPath("node")
	npm, err2 := exec.LookPath("npm")
	if err1 != nil || err2 != nil {
		t.Skipf("skipping: node and npm are needed to run testdata/reference.js (node: %v, npm: %v)", err1, err2)
	}
	e := newRealEmbedder(t, Options{BatchSize: 16})
	dir := realModelDir(t)
	ref := referenceOutput(t, node, npm, dir)

	var sentences []string
	readJSON(t, filepath.Join("testdata", "sentences.json"), &sentences)
	if len(ref.Items) != len(sentences) || len(ref.Items) < 100 {
		t.Fatalf("reference has %d items for %d sentences (want ≥ 100)", len(ref.Items), len(sentences))
	}
	t.Logf("reference: %v", ref.Versions)

	texts := make([]string, len(ref.Items))
	tokFail := 0
	for i, it := range ref.Items {
		if it.Text != sentences[i] {
			t.Fatalf("reference item %d is %q, want %q", i, it.Text, sentences[i])
		}
		texts[i] = it.Text
		if got := e.Tokenizer().Encode(it.Text); !slices.Equal(got, it.IDs) {
			tokFail++
			t.Errorf("tokens of %q:\n got %v\nwant %v", it.Text, got, it.IDs)
		}
	}
	// The TF.js graph clips a text at its first 128 pieces, and so does
	// Embed unless asked for windows (checked in TestEmbed).
	rows := make([][]int64, len(texts))
	for i, s := range texts {
		ids := e.Tokenizer().Encode(s)
		rows[i] = ids[:min(len(ids), DefaultMaxLen)]
	}
	vecs, err := e.run(rows)
	if err != nil {
		t.Fatal(err)
	}
	minCos, sum, maxDiff := 2.0, 0.0, 0.0
	for i, it := range ref.Items {
		if len(it.Embedding) != Dim {
			t.Fatalf("reference embedding %d has %d values", i, len(it.Embedding))
		}
		want := make([]float32, Dim)
		for j, x := range it.Embedding {
			want[j] = float32(x)
		}
		c := dot(vecs[i], want) / math.Sqrt(dot(want, want)*dot(vecs[i], vecs[i]))
		minCos = min(minCos, c)
		sum += c
		for j := range want {
			maxDiff = max(maxDiff, math.Abs(float64(want[j]-vecs[i][j])))
		}
		if c < 0.999 {
			t.Errorf("cosine %.6f < 0.999 for %q", c, it.Text)
		}
	}
	t.Logf("%d texts: tokens agree on %d; cosine to reference min %.9f (1−min %.1e), mean %.9f; largest |Δ| of a component %.1e",
		len(texts), len(texts)-tokFail, minCos, 1-minCos, sum/float64(len(texts)), maxDiff)

	// Batching must not change vectors: re-embed a few alone.
	for _, i := range []int{0, 7, len(texts) / 2, len(texts) - 1} {
		v, err := e.EmbedQuery(context.Background(), texts[i])
		if err != nil {
			t.Fatal(err)
		}
		if c := dot(v, vecs[i]); c < 0.99999 {
			t.Errorf("text %d alone vs batched: cosine %.7f", i, c)
		}
	}
}

type reference struct {
	Versions map[string]string `json:"versions"`
	Items    []struct {
		Text      string    `json:"text"`
		IDs       []int64   `json:"ids"`
		Embedding []float64 `json:"embedding"`
	} `json:"items"`
}

// referenceCache is ~/.cache/quire/use-reference (or under $XDG_CACHE_HOME).
func referenceCache(t *testing.T) string {
	t.Helper()
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Skipf("skipping: no home directory for the npm cache: %v", err)
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "quire", "use-reference")
}

// nodeModules installs testdata/package.json's packages into the cache
// unless there already, and returns the node_modules directory.
func nodeModules(t *testing.T, npm string) string {
	t.Helper()
	pkg := readFile(t, filepath.Join("testdata", "package.json"))
	npmDir := filepath.Join(referenceCache(t), "npm-"+shortHash(pkg))
	mods := filepath.Join(npmDir, "node_modules")
	if _, err := os.Stat(filepath.Join(mods, "@energetic-ai", "embeddings", "package.json")); err == nil {
		return mods
	}
	if err := os.MkdirAll(npmDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(npmDir, "package.json"), pkg, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	run(t, 5*time.Minute, npmDir, nil, npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	t.Logf("npm install took %v", time.Since(start).Round(time.Second))
	return mods
}

// referenceOutput returns testdata/reference.js's output for the model in
// modelDir, from the cache or by running it.
func referenceOutput(t *testing.T, node, npm, modelDir string) reference {
	t.Helper()
	pkg := readFile(t, filepath.Join("testdata", "package.json"))
	script := readFile(t, filepath.Join("testdata", "reference.js"))
	sentences := readFile(t, filepath.Join("testdata", "sentences.json"))
	out := filepath.Join(referenceCache(t), "reference-"+shortHash(pkg, script, sentences, []byte(realPins(t).NPM.SHA256))+".json")
	if _, err := os.Stat(out); err != nil {
		mods := nodeModules(t, npm)
		tmp := out + ".tmp"
		start := time.Now()
		run(t, 10*time.Minute, filepath.Dir(mods), []string{"NODE_PATH=" + mods}, node,
			absPath(t, filepath.Join("testdata", "reference.js")), modelDir, absPath(t, filepath.Join("testdata", "sentences.json")), tmp)
		t.Logf("reference.js ran in %v", time.Since(start).Round(time.Second))
		if err := os.Rename(tmp, out); err != nil {
			t.Fatal(err)
		}
	}
	var ref reference
	readJSON(t, out, &ref)
	return ref
}

// TestReferenceSmallVocab recomputes smallVocabCases with the package's
// own tokenizer (testdata/tokenize.js), so the hand-written expectations
// stay honest. Skips when node or npm is missing.
func TestReferenceSmallVocab(t *testing.T) {
	node, err1 := exec.LookPath("node")
	npm, err2 := exec.LookPath("npm")
	if err1 != nil || err2 != nil {
		t.Skipf("skipping: node and npm are needed to run testdata/tokenize.js (node: %v, npm: %v)", err1, err2)
	}
	mods := nodeModules(t, npm)
	dir := t.TempDir()
	vocab := filepath.Join(dir, "vocab.json")
	if err := os.WriteFile(vocab, []byte(smallVocab), 0o644); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, c := range smallVocabCases() {
		texts = append(texts, c.in)
	}
	b, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	textsPath := filepath.Join(dir, "texts.json")
	if err := os.WriteFile(textsPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, absPath(t, filepath.Join("testdata", "tokenize.js")), vocab, textsPath)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tokenize.js: %v\n%s", err, stderr.String())
	}
	var got [][]int64
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("tokenize.js output %q: %v", out, err)
	}
	if len(got) != len(texts) {
		t.Fatalf("tokenize.js gave %d results for %d texts", len(got), len(texts))
	}
	for i, c := range smallVocabCases() {
		if !slices.Equal(got[i], c.want) && !(len(got[i]) == 0 && len(c.want) == 0) {
			t.Errorf("JS encodes %q as %v; smallVocabCases says %v", c.in, got[i], c.want)
		}
	}
}

func absPath(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// run runs a command in dir with extra environment, failing the test on
// error with its output.
func run(t *testing.T, timeout time.Duration, dir string, env []string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var outb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &outb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, outb.String())
	}
}

func shortHash(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readJSON(t testing.TB, p string, v any) {
	t.Helper()
	if err := json.Unmarshal(readFile(t, p), v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}
