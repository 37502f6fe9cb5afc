package fetch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// DefaultRegistry is the npm registry tarballs come from.
const DefaultRegistry = "https://registry.npmjs.org"

// Package is one version of an npm package, pinned by its tarball's size,
// sha256 and the registry's own sha512 "integrity" string.
type Package struct {
	Name      string `json:"package"`
	Version   string `json:"version"`
	Bytes     int64  `json:"bytes"`
	SHA256    string `json:"sha256"`
	Integrity string `json:"integrity,omitempty"` // "sha512-<base64>"; "" skips the check
}

// Tarball is the file name the registry gives p's tarball.
func (p Package) Tarball() string {
	return path.Base(p.Name) + "-" + p.Version + ".tgz"
}

// URL is where registry ("": DefaultRegistry) serves p's tarball.
func (p Package) URL(registry string) string {
	if registry == "" {
		registry = DefaultRegistry
	}
	return strings.TrimRight(registry, "/") + "/" + p.Name + "/-/" + p.Tarball()
}

// Entry is one file taken out of a tarball.
type Entry struct {
	Path   string // inside the tarball, e.g. "package/dist/model.json"
	Dest   string // where it goes
	Bytes  int64
	SHA256 string
}

// NPM says how to reach the registry. Zero values mean the defaults.
type NPM struct {
	Registry string       // DefaultRegistry if empty
	Client   *http.Client // http.DefaultClient if nil
	// Exec is the npm executable, used only when the registry cannot be
	// reached over plain HTTPS (npm may know a proxy or a mirror): ""
	// looks it up on PATH, "-" never uses npm.
	Exec   string
	Logger *slog.Logger // nil: slog.Default()
}

// Unpack makes every entry's Dest hold its pinned bytes, taken from p's
// tarball. Entries already in place and verified cost a hash each and no
// network. Otherwise the tarball is downloaded to scratch as Download
// downloads any file (Range resume, size and sha256 checked before it
// counts; progress reports its bytes), or, when that fails and npm is
// available, made by `npm pack`; its integrity is checked, the entries
// are written (each verified under a temporary name, then renamed: the
// archive writes nothing else, and nowhere else) and the tarball is
// removed. A mismatch returns an error wrapping ErrChecksum.
func Unpack(ctx context.Context, p Package, entries []Entry, scratch string, o NPM, progress Progress) error {
	if entriesInPlace(entries) {
		return nil
	}
	if err := getTarball(ctx, p, scratch, o, progress); err != nil {
		return err
	}
	defer os.Remove(scratch)
	if err := checkIntegrity(scratch, p); err != nil {
		return err
	}
	return extract(scratch, entries)
}

func entriesInPlace(entries []Entry) bool {
	for _, e := range entries {
		if ok, _ := Verified(e.Dest, e.Bytes, e.SHA256); !ok {
			return false
		}
	}
	return true
}

// getTarball puts p's verified tarball at scratch: over HTTPS, else
// through npm.
func getTarball(ctx context.Context, p Package, scratch string, o NPM, progress Progress) error {
	err := Download(ctx, o.Client, File{URL: p.URL(o.Registry), Path: scratch, Name: p.Tarball(),
		Bytes: p.Bytes, SHA256: p.SHA256}, progress)
	if err == nil || errors.Is(err, ErrChecksum) || ctx.Err() != nil {
		return err
	}
	npm := o.Exec
	if npm == "" {
		npm, _ = exec.LookPath("npm")
	}
	if npm == "" || npm == "-" {
		return err
	}
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	log.Warn("registry not reached over HTTPS; trying npm", "package", p.Name, "err", err)
	if perr := npmPack(ctx, npm, p, scratch, o.Registry); perr != nil {
		return errors.Join(err, perr)
	}
	ok, verr := Verified(scratch, p.Bytes, p.SHA256)
	if verr != nil {
		return verr
	}
	if !ok {
		os.Remove(scratch)
		return fmt.Errorf("%s from npm: %w", p.Tarball(), ErrChecksum)
	}
	return nil
}

// npmPack runs `npm pack <name>@<version>` in a scratch folder beside
// dst and moves the tarball it wrote to dst.
func npmPack(ctx context.Context, npm string, p Package, dst, registry string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dst), ".npm-pack-*")
	if err != nil {
		return fmt.Errorf("npm pack: %w", err)
	}
	defer os.RemoveAll(tmp)
	args := []string{"pack", p.Name + "@" + p.Version, "--pack-destination", tmp, "--silent"}
	if registry != "" {
		args = append(args, "--registry", registry)
	}
	cmd := exec.CommandContext(ctx, npm, args...)
	cmd.Dir = tmp
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm pack: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	matches, _ := filepath.Glob(filepath.Join(tmp, "*.tgz"))
	if len(matches) != 1 {
		return fmt.Errorf("npm pack: wrote %d tarballs, want 1", len(matches))
	}
	return os.Rename(matches[0], dst)
}

// checkIntegrity checks the tarball at file against p's sha512.
func checkIntegrity(file string, p Package) error {
	if p.Integrity == "" {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha512.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := "sha512-" + base64.StdEncoding.EncodeToString(h.Sum(nil)); got != p.Integrity {
		return fmt.Errorf("%s: integrity %s, want %s: %w", p.Tarball(), got, p.Integrity, ErrChecksum)
	}
	return nil
}

// extract writes the entries found in the tarball at file. Only regular
// files whose cleaned path is exactly an entry's are read, so the archive
// cannot write anywhere else.
func extract(file string, entries []Entry) error {
	want := map[string]Entry{}
	for _, e := range entries {
		want[e.Path] = e
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("unpack %s: %w", filepath.Base(file), err)
	}
	tr := tar.NewReader(zr)
	done := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("unpack %s: %w", filepath.Base(file), err)
		}
		e, ok := want[path.Clean(h.Name)]
		if !ok || h.Typeflag != tar.TypeReg || done[e.Path] {
			continue
		}
		if h.Size != e.Bytes {
			return fmt.Errorf("%s in the tarball is %d bytes, want %d: %w", e.Path, h.Size, e.Bytes, ErrChecksum)
		}
		if err := writeVerified(e, io.LimitReader(tr, e.Bytes)); err != nil {
			return err
		}
		done[e.Path] = true
	}
	for _, e := range entries {
		if !done[e.Path] {
			return fmt.Errorf("unpack %s: %w: %s", filepath.Base(file), ErrMissing, e.Path)
		}
	}
	return nil
}

// ErrMissing means a tarball lacks a pinned entry.
var ErrMissing = errors.New("pinned file missing")

// writeVerified copies r to a temporary file beside e.Dest, checks it and
// renames it into place.
func writeVerified(e Entry, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(e.Dest), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(e.Dest), "."+filepath.Base(e.Dest)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", e.Dest, err)
	}
	if ok, err := Verified(tmp.Name(), e.Bytes, e.SHA256); err != nil || !ok {
		return errors.Join(fmt.Errorf("%s: %w", e.Path, ErrChecksum), err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), e.Dest)
}
