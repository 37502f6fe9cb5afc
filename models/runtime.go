package models

import (
	"context"
	"fmt"
	"path/filepath"

	"quire/models/fetch"
	"quire/models/onnx"
)

// Runtime is the onnxruntime shared library for one platform, pinned
// inside an npm package (onnxruntime-node ships a prebuilt library), so
// that the one downloader fetches it like a model's files.
type Runtime struct {
	GOOS    string        `json:"goos"`
	GOARCH  string        `json:"goarch"`
	Version string        `json:"version"`
	Licence string        `json:"licence"`
	NPM     fetch.Package `json:"npm"`
	Path    string        `json:"path"` // the library inside the tarball
	File    string        `json:"file"` // its name in <models dir>/lib/
	Bytes   int64         `json:"bytes"`
	SHA256  string        `json:"sha256"`
}

// RuntimeFor returns the runtime pinned for goos/goarch, if any. Other
// platforms take the library from the onnxruntime release archives (see
// onnx.ErrRuntimeMissing's message).
func (m Manifest) RuntimeFor(goos, goarch string) (Runtime, bool) {
	for _, r := range m.Runtimes {
		if r.GOOS == goos && r.GOARCH == goarch {
			return r, true
		}
	}
	return Runtime{}, false
}

// RuntimeFound reports whether an onnxruntime library is found for the
// models folder dir, where InitRuntime looks (nothing is loaded).
func RuntimeFound(dir string) bool {
	return onnx.Found(onnx.RuntimeOptions{ModelsDir: dir})
}

// PullRuntime installs rt's library into <Dir>/lib/, where InitRuntime
// looks, unless it is there and verified: the package tarball is
// downloaded (resumable, sha256- and integrity-checked) and only the
// library taken out of it.
func (p Puller) PullRuntime(ctx context.Context, rt Runtime, progress Progress) error {
	lib := filepath.Join(p.Dir, "lib")
	var report fetch.Progress
	if progress != nil {
		report = func(done, total int64) { progress("onnxruntime", rt.NPM.Tarball(), done, total) }
	}
	npm := p.NPM
	if npm.Client == nil {
		npm.Client = p.Client
	}
	err := fetch.Unpack(ctx, rt.NPM, []fetch.Entry{{Path: rt.Path, Dest: filepath.Join(lib, rt.File), Bytes: rt.Bytes, SHA256: rt.SHA256}},
		filepath.Join(lib, rt.NPM.Tarball()), npm, report)
	if err != nil {
		return fmt.Errorf("pull onnxruntime %s: %w", rt.Version, err)
	}
	return nil
}
