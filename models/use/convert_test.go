package use

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestConvertReal(t *testing.T) {
	src := realModelDir(t)
	dst := filepath.Join(t.TempDir(), "out", "model.onnx")
	if err := Convert(src, dst); err != nil {
		t.Fatal(err)
	}
	sum, err := fileSHA256(dst)
	if err != nil {
		t.Fatal(err)
	}
	if sum != ConvertedSHA256 {
		t.Fatalf("converted sha256 %s, want %s", sum, ConvertedSHA256)
	}
	side, err := os.ReadFile(dst + ".sha256")
	if err != nil {
		t.Fatal(err)
	}
	if want := ConvertedSHA256 + "  model.onnx\n"; string(side) != want {
		t.Errorf("sidecar %q, want %q", side, want)
	}

	// A valid conversion is reused, not rewritten.
	old := time.Unix(1_000_000_000, 0)
	if err := os.Chtimes(dst, old, old); err != nil {
		t.Fatal(err)
	}
	if err := Convert(src, dst); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dst); !st.ModTime().Equal(old) {
		t.Error("a valid conversion was rewritten")
	}

	// A damaged one, or one whose sidecar disagrees, is redone.
	for name, damage := range map[string]func() error{
		"damaged model":   func() error { return os.WriteFile(dst, []byte("not a model"), 0o644) },
		"missing sidecar": func() error { return os.Remove(dst + ".sha256") },
		"wrong sidecar": func() error {
			return os.WriteFile(dst+".sha256", []byte(strings.Repeat("a", 64)+"  model.onnx\n"), 0o644)
		},
	} {
		if err := damage(); err != nil {
			t.Fatal(err)
		}
		if err := Convert(src, dst); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !convertedValid(dst) {
			t.Errorf("%s: not repaired", name)
		}
	}
}

func TestConvertMissing(t *testing.T) {
	err := Convert(t.TempDir(), filepath.Join(t.TempDir(), "model.onnx"))
	if !errors.Is(err, ErrModelMissing) {
		t.Fatalf("err = %v, want ErrModelMissing", err)
	}
}

// TestConvertRejectsOtherGraphs edits model.json so that the graph no
// longer has the structure the rebuild assumes, and expects an error
// rather than a wrong model.
func TestConvertRejectsOtherGraphs(t *testing.T) {
	src := realModelDir(t)
	raw, err := os.ReadFile(filepath.Join(src, ModelJSONFile))
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(m map[string]any){
		"residual wired differently": func(m map[string]any) {
			n := findNode(t, m, pTS+"Layer_0/add")
			in := n["input"].([]any)
			in[0], in[1] = in[1], in[0]
		},
		"SAME padding": func(m map[string]any) {
			n := findNode(t, m, pTS+"Layer_1/TransformerLayer/MultiheadAttention/qkv_transform_single/Conv2D")
			n["attr"].(map[string]any)["padding"] = map[string]any{"s": []any{83, 65, 77, 69}}
		},
		"keys not transposed": func(m map[string]any) {
			n := findNode(t, m, pTS+"Layer_0/TransformerLayer/MultiheadAttention/DotProductAttention/BaseDotProductAttention/MatMul")
			n["attr"].(map[string]any)["adj_y"] = map[string]any{"b": false}
		},
		"gelu for relu": func(m map[string]any) {
			findNode(t, m, pTS+"Layer_1/TransformerLayer/FFN/conv1/Relu")["op"] = "Gelu"
		},
		"quantised weights": func(m map[string]any) {
			w := m["weightsManifest"].([]any)[0].(map[string]any)["weights"].([]any)[0].(map[string]any)
			w["quantization"] = map[string]any{"dtype": "uint8", "scale": 0.1, "min": -1}
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			edit(m)
			dir := t.TempDir()
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ModelJSONFile), b, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, name := range sourceFiles(t) {
				if strings.HasPrefix(name, "group1-") {
					if err := os.Symlink(filepath.Join(src, name), filepath.Join(dir, name)); err != nil {
						t.Fatal(err)
					}
				}
			}
			dst := filepath.Join(dir, "model.onnx")
			if err := Convert(dir, dst); err == nil {
				t.Fatal("converted an edited graph without error")
			} else {
				t.Log(err)
			}
			if _, err := os.Stat(dst); err == nil {
				t.Error("wrote a model for an edited graph")
			}
		})
	}
}

func findNode(t *testing.T, m map[string]any, name string) map[string]any {
	t.Helper()
	for _, n := range m["modelTopology"].(map[string]any)["node"].([]any) {
		if nm := n.(map[string]any); nm["name"] == name {
			return nm
		}
	}
	t.Fatalf("no node %s", name)
	return nil
}
