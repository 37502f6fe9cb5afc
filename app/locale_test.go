package app

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Issue #12: in a C or POSIX locale, or none, no binary with the window
// prints Fyne's "Error parsing user locale C". This test binary is one:
// it is run again with each locale, builds the window over Fyne's test
// driver and draws it, and its output must not say it. (Fyne reads the
// locale as its packages start, and again to pick fonts; a real window
// was checked by hand, and closing one this soon can crash GLFW.)
func TestCLocaleQuiet(t *testing.T) {
	const child = "QUIRE_LOCALE_CHILD"
	if os.Getenv(child) != "" {
		u := newUI(test.NewTempApp(t), &fakeCore{})
		u.reloadDocs()
		within(t, 10*time.Second, "the list read", func() bool { return u.docsLoaded })
		u.win.Resize(fyne.NewSize(1000, 700))
		u.win.Canvas().Capture()
		return
	}
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			env = append(env, kv)
		}
	}
	for _, locale := range [][]string{nil, {"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8"}, {"LC_ALL=POSIX"},
		{"LANG=C.UTF-8", "LANGUAGE=C.UTF-8"}, {"LANG=en_US.UTF-8", "LANGUAGE=de:C.UTF-8"}} {
		cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
		cmd.Env = append(append(env[:len(env):len(env)], child+"=1"), locale...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", locale, err, out)
		}
		if strings.Contains(string(out), "user locale") {
			t.Errorf("%v: Fyne complains of the locale:\n%s", locale, out)
		}
	}
}
