package onnx

import (
	"errors"
	"testing"
)

// needRuntime skips the test when no onnxruntime library is installed.
func needRuntime(t testing.TB) {
	t.Helper()
	if _, err := InitRuntime(RuntimeOptions{}); err != nil {
		if errors.Is(err, ErrRuntimeMissing) {
			t.Skipf("skipping: %v", err)
		}
		t.Fatal(err)
	}
}
