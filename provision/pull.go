package provision

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// ErrChecksum means a file's bytes do not match its pinned sha256.
var ErrChecksum = errors.New("checksum mismatch")

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
	dst := filePath(p.Dir, m, f)
	if ok, _ := verified(dst, f); ok {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	part := dst + ".part"
	if err := p.download(ctx, m, f, part, progress); err != nil {
		return err
	}
	ok, err := verified(part, f)
	if err != nil {
		return err
	}
	if !ok {
		os.Remove(part) // a wrong file must not be resumed from
		if !m.PinnedRevision() {
			return fmt.Errorf("%s: %w: the file at %s@%s is no longer the one this version of Quire pinned, so it is refused", f.Path, ErrChecksum, m.Repo, m.Revision)
		}
		return fmt.Errorf("%s: %w (the server sent other bytes than the pinned file)", f.Path, ErrChecksum)
	}
	return os.Rename(part, dst)
}

// download appends to part what it lacks, using a Range request.
func (p Puller) download(ctx context.Context, m Model, f File, part string, progress Progress) error {
	out, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	have, err := out.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	if have >= f.Bytes && f.Bytes > 0 {
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url(m, f), nil)
	if err != nil {
		return err
	}
	if have > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
	}
	client := p.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		// The server ignored the range: start over.
		if err := out.Truncate(0); err != nil {
			return err
		}
		if _, err := out.Seek(0, io.SeekStart); err != nil {
			return err
		}
		have = 0
	case http.StatusPartialContent:
	default:
		return fmt.Errorf("%s: server said %s", f.Path, resp.Status)
	}
	w := &countingWriter{w: out, n: have, report: func(n int64) {
		if progress != nil {
			progress(m.Name, f.Path, n, f.Bytes)
		}
	}}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("%s: download interrupted after %d of %d bytes (run pull again to resume): %w", f.Path, w.n, f.Bytes, err)
	}
	return out.Sync()
}

func (p Puller) url(m Model, f File) string {
	base := p.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	return fmt.Sprintf("%s/%s/resolve/%s/%s", strings.TrimSuffix(base, "/"), m.Repo, m.Revision, f.Path)
}

type countingWriter struct {
	w      io.Writer
	n      int64
	last   int64
	report func(int64)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	if c.n-c.last >= 1<<20 || err != nil {
		c.last = c.n
		c.report(c.n)
	}
	return n, err
}

func filePath(dir string, m Model, f File) string {
	return filepath.Join(dir, m.Name, filepath.FromSlash(f.Path))
}

// verified reports whether the file at path has f's size and sha256.
func verified(path string, f File) (bool, error) {
	info, err := os.Stat(path)
	if err != nil || (f.Bytes > 0 && info.Size() != f.Bytes) {
		return false, nil
	}
	sum, err := FileSHA256(path)
	if err != nil {
		return false, err
	}
	return strings.EqualFold(sum, f.SHA256), nil
}

// FileSHA256 is the hex sha256 of the file at path, read as a stream.
func FileSHA256(path string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	h := sha256.New()
	if _, err := io.Copy(h, in); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
