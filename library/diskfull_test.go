package library

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// diskFullChild is set in the child of TestDiskFull: it ingests with the
// size a file may grow to capped (RLIMIT_FSIZE), so the library's writes
// fail part way as on a full disk.
const diskFullChild = "QUIRE_DISKFULL_TEST_CHILD"

func runDiskFullChildIfRequested() {
	if os.Getenv(diskFullChild) == "" {
		return
	}
	limit, _ := strconv.ParseUint(os.Getenv(diskFullChild), 10, 64)
	signal.Ignore(syscall.SIGXFSZ) // a write past the cap fails with EFBIG instead of killing
	lim := syscall.Rlimit{Cur: limit, Max: limit}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	lib, err := Open(os.Getenv("QUIRE_DISKFULL_DB"), Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(0)
	}
	sum, err := lib.Ingest(context.Background(), []string{os.Getenv("QUIRE_DISKFULL_DOCS")}, nil)
	fmt.Printf("indexed %d, failed %d: %v\n", sum.Indexed, sum.Failed, err)
	lib.Close()
	os.Exit(0)
}

// A disk that fills up during an ingest: the run stops with an error
// that says so, the library keeps every document it had stored, agrees
// with its index, and a run with space again completes it.
func TestDiskFull(t *testing.T) {
	src := shared(t, "evaldata/uda")
	files, _ := filepath.Glob(filepath.Join(src, "*.pdf"))
	db := t.TempDir()
	// Start with a library that opens (its files exist), then cap growth.
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	var saw []string
	for _, limit := range []int{1 << 20, 4 << 20, 12 << 20} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), diskFullChild+"="+strconv.Itoa(limit), "QUIRE_DISKFULL_DB="+db, "QUIRE_DISKFULL_DOCS="+src)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child at %d bytes: %v\n%s", limit, err, out)
		}
		saw = append(saw, strings.TrimSpace(string(out)))
		lib, err := Open(db, Options{})
		if err != nil {
			t.Fatalf("after a full disk (%d bytes): open: %v", limit, err)
		}
		if err := lib.Check(); err != nil {
			t.Fatalf("after a full disk (%d bytes): %v", limit, err)
		}
		lib.Close()
	}
	t.Logf("runs: %q", saw)
	if !strings.Contains(saw[0], ErrDiskFull.Error()) {
		t.Errorf("the first run, capped at 1 MiB, did not report the full disk: %q", saw[0])
	}
	lib, err = Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(context.Background(), []string{src}, nil); err != nil {
		t.Fatal(err)
	}
	docs, _ := lib.Documents()
	if len(docs) != len(files) {
		t.Fatalf("after a run with space: %d documents, want %d", len(docs), len(files))
	}
	for _, d := range docs {
		if d.Status == "error" {
			t.Errorf("%s kept the failure of the full disk: %s", d.Name, d.Error)
		}
	}
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
}

// A real full disk (a small tmpfs, as root): the index's own write
// fails after bbolt's, and the next write must not panic inside Bleve
// (it did: "assignment to entry in nil map", exit 2).
func TestDiskFullTmpfs(t *testing.T) {
	src := shared(t, "evaldata/uda")
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=6m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): TestDiskFull covers the file-size limit", err)
	}
	defer syscall.Unmount(mnt, 0)
	db := filepath.Join(mnt, "lib")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), diskFullChild+"="+strconv.FormatUint(1<<40, 10), "QUIRE_DISKFULL_DB="+db, "QUIRE_DISKFULL_DOCS="+src)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(out), "panic") {
		t.Fatalf("ingest onto a full tmpfs: %v\n%.2000s", err, out)
	}
	if !strings.Contains(string(out), ErrDiskFull.Error()) {
		t.Fatalf("the full disk was not reported: %s", out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
	// The user frees space, as the message asks, and opens the library:
	// the repair of the half-written document needs to write.
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "size=64m"); err != nil {
		t.Fatalf("remount with room: %v", err)
	}
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if err := lib.Check(); err != nil {
		t.Fatal(err)
	}
}
