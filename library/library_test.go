package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"quire/ingest"
	"quire/llm"
	"quire/store"
)

func TestMain(m *testing.M) {
	ingest.RunWorkerIfRequested()
	runCrashChildIfRequested()
	runDiskFullChildIfRequested()
	runNobodySyncChildIfRequested()
	os.Exit(m.Run())
}

// shared locates ../shared beside the module root.
func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data not found at %s", p)
	}
	abs, _ := filepath.Abs(p)
	return abs
}

// ingested opens a library in a temporary folder, closed when the test
// ends, holding the PDFs and folders at paths.
func ingested(t *testing.T, paths ...string) *Library {
	t.Helper()
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if _, err := lib.Ingest(context.Background(), paths, nil); err != nil {
		t.Fatal(err)
	}
	return lib
}

// answersFirst asks each question of lib and wants an answer whose first
// line holds the text given for it.
func answersFirst(t *testing.T, lib *Library, want map[string]string) {
	t.Helper()
	for q, w := range want {
		if ans, first := asked(t, lib, q); ans.Abstained || !strings.Contains(first, w) {
			t.Errorf("%q answered:\n%s\nwant %q first", q, ans.Text, w)
		}
	}
}

// bothPlans is a library of the two Northwind plans' benefit details,
// siblings whose answers must not be taken for each other's.
func bothPlans(t *testing.T) *Library {
	t.Helper()
	dir := shared(t, "evaldata/northwind")
	return ingested(t,
		filepath.Join(dir, "Northwind_Standard_Benefits_Details.pdf"),
		filepath.Join(dir, "Northwind_Health_Plus_Benefits_Details.pdf"),
	)
}

