package models

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
}

// Pull installs every file of m that is not installed yet. An interrupted
// download resumes where it stopped on the next Pull.
func (p Puller) Pull(ctx context.Context, m Model, progress Progress) error {
	for _, f := range m.Files {
		if err := p.pullFile(ctx, m, f, progress); err != nil {
			return fmt.Errorf("pull %s: %w", m.Name, err)
		}
	}
	return nil
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
