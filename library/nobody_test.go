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
func syncAsNobody(t *testing.T, db, folder string) nobodyOutcome {
	t.Helper()
	exe := copyExecutable(t)
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), nobodySyncChild+"="+db)
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
	if o.Err != "" && o.Removed == 0 && o.Unavailable == nil {
		t.Fatalf("child: %s", o.Err)
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
