package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// nobodySyncChild is set in the child of syncAsNobody: the library dir
// to sync, as a user without root's power to read every folder.
const nobodySyncChild = "QUIRE_NOBODY_SYNC_CHILD"

// nobodyIngestFile, set too, makes the child ingest that file instead.
const nobodyIngestFile = "QUIRE_NOBODY_INGEST_FILE"

// nobodyOutcome is what the child saw.
type nobodyOutcome struct {
	Removed            int    `json:"removed"`
	Unavailable        []Skip `json:"unavailable"`
	ChangedUnavailable bool   `json:"changed_unavailable"` // Changed said a folder is unavailable
	Err                string `json:"err,omitempty"`
}

func runNobodySyncChildIfRequested() {
	db := os.Getenv(nobodySyncChild)
	if db == "" {
		return
	}
	var out nobodyOutcome
	lib, err := Open(db, Options{})
	if err != nil {
		out.Err = err.Error()
	} else if f := os.Getenv(nobodyIngestFile); f != "" {
		sum, err := lib.Ingest(context.Background(), []string{f}, nil)
		for _, d := range sum.Failures {
			out.Err = d.Error
		}
		if err != nil {
			out.Err = err.Error()
		}
		lib.Close()
	} else {
		_, err := lib.Changed()
		out.ChangedUnavailable = errors.Is(err, ErrUnavailable)
		sum, err := lib.Sync(context.Background(), nil)
		out.Removed, out.Unavailable = sum.Removed, sum.Unavailable
		if err != nil {
			out.Err = err.Error()
		}
		lib.Close()
	}
	json.NewEncoder(os.Stdout).Encode(out)
	os.Exit(0)
}

// nobody is the user the child runs as.
const nobody = 65534

// syncAsNobody makes folder unreadable (mode 000) and syncs the library
// in db as an unprivileged user, in a child process: as root every
// folder is readable. It skips when it cannot drop privileges.
func syncAsNobody(t *testing.T, db, folder string, env ...string) nobodyOutcome {
	t.Helper()
	exe := copyExecutable(t)
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(append(os.Environ(), nobodySyncChild+"="+db), env...)
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		openUp(t, db, true)
		openUp(t, folder, false)
	}
	if err := os.Chmod(folder, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(folder, 0o755)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("cannot run a child without root's rights here: %v", err)
	}
	var o nobodyOutcome
	if err := json.Unmarshal(out, &o); err != nil {
		t.Fatalf("child said %q: %v", out, err)
	}
	return o
}

// copyExecutable copies the test binary where any user may run it.
func copyExecutable(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	openUp(t, dir, false)
	dst := filepath.Join(dir, "library.test")
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// openUp lets the unprivileged user reach dir (its parents traversable)
// and, if own, makes everything under it theirs.
func openUp(t *testing.T, dir string, own bool) {
	t.Helper()
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm()&0o005 != 0o005 {
			if err := os.Chmod(d, info.Mode().Perm()|0o055); err != nil {
				t.Fatal(fmt.Errorf("open up %s: %w", d, err))
			}
		}
	}
	if !own {
		return
	}
	filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			os.Lchown(p, nobody, nobody)
		}
		return nil
	})
}

// A file its user may not read says "permission denied", not only
// "could not be opened".
func TestUnreadableFileSaysPermissionDenied(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "secret.pdf")
	copyFile(t, filepath.Join(shared(t, "pdfcorpus/files"), "pypdf-pdflatex-4-pages.pdf"), f)
	db := t.TempDir()
	lib, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	out := syncAsNobody(t, db, f, nobodyIngestFile+"="+f)
	if out.Err != "could not be opened: permission denied" {
		t.Fatalf("mode-000 file: %q", out.Err)
	}
}
