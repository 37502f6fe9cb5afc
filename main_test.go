package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs main itself when asked to: the test binary links the
// same packages as quire, in the same init order, without a build.
func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const asMain = "QUIRE_TEST_AS_MAIN"

// In a C locale (CI, servers, cron, containers) the commands print only
// what they mean to: the same stderr as in an English locale, and no
// complaint of the GUI toolkit about the locale, from the command or
// from the worker processes it starts.
func TestCLocaleQuiet(t *testing.T) {
	dir := t.TempDir()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	handbook, _ := filepath.Abs(filepath.Join("..", "shared", "evaldata", "zentara", "zentara_robotics_handbook.pdf"))
	cmds := [][]string{{"help"}, {"docs"}, {"llm", "show"}}
	if _, err := os.Stat(handbook); err == nil {
		cmds = append(cmds, []string{"ingest", handbook}, []string{"ask", "Who is the CEO?"})
	} else {
		t.Logf("no shared data (%v): ingest and ask not run", err)
	}
	stderr := func(locale []string, args []string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append([]string{asMain + "=1", "PATH=" + os.Getenv("PATH"), "HOME=" + dir,
			"QUIRE_HOME=" + filepath.Join(dir, strings.Join(locale, "-")), "QUIRE_MODELS=" + filepath.Join(dir, "models")}, locale...)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v quire %s: %v\n%s", locale, strings.Join(args, " "), err, errOut.String())
		}
		return errOut.String()
	}
	for _, args := range cmds {
		want := stderr([]string{"LANG=en_US.UTF-8"}, args)
		for _, locale := range [][]string{{"LC_ALL=C.UTF-8"}, {"LANG=C.UTF-8"}, {"LANG=C"}, {"LC_ALL=POSIX"}, {"LANG=C.utf8", "LC_MESSAGES=C.UTF-8"}} {
			got := stderr(locale, args)
			if strings.Contains(got, "Fyne") || got != want {
				t.Errorf("%v quire %s: stderr\n%s\nwant\n%s", locale, strings.Join(args, " "), got, want)
			}
		}
	}
}

// Started without a display (an SSH session, a server), quire says so and
// how to use it there, instead of panicking in the GUI toolkit.
func TestNoDisplaySaysSo(t *testing.T) {
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Env = []string{asMain + "=1", "PATH=" + os.Getenv("PATH"), "HOME=" + dir, "QUIRE_HOME=" + dir, "QUIRE_MODELS=" + filepath.Join(dir, "models")}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("quire without a display: %v, want exit status 1\n%s", err, errOut.String())
	}
	if got := errOut.String(); !strings.Contains(got, "no display") || strings.Contains(got, "panic") {
		t.Errorf("stderr %q, want a line that says there is no display", got)
	}
}