// asked asks lib q with the default options and returns the answer and
// its first line.
func asked(t *testing.T, lib *Library, q string) (llm.Answer, string) {
	t.Helper()
	ans, err := lib.Ask(context.Background(), q, AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(ans.Text, "\n")
	return ans, first
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestAskZentara(t *testing.T) {
	pdf := filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf")
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()

	var mu sync.Mutex
	var events []Event
	sum, err := lib.Ingest(context.Background(), []string{pdf}, func(e Event) {
		mu.Lock()
		events = append(events, e)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 1 || sum.Pages != 5 || sum.Chunks == 0 {
		t.Fatalf("summary %+v", sum)
	}
	if len(events) < 3 || events[0].Kind != FileQueued || events[len(events)-1].Kind != FileDone {
		t.Fatalf("events %+v", events)
	}
	// Every page is reported as it is read, before the file is done.
	var read []int
	for _, e := range events[:len(events)-1] {
		if e.Kind == PageRead && e.Pages == 5 {
			read = append(read, e.Page)
		}
	}
	if len(read) != 5 || events[len(events)-1].PagesDone != 5 {
		t.Fatalf("pages reported: %v, pages done %d", read, events[len(events)-1].PagesDone)
	}
	// Sizes are told before pages are known: the run's, then the file's.
	info, err := os.Stat(pdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		want := int64(0)
		if e.Kind == FileStarted || e.Kind == FileDone {
			want = info.Size()
		}
		if e.Bytes != info.Size() || e.Size != want {
			t.Fatalf("event %v: bytes %d, size %d; the file has %d", e.Kind, e.Bytes, e.Size, info.Size())
		}
	}

	ans, err := lib.Ask(context.Background(), "Who is the CEO of Zentara Robotics?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || !strings.Contains(ans.Text, "Iris Kallas") || !strings.Contains(ans.Text, "[1]") {
		t.Fatalf("answer %q (abstained %v)", ans.Text, ans.Abstained)
	}
	c := ans.Citations[0]
	if c.File != "zentara_robotics_handbook.pdf" || c.Page != 1 || !c.Used {
		t.Fatalf("first citation %+v", c)
	}

	ans, err = lib.Ask(context.Background(), "What's Zentara's stock ticker?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Abstained || len(ans.Searched) != 1 {
		t.Fatalf("unanswerable question answered: %q", ans.Text)
	}

	// The same content again, under another name: skipped, not indexed twice.
	dup := filepath.Join(t.TempDir(), "copy.pdf")
	copyFile(t, pdf, dup)
	sum, err = lib.Ingest(context.Background(), []string{dup}, nil)
	if err != nil || sum.Skipped != 1 || sum.Indexed != 0 {
		t.Fatalf("duplicate: %+v %v", sum, err)
	}
	docs, _ := lib.Documents()
	if len(docs) != 1 {
		t.Fatalf("documents after duplicate: %d", len(docs))
	}
}

// A folder with good and bad files: every file gets an outcome, bad ones a
// reason, and nothing stops the good ones.
func TestIngestFolderWithBadFiles(t *testing.T) {
	corpus := shared(t, "pdfcorpus/files")
	dir := t.TempDir()
	for _, f := range []string{
		"pypdf-pdflatex-4-pages.pdf",
		"synthetic-not-pdf-html-error-page.pdf",
		"synthetic-empty-0-bytes.pdf",
		"synthetic-scanned-image-only.pdf",
		"synthetic-not-pdf-zip-archive.pdf",
	} {
		copyFile(t, filepath.Join(corpus, f), filepath.Join(dir, f))
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not collected"), 0o644)

	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	sum, err := lib.Ingest(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 5 || sum.Indexed != 1 || sum.NoText != 1 || sum.Failed != 3 {
		t.Fatalf("summary %+v", sum)
	}
	for _, d := range sum.Failures {
		if d.Error == "" || d.Status != store.StatusError {
			t.Errorf("%s failed without a reason: %+v", d.Name, d)
		}
	}
	docs, _ := lib.Documents()
	if len(docs) != 5 {
		t.Fatalf("library lists %d documents, want all 5 with their state", len(docs))
	}
}

func TestIngestCancelled(t *testing.T) {
	dir := shared(t, "evaldata/zentara")
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := lib.Ingest(ctx, []string{dir}, nil); err == nil {
		t.Fatal("cancelled ingest reported success")
	}
	docs, _ := lib.Documents()
	if len(docs) != 0 {
		t.Fatalf("cancelled before start, yet %d documents", len(docs))
	}
}

func TestDefaultDirHonoursQuireHome(t *testing.T) {
	t.Setenv("QUIRE_HOME", "/tmp/quire-home-test")
	if d, err := DefaultDir(); err != nil || d != "/tmp/quire-home-test" {
		t.Fatalf("DefaultDir = %q, %v", d, err)
	}
}

// Re-ingesting a folder reads only what changed; a renamed file keeps its
// document; a changed file replaces its old version.
func TestIncremental(t *testing.T) {
	src := shared(t, "pdfcorpus/files")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	copyFile(t, filepath.Join(src, "pypdf-pdflatex-4-pages.pdf"), a)
	copyFile(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"), b)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum, err := lib.Ingest(context.Background(), []string{dir}, nil); err != nil || sum.Indexed != 2 {
		t.Fatalf("first run: %+v %v", sum, err)
	}
	if sum, _ := lib.Ingest(context.Background(), []string{dir}, nil); sum.Skipped != 2 || sum.Indexed != 0 {
		t.Fatalf("second run: %+v", sum)
	}
	// Rename b: same document, new name.
	before, _ := lib.Documents()
	renamed := filepath.Join(dir, "handbook.pdf")
	if err := os.Rename(b, renamed); err != nil {
		t.Fatal(err)
	}
	if sum, _ := lib.Ingest(context.Background(), []string{dir}, nil); sum.Skipped != 2 || sum.Indexed != 0 {
		t.Fatalf("after a rename: %+v", sum)
	}
	after, _ := lib.Documents()
	if len(after) != 2 || after[0].Name != "a.pdf" || after[1].Name != "handbook.pdf" || after[1].ID != before[1].ID {
		t.Fatalf("after a rename: %+v", after)
	}
	// Change a: new content at the same path replaces the document.
	copyFile(t, filepath.Join(src, "synthetic-bad-startxref.pdf"), a)
	if sum, _ := lib.Ingest(context.Background(), []string{dir}, nil); sum.Indexed != 1 || sum.Skipped != 1 {
		t.Fatalf("after a change: %+v", sum)
	}
	after, _ = lib.Documents()
	if len(after) != 2 || after[0].ID == before[0].ID {
		t.Fatalf("changed file not replaced: %+v", after)
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
}

// Questions are answered while an ingest runs.
func TestAskDuringIngest(t *testing.T) {
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{shared(t, "evaldata/zentara")}, nil); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := lib.Ingest(context.Background(), []string{shared(t, "evaldata/northwind")}, nil)
		done <- err
	}()
	asked := 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
			ans, err := lib.Ask(context.Background(), "Who is the CEO of Zentara Robotics?", AskOptions{})
			if err != nil || ans.Abstained || !strings.Contains(ans.Text, "Iris Kallas") {
				t.Fatalf("answer during ingest: %q %v", ans.Text, err)
			}
			asked++
		}
	}
	if asked < 2 {
		t.Fatalf("only %d questions answered during the ingest", asked)
	}
}
