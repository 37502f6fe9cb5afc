// Package onnx is what Quire's models share about ONNX: loading the
// onnxruntime library that runs them (via github.com/yalue/onnxruntime_go)
// and writing ONNX graphs (the use-lite converter writes one; so does the
// test-model generator).
//
// The onnxruntime library is a shared library loaded at run time, not
// linked: InitRuntime finds and loads it once per process, and every model
// needs it loaded first (their constructors call InitRuntime with the
// options they are given).
package onnx

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// ORTVersion is the onnxruntime release Quire is built and tested against
// (scripts/onnxruntime.sh installs it); MinORTVersion is the oldest that
// works: onnxruntime_go v1.27.0 needs ORT API 24.
const (
	ORTVersion    = "1.24.3"
	MinORTVersion = "1.24"
)

// ErrRuntimeMissing means no onnxruntime shared library was found. The
// error returned wraps it and says where Quire looked and how to get one.
var ErrRuntimeMissing = errors.New("onnxruntime library not found")

// ErrRuntimeVersion means the library found is older than MinORTVersion.
var ErrRuntimeVersion = errors.New("unsupported onnxruntime version")

// RuntimeOptions says where to look for the onnxruntime shared library.
// Zero values mean: not given.
type RuntimeOptions struct {
	// LibPath is the library file, or a directory holding it. Searched first.
	LibPath string
	// ModelsDir is Quire's models directory; <ModelsDir>/lib/ is searched
	// after $QUIRE_ORT_LIB.
	ModelsDir string
	// Logger receives the path and version loaded; nil means slog.Default().
	Logger *slog.Logger
}

// Runtime describes the loaded library.
type Runtime struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

// ortState guards onnxruntime_go's process-wide environment: the library
// can be loaded and initialised once per process. A failed attempt leaves
// it unloaded so that a later call (say, after `quire models pull`
// installed the library) can try again; that is why this is a mutex and
// not a sync.Once. It is the package's only global.
var ortState struct {
	sync.Mutex
	rt *Runtime
}

// InitRuntime loads and initialises onnxruntime unless already done, and
// returns what was loaded. Safe for concurrent use; only the first
// successful call's options matter — later calls get the same Runtime,
// whatever they ask for. The library is searched in this order:
// opts.LibPath, $QUIRE_ORT_LIB, <opts.ModelsDir>/lib/,
// DefaultCacheDir(), then the OS library path.
func InitRuntime(opts RuntimeOptions) (*Runtime, error) {
	ortState.Lock()
	defer ortState.Unlock()
	if ortState.rt != nil {
		return ortState.rt, nil
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	candidates, looked := findLibrary(opts, os.Getenv, runtime.GOOS)
	if len(candidates) == 0 {
		return nil, &missingError{looked: looked}
	}
	// A candidate that fails to load (wrong architecture, too old) is
	// skipped for the next; the first failure is reported if none loads.
	var first error
	for _, path := range candidates {
		v, err := load(path)
		if err == nil {
			log.Info("onnxruntime loaded", "path", path, "version", v)
			ortState.rt = &Runtime{Path: path, Version: v}
			return ortState.rt, nil
		}
		log.Warn("onnxruntime candidate not usable", "path", path, "err", err)
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// load initialises onnxruntime_go from path and checks its version; on
// failure the library is left unloaded.
func load(path string) (version string, err error) {
	ort.SetSharedLibraryPath(path)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		if strings.Contains(err.Error(), "ORT API base") {
			return "", fmt.Errorf("%w: %s is older than %s (%v); install %s with scripts/onnxruntime.sh",
				ErrRuntimeVersion, path, MinORTVersion, err, ORTVersion)
		}
		return "", fmt.Errorf("onnx: load onnxruntime %s: %w", path, err)
	}
	v := ort.GetVersion()
	if !versionAtLeast(v, MinORTVersion) {
		_ = ort.DestroyEnvironment()
		return "", fmt.Errorf("%w: %s is version %s, need ≥ %s", ErrRuntimeVersion, path, v, MinORTVersion)
	}
	return v, nil
}

// Found reports whether a library file exists where InitRuntime would
// look with opts. It loads nothing.
func Found(opts RuntimeOptions) bool {
	found, _ := findLibrary(opts, os.Getenv, runtime.GOOS)
	return len(found) > 0
}

// DefaultCacheDir is where scripts/onnxruntime.sh installs the library
// by default: ${XDG_CACHE_HOME:-$HOME/.cache}/quire/onnxruntime/<ORTVersion>
// on Linux, the OS user cache directory elsewhere.
func DefaultCacheDir() string {
	return cacheDir(os.Getenv, runtime.GOOS, ORTVersion)
}

func cacheDir(getenv func(string) string, goos, version string) string {
	base := getenv("XDG_CACHE_HOME")
	if base == "" && goos == "linux" && getenv("HOME") != "" {
		base = filepath.Join(getenv("HOME"), ".cache")
	}
	if base == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		base = d
	}
	return filepath.Join(base, "quire", "onnxruntime", version)
}

// findLibrary lists existing library files in search order and every
// place looked at (for the error message). It only reads the file system.
func findLibrary(opts RuntimeOptions, getenv func(string) string, goos string) (found, looked []string) {
	try := func(p string) {
		if p == "" {
			return
		}
		looked = append(looked, p)
		if st, err := os.Stat(p); err == nil {
			if st.IsDir() {
				found = append(found, libsIn(p, goos)...)
			} else {
				found = append(found, absPath(p))
			}
		}
	}
	try(opts.LibPath)
	try(getenv("QUIRE_ORT_LIB"))
	if opts.ModelsDir != "" {
		try(filepath.Join(opts.ModelsDir, "lib"))
	}
	if c := cacheDir(getenv, goos, ORTVersion); c != "" {
		try(c)
		// Other versions the script may have installed, newest first.
		others, _ := filepath.Glob(filepath.Join(filepath.Dir(c), "*"))
		sort.Sort(sort.Reverse(sort.StringSlice(others)))
		for _, d := range others {
			if d != c {
				try(d)
			}
		}
	}
	for _, d := range systemLibDirs(getenv, goos) {
		try(d)
	}
	return found, looked
}

// libNames are the library's file names (globs) on goos, preferred first:
// the versioned file is what the release archives and npm ship.
func libNames(goos string) []string {
	switch goos {
	case "windows":
		return []string{"onnxruntime.dll"}
	case "darwin":
		return []string{"libonnxruntime.dylib", "libonnxruntime.1.dylib", "libonnxruntime.1.*.dylib"}
	default:
		return []string{"libonnxruntime.so.1", "libonnxruntime.so", "libonnxruntime.so.1.*"}
	}
}

func libsIn(dir, goos string) []string {
	var out []string
	for _, pat := range libNames(goos) {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		sort.Sort(sort.Reverse(sort.StringSlice(m)))
		for _, p := range m {
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				out = append(out, absPath(p))
			}
		}
	}
	return out
}

