package onnx

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func touch(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindLibraryOrder(t *testing.T) {
	root := t.TempDir()
	explicit := touch(t, filepath.Join(root, "explicit", "libonnxruntime.so.1.24.3"))
	env := touch(t, filepath.Join(root, "env", "libonnxruntime.so.1"))
	models := touch(t, filepath.Join(root, "models", "lib", "libonnxruntime.so.1"))
	cache := touch(t, filepath.Join(root, "xdg", "quire", "onnxruntime", ORTVersion, "libonnxruntime.so.1"))
	older := touch(t, filepath.Join(root, "xdg", "quire", "onnxruntime", "1.24.0", "libonnxruntime.so.1"))
	sys := touch(t, filepath.Join(root, "ld", "libonnxruntime.so"))
	vars := map[string]string{
		"QUIRE_ORT_LIB":   filepath.Dir(env),
		"XDG_CACHE_HOME":  filepath.Join(root, "xdg"),
		"LD_LIBRARY_PATH": filepath.Join(root, "nowhere") + string(os.PathListSeparator) + filepath.Dir(sys),
	}
	getenv := func(k string) string { return vars[k] }
	opts := RuntimeOptions{LibPath: explicit, ModelsDir: filepath.Join(root, "models")}
	found, looked := findLibrary(opts, getenv, "linux")
	want := []string{explicit, env, models, cache, older, sys}
	if !slices.Equal(found[:len(want)], want) {
		t.Errorf("found\n%v\nwant\n%v", strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Contains(looked, filepath.Join(root, "nowhere")) {
		t.Errorf("looked %v lacks the empty LD_LIBRARY_PATH entry", looked)
	}

	// Nothing anywhere: no candidates, every place listed.
	empty := t.TempDir()
	vars = map[string]string{"XDG_CACHE_HOME": empty, "LD_LIBRARY_PATH": empty}
	found, looked = findLibrary(RuntimeOptions{LibPath: filepath.Join(empty, "missing.so"), ModelsDir: empty}, getenv, "plan9")
	if len(found) != 0 {
		t.Skipf("a system onnxruntime exists (%v); cannot test the empty case", found)
	}
	err := error(&missingError{looked: looked})
	if !errors.Is(err, ErrRuntimeMissing) {
		t.Error("missingError is not ErrRuntimeMissing")
	}
	msg := err.Error()
	for _, s := range []string{filepath.Join(empty, "missing.so"), filepath.Join(empty, "lib")} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %s: %s", s, msg)
		}
	}
	if runtime.GOOS == "linux" && !strings.Contains(msg, "scripts/onnxruntime.sh") {
		t.Errorf("message does not say how to get the library: %s", msg)
	}
}

func TestVersionAtLeast(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{{"1.24.3", true}, {"1.24.0", true}, {"1.24", true}, {"1.25.1", true}, {"2.0.0", true},
		{"1.23.2", false}, {"1.9.0", false}, {"0.99", false}, {"", false}, {"x.y", false}} {
		if got := versionAtLeast(c.v, MinORTVersion); got != c.want {
			t.Errorf("versionAtLeast(%q) = %v", c.v, got)
		}
	}
}

func TestInitRuntimeIdempotent(t *testing.T) {
	needRuntime(t)
	a, err := InitRuntime(RuntimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := InitRuntime(RuntimeOptions{LibPath: "/elsewhere"})
	if err != nil || a != b {
		t.Errorf("second InitRuntime: %v, %v", b, err)
	}
	if !versionAtLeast(a.Version, MinORTVersion) || !filepath.IsAbs(a.Path) {
		t.Errorf("runtime %+v", a)
	}
}

// TestInitRuntimeFreshProcess runs InitRuntime in a new process (the
// library can be loaded once per process): with no library anywhere it
// fails with ErrRuntimeMissing; a later call that can find one succeeds,
// skipping a broken candidate on the way.
func TestInitRuntimeFreshProcess(t *testing.T) {
	if os.Getenv("QUIRE_NEURAL_CHILD") == "1" {
		childInitRuntime(t)
		return
	}
	needRuntime(t)
	rt, _ := InitRuntime(RuntimeOptions{})
	empty := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInitRuntimeFreshProcess$", "-test.v")
	cmd.Env = append(os.Environ(), "QUIRE_NEURAL_CHILD=1", "QUIRE_CHILD_LIB="+rt.Path,
		"HOME="+empty, "XDG_CACHE_HOME="+empty, "LD_LIBRARY_PATH="+empty, "QUIRE_ORT_LIB=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestInitRuntimeFreshProcess") {
		t.Fatalf("child did not pass:\n%s", out)
	}
	t.Logf("child:\n%s", out)
}

func childInitRuntime(t *testing.T) {
	empty := t.TempDir()
	_, err := InitRuntime(RuntimeOptions{ModelsDir: empty})
	if found, _ := findLibrary(RuntimeOptions{ModelsDir: empty}, os.Getenv, runtime.GOOS); len(found) > 0 {
		t.Logf("a system library exists (%v); not checking ErrRuntimeMissing", found)
	} else if !errors.Is(err, ErrRuntimeMissing) {
		t.Fatalf("no library: got %v, want ErrRuntimeMissing", err)
	} else {
		t.Logf("missing: %v", err)
	}
	broken := touch(t, filepath.Join(empty, "lib", "libonnxruntime.so.1")) // not a library
	if rt, err := InitRuntime(RuntimeOptions{LibPath: broken}); err == nil || errors.Is(err, ErrRuntimeMissing) {
		t.Fatalf("broken file: got %v, %v; want a load error", rt, err)
	}
	t.Setenv("QUIRE_ORT_LIB", os.Getenv("QUIRE_CHILD_LIB"))
	rt, err := InitRuntime(RuntimeOptions{LibPath: broken})
	if err != nil {
		t.Fatalf("after the broken candidate: %v", err)
	}
	if rt.Path != os.Getenv("QUIRE_CHILD_LIB") {
		t.Fatalf("loaded %s", rt.Path)
	}
}
