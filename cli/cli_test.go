package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"quire/eval"
	"quire/ingest"
	"quire/llm"
)

func TestMain(m *testing.M) {
	ingest.RunWorkerIfRequested()
	// Hermetic: no models a developer installed, no user library.
	dir, err := os.MkdirTemp("", "quire-cli-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("QUIRE_MODELS", filepath.Join(dir, "models"))
	os.Setenv("QUIRE_HOME", filepath.Join(dir, "home"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func zentara(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "shared", "evaldata", "zentara"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s", dir)
	}
	return dir
}

func run(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := Main(args, &out, &errOut); code != 0 {
		t.Fatalf("quire %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String()
}

func TestIngestAskEval(t *testing.T) {
	dir := zentara(t)
	db := t.TempDir()

	out := run(t, "ingest", "--db", db, dir)
	if !strings.Contains(out, "zentara_robotics_handbook.pdf: indexed, 5 pages") || !strings.Contains(out, "1 indexed") {
		t.Fatalf("ingest output:\n%s", out)
	}

	out = run(t, "ask", "--db", db, "Who is the CEO of Zentara Robotics?")
	if !strings.Contains(out, "Iris Kallas") || !strings.Contains(out, `[1] zentara_robotics_handbook.pdf p.1 — "`) {
		t.Fatalf("ask output:\n%s", out)
	}

	// A typo is corrected, and the answer says what was searched.
	out = run(t, "ask", "--db", db, "Who is the CEO of Zentara Robotcs?")
	if !strings.HasPrefix(out, "Showing results for: Who is the CEO of Zentara Robotics? (--exact") || !strings.Contains(out, "Iris Kallas") {
		t.Fatalf("ask with a typo:\n%s", out)
	}
	if out = run(t, "ask", "--db", db, "--exact", "Who is the CEO of Zentara Robotcs?"); strings.Contains(out, "Showing results for") {
		t.Fatalf("ask --exact corrected:\n%s", out)
	}

	var ans llm.Answer
	out = run(t, "ask", "--db", db, "--json", "What's Zentara's stock ticker?")
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("ask --json: %v\n%s", err, out)
	}
	if !ans.Abstained || len(ans.Citations) == 0 || ans.Citations[0].ChunkID == "" || ans.Citations[0].Text == "" {
		t.Fatalf("ask --json: %+v", ans)
	}

	report := filepath.Join(t.TempDir(), "report.json")
	run(t, "eval", "--db", db, "--qa", filepath.Join(dir, "qa.jsonl"), "--docs", dir, "--json", report, "-q")
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep eval.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if s.Questions != 19 || s.Answerable != 16 || len(rep.Questions) != 19 {
		t.Fatalf("eval counts: %+v", s)
	}
	// The acceptance bar of the first working Quire.
	if s.Hit5 != 1 || s.AbstainedUnanswerable != 3 {
		t.Errorf("zentara: hit@5 %.3f (want 1), unanswerable abstained %d of 3", s.Hit5, s.AbstainedUnanswerable)
	}
}

func TestIngestJSONAndErrors(t *testing.T) {
	corpus, _ := filepath.Abs(filepath.Join("..", "..", "shared", "pdfcorpus", "files"))
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("shared corpus not found")
	}
	db := t.TempDir()
	out := run(t, "ingest", "--db", db, "--json",
		filepath.Join(corpus, "synthetic-not-pdf-png-image.pdf"),
		filepath.Join(corpus, "pypdf-pdflatex-4-pages.pdf"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 2 file lines and a summary, got:\n%s", out)
	}
	seen := map[string]fileLine{}
	for _, l := range lines[:2] {
		var fl fileLine
		if err := json.Unmarshal([]byte(l), &fl); err != nil {
			t.Fatal(err)
		}
		seen[fl.File] = fl
	}
	if fl := seen["synthetic-not-pdf-png-image.pdf"]; fl.Status != "error" || fl.Error == "" {
		t.Errorf("PNG named .pdf: %+v", fl)
	}
	if fl := seen["pypdf-pdflatex-4-pages.pdf"]; fl.Status != "indexed" || fl.Pages != 4 || fl.Chunks == 0 {
		t.Errorf("good PDF: %+v", fl)
	}

	var errOut bytes.Buffer
	if code := Main([]string{"ask", "--db", db}, &bytes.Buffer{}, &errOut); code == 0 || !strings.Contains(errOut.String(), "ask a question") {
		t.Errorf("empty question: exit %d, %q", code, errOut.String())
	}
	errOut.Reset()
	if code := Main([]string{"ingest", "--db", db}, &bytes.Buffer{}, &errOut); code == 0 || !strings.Contains(errOut.String(), "--resume") {
		t.Errorf("ingest without paths: exit %d, %q", code, errOut.String())
	}
	if out := run(t, "ingest", "--db", db, "--resume"); !strings.Contains(out, "0 files") {
		t.Errorf("nothing to resume: %q", out)
	}
	if code := Main([]string{"frobnicate"}, &bytes.Buffer{}, &errOut); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
}

func TestModelsList(t *testing.T) {
	dir := t.TempDir()
	out := run(t, "models", "list", "--dir", dir)
	for _, want := range []string{"all-minilm-l6-v2", "ms-marco-minilm-l6-v2", "not installed", "(default)", "Apache-2.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("models list lacks %q:\n%s", want, out)
		}
	}
	var errOut bytes.Buffer
	if code := Main([]string{"models", "pull", "no-such-model", "--dir", dir}, &bytes.Buffer{}, &errOut); code != 1 || !strings.Contains(errOut.String(), "no model named") {
		t.Errorf("pull of an unknown model: exit %d, %q", code, errOut.String())
	}
	if code := Main([]string{"models", "import", filepath.Join(dir, "absent"), "--dir", dir}, &bytes.Buffer{}, &errOut); code != 1 {
		t.Errorf("import of a missing folder: exit %d", code)
	}
}

func TestWatch(t *testing.T) {
	src, _ := filepath.Abs(filepath.Join("..", "..", "shared", "pdfcorpus", "files", "pypdf-pdflatex-4-pages.pdf"))
	data, err := os.ReadFile(src)
	if err != nil {
		t.Skip("shared corpus not found")
	}
	db, dir := t.TempDir(), t.TempDir()
	if out := run(t, "watch", "--db", db); !strings.Contains(out, "No folder is watched") {
		t.Errorf("empty list: %q", out)
	}
	if out := run(t, "watch", "--db", db, dir); !strings.Contains(out, "watching "+dir) {
		t.Errorf("after watch: %q", out)
	}
	os.WriteFile(filepath.Join(dir, "a.pdf"), data, 0o644)
	if out := run(t, "watch", "--db", db, "--sync"); !strings.Contains(out, "1 indexed") {
		t.Errorf("sync: %q", out)
	}
	// The folder suddenly empty (an unplugged drive's mount point)
	// removes nothing and says so; a delete beside another file does.
	os.Remove(filepath.Join(dir, "a.pdf"))
	if out := run(t, "watch", "--db", db, "--sync"); strings.Contains(out, "removed") || !strings.Contains(out, dir+" is empty") {
		t.Errorf("sync of an emptied folder: %q", out)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644)
	if out := run(t, "watch", "--db", db, "--sync"); !strings.Contains(out, "1 removed") {
		t.Errorf("sync after a delete: %q", out)
	}
	if out := run(t, "watch", "--db", db, "--stop", dir); !strings.Contains(out, "No folder is watched") {
		t.Errorf("after stop: %q", out)
	}
}

// A damaged library is named as such, with the command that rebuilds it;
// quire rebuild reads its PDFs again.
func TestDamagedLibraryRebuild(t *testing.T) {
	dir := zentara(t)
	db := t.TempDir()
	run(t, "ingest", "--db", db, "--no-models", dir)
	os.Truncate(filepath.Join(db, "library.db"), 0)
	var out, errOut bytes.Buffer
	if code := Main([]string{"docs", "--db", db}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "is damaged") || !strings.Contains(errOut.String(), "quire rebuild --db "+db) {
		t.Fatalf("docs on a damaged library: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if out := run(t, "rebuild", "--db", db); !strings.Contains(out, "1 indexed") {
		t.Fatalf("rebuild: %q", out)
	}
	if out := run(t, "docs", "--db", db); !strings.Contains(out, "zentara") {
		t.Fatalf("docs after the rebuild: %q", out)
	}
}

func TestAskNamesTheQuotedDocument(t *testing.T) {
	dir := zentara(t)
	db := t.TempDir()
	run(t, "ingest", "--db", db, dir, filepath.Join(dir, "..", "northwind"))

	var ans llm.Answer
	out := run(t, "ask", "--db", db, "--json", "Who is the CEO of Zentara Robotics?")
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("ask --json: %v\n%s", err, out)
	}
	if ans.Abstained || len(ans.From) != 1 || ans.From[0] != ans.Citations[0].Title || ans.Citations[0].File != "zentara_robotics_handbook.pdf" {
		t.Fatalf("want the quoted handbook named by title: from %q, first citation %+v", ans.From, ans.Citations[0])
	}
	out = run(t, "ask", "--db", db, "Who is the CEO of Zentara Robotics?")
	if !strings.Contains(out, "From: "+ans.From[0]+"\n") {
		t.Errorf("ask does not name the document it quotes:\n%s", out)
	}
	// A library of one document needs no name.
	one := t.TempDir()
	run(t, "ingest", "--db", one, dir)
	if out := run(t, "ask", "--db", one, "Who is the CEO?"); strings.Contains(out, "From: ") {
		t.Errorf("one document, yet named:\n%s", out)
	}
}

func TestAbstentionInALargeLibraryCountsTheDocuments(t *testing.T) {
	dir := zentara(t)
	db := t.TempDir()
	run(t, "ingest", "--db", db, filepath.Join(dir, "..", "financebench"))
	out := run(t, "ask", "--db", db, "Is the zyxqv quorblat frimbled?")
	if !strings.Contains(out, "I couldn't find this") || !regexp.MustCompile(`Searched all \d+ documents`).MatchString(out) || strings.Contains(out, "Searched: ") {
		t.Errorf("abstention in a library of many documents:\n%s", out)
	}
}

// A file that cannot be read is tried again at every evaluation, and
// the library line says so, not that it is new.
func TestEvalCountsUnreadableFiles(t *testing.T) {
	dir := zentara(t)
	bad, _ := filepath.Abs(filepath.Join("..", "..", "shared", "pdfcorpus", "files", "synthetic-not-pdf-png-image.pdf"))
	if _, err := os.Stat(bad); err != nil {
		t.Skip("shared corpus not found")
	}
	with := t.TempDir()
	data, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(with, "broken.pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	db := t.TempDir()
	args := []string{"eval", "--db", db, "--qa", filepath.Join(dir, "qa.jsonl"), "--docs", dir, "--with", with, "-q"}
	if out := run(t, args...); !strings.Contains(out, "2 files (1 new, 0 already indexed, 1 could not be read)") {
		t.Errorf("first run:\n%s", out)
	}
	if out := run(t, args...); !strings.Contains(out, "2 files (0 new, 1 already indexed, 1 could not be read)") {
		t.Errorf("second run:\n%s", out)
	}
}