func systemLibDirs(getenv func(string) string, goos string) []string {
	var dirs []string
	switch goos {
	case "windows":
		if exe, err := os.Executable(); err == nil {
			dirs = append(dirs, filepath.Dir(exe))
		}
		dirs = append(dirs, filepath.SplitList(getenv("PATH"))...)
	case "darwin":
		dirs = append(dirs, filepath.SplitList(getenv("DYLD_LIBRARY_PATH"))...)
		dirs = append(dirs, "/opt/homebrew/lib", "/usr/local/lib")
	default:
		dirs = append(dirs, filepath.SplitList(getenv("LD_LIBRARY_PATH"))...)
		dirs = append(dirs, "/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
	}
	var out []string
	for _, d := range dirs {
		if d != "" {
			out = append(out, d)
		}
	}
	return out
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// missingError is ErrRuntimeMissing with the places looked at.
type missingError struct{ looked []string }

func (e *missingError) Unwrap() error { return ErrRuntimeMissing }

func (e *missingError) Error() string {
	var how string
	switch runtime.GOOS {
	case "linux":
		how = fmt.Sprintf("quire models pull fetches onnxruntime %s into the models folder's lib/ on x86-64 (scripts/onnxruntime.sh into %s); or set QUIRE_ORT_LIB to a libonnxruntime.so ≥ %s",
			ORTVersion, DefaultCacheDir(), MinORTVersion)
	case "darwin":
		how = fmt.Sprintf("download onnxruntime-osx-arm64-%s.tgz from https://github.com/microsoft/onnxruntime/releases and set QUIRE_ORT_LIB to its lib/libonnxruntime.%s.dylib (no Intel-macOS build exists for ≥ %s)",
			ORTVersion, ORTVersion, MinORTVersion)
	case "windows":
		how = fmt.Sprintf("download onnxruntime-win-x64-%s.zip from https://github.com/microsoft/onnxruntime/releases and set QUIRE_ORT_LIB to its lib\\onnxruntime.dll", ORTVersion)
	default:
		how = fmt.Sprintf("get onnxruntime ≥ %s from https://github.com/microsoft/onnxruntime/releases and set QUIRE_ORT_LIB", MinORTVersion)
	}
	return fmt.Sprintf("%v (looked in: %s); %s", ErrRuntimeMissing, strings.Join(e.looked, ", "), how)
}

// versionAtLeast compares dotted numeric versions ("1.24.3" ≥ "1.24").
// An unparsable version counts as too old.
func versionAtLeast(v, min string) bool {
	vp, mp := strings.Split(v, "."), strings.Split(min, ".")
	for i := range mp {
		if i >= len(vp) {
			return false
		}
		a, err1 := strconv.Atoi(vp[i])
		b, err2 := strconv.Atoi(mp[i])
		if err1 != nil || err2 != nil {
			return false
		}
		if a != b {
			return a > b
		}
	}
	return true
}
