package onnx

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile encodes g and writes it to path atomically.
func WriteFile(path string, g *Graph) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("onnx: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("onnx: write %s: %w", path, err)
	}
	if _, err := tmp.Write(g.Marshal()); err != nil {
		tmp.Close()
		return fmt.Errorf("onnx: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("onnx: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("onnx: write %s: %w", path, err)
	}
	return nil
}
