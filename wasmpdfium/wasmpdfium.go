// Package wasmpdfium starts PDFium compiled to WebAssembly (go-pdfium run by
// wazero, pure Go): the one start-up both ingest's workers and the page
// renderer use, with the one cache of compiled code they share.
//
// The module is sandboxed: a hostile file can exhaust only PDFium's own
// linear memory, which is capped, and cancelling the context given to
// Start closes the module, aborting a call in progress.
package wasmpdfium

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// wazeroVersion is the wazero version in go.mod (a test checks). It names
// the cache directory: wazero tags cached code with its own version, but
// test binaries carry no module versions and tag it "dev".
const wazeroVersion = "v1.12.0"

// CacheDir returns the directory where wazero keeps PDFium's compiled
// code: $QUIRE_WAZERO_CACHE, or <user cache dir>/quire/wazero/<wazero
// version>, or "" when there is no user cache directory (the module is
// then compiled at every start, about 3 s).
func CacheDir() string {
	if d := os.Getenv("QUIRE_WAZERO_CACHE"); d != "" {
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "quire", "wazero", wazeroVersion)
}

// Config says how to start PDFium.
type Config struct {
	// CacheDir keeps the compiled code between starts; "" compiles every
	// time.
	CacheDir string
	// MaxMemory caps PDFium's linear memory in bytes, at least 64 MiB and
	// at most 4 GiB; 0 leaves wazero's default.
	MaxMemory int64
	// Wait bounds the wait for the instance once the module is compiled
	// (default one minute).
	Wait time.Duration
}

// Start compiles PDFium (or loads it from the cache) and instantiates one
// instance. Cancelling ctx closes the module for good: a call in progress
// then fails. Close the pool when done. Cost: about 3 s the first time
// (compiling), 80 ms from the cache.
func Start(ctx context.Context, cfg Config) (pdfium.Pool, pdfium.Pdfium, error) {
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCloseOnContextDone(true)
	if cfg.MaxMemory > 0 {
		rc = rc.WithMemoryLimitPages(uint32(min(max(cfg.MaxMemory/65536, 1024), 65536)))
	}
	if dir := cfg.CacheDir; dir != "" && os.MkdirAll(dir, 0o755) == nil {
		if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		Context:       ctx,
		MinIdle:       1,
		MaxIdle:       1,
		MaxTotal:      1,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no file system: files come through readers
		Stdout:        os.Stderr,
		Stderr:        os.Stderr,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("pdfium: %v", err)
	}
	wait := cfg.Wait
	if wait <= 0 {
		wait = time.Minute
	}
	inst, err := pool.GetInstance(wait)
	if err != nil {
		_ = pool.Close()
		return nil, nil, fmt.Errorf("pdfium: %v", err)
	}
	return pool, inst, nil
}
