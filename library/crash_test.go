package library

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// crashChild is set in the child process of TestKilledIngest: it ingests
// a folder into a library and is killed somewhere along the way.
const crashChild = "QUIRE_CRASH_TEST_CHILD"

// runCrashChildIfRequested runs the child's part; TestMain calls it after
// the ingest worker check, since the child's workers inherit its
// environment.
func runCrashChildIfRequested() {
	if os.Getenv(crashChild) == "" {
		return
	}
	db, dir := os.Getenv("QUIRE_CRASH_DB"), os.Getenv("QUIRE_CRASH_DOCS")
	lib, err := Open(db, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	if _, err := lib.Ingest(context.Background(), []string{dir}, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(4)
	}
	lib.Close()
	os.Exit(0)
}

// A process killed with SIGKILL at random points of an ingest leaves a
// library that opens, holds whole documents only, agrees with its index,
// and is completed by running the same ingest again.
func TestKilledIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 50 ingest processes")
	}
	src := shared(t, "evaldata/uda")
	docs := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(src, "*.pdf"))
	for _, f := range files {
		copyFile(t, f, filepath.Join(docs, filepath.Base(f)))
	}
	// How long a whole run takes, to spread the kills over it.
	full := runCrashChild(t, t.TempDir(), docs, 0)
	db := t.TempDir()
	rng := rand.New(rand.NewSource(42))
	kills := 0
	for i := 0; i < 50; i++ {
		// Every third run starts from an empty library, the others
		// resume a killed one, so kills land in fresh and resumed runs.
		if i%3 == 0 {
			os.RemoveAll(db)
		}
		if runCrashChild(t, db, docs, time.Duration(rng.Int63n(int64(full/3)))) > 0 {
			kills++
		}
		lib, err := Open(db, Options{})
		if err != nil {
			t.Fatalf("after kill %d: open: %v", i, err)
		}
		if err := lib.Check(); err != nil {
			lib.Close()
			t.Fatalf("after kill %d: %v", i, err)
		}
		lib.Close()
	}
	t.Logf("%d of 50 runs killed mid-ingest (a full run takes %v)", kills, full)
	if kills < 30 {
		t.Fatalf("only %d runs were killed mid-ingest", kills)
	}
	// A killed run is remembered, and resuming it completes the library.
	for runCrashChild(t, db, docs, full/4) == 0 {
	}
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if left, err := lib.Unfinished(); err != nil || len(left) != 1 || left[0] != docs {
		t.Fatalf("unfinished after a kill: %q, %v; want [%s]", left, err, docs)
	}
	if _, err := lib.Resume(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
	all, _ := lib.Documents()
	if len(all) != len(files) {
		t.Fatalf("after resuming: %d documents, want %d", len(all), len(files))
	}
	if left, _ := lib.Unfinished(); len(left) != 0 {
		t.Fatalf("still unfinished after resuming: %q", left)
	}
}

// runCrashChild ingests docs into db in a child process, killing it with
// SIGKILL after d when d > 0. It returns d if the kill landed before the
// child finished, else the child's run time (d = 0) or 0.
func runCrashChild(t *testing.T, db, docs string, d time.Duration) time.Duration {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChild+"=1", "QUIRE_CRASH_DB="+db, "QUIRE_CRASH_DOCS="+docs)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if d == 0 {
		if err := <-done; err != nil {
			t.Fatalf("ingest child: %v", err)
		}
		return time.Since(start)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("ingest child: %v", err)
		}
		return 0
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return d
	}
}
