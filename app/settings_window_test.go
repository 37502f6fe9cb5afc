package app

// The Settings dialog in a real window (GLFW under Xvfb), for a look at
// its layout and words:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a go test ./app/ -run TestRealSettingsWindow -v
//
// saves /tmp/quire-settings.png.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"quire/library"
	"quire/models"
)

// sparseInstall puts files of a model's pinned sizes in place (sparse):
// installed as far as the size check knows, for showing states only.
func sparseInstall(t *testing.T, dir string, m models.Model, upTo float64) {
	t.Helper()
	for _, f := range m.Files {
		p := models.Path(dir, m, f)
		size := f.Bytes
		if upTo < 1 {
			p, size = p+".part", int64(float64(f.Bytes)*upTo)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRealSettingsWindow(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_SETTINGS_WINDOW", "-settings")
	if !ok {
		return
	}

	libDir := t.TempDir()
	modelsDir := filepath.Join(libDir, "models")
	man, err := models.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for name, part := range map[string]float64{"all-minilm-l6-v2-int8": 1, "ms-marco-minilm-l6-v2-int8": 1, "ms-marco-minilm-l12-v2-int8": 0.4} {
		m, err := man.Find(name)
		if err != nil {
			t.Fatal(err)
		}
		sparseInstall(t, modelsDir, m, part)
	}
	lib, err := library.Open(libDir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()

	u := showRealWindow(t, lib, func(u *ui) {
		u.offerModels(modelsDir, true)
		u.banner.SetText("Semantic search is on (all-minilm-l6-v2-int8, reranked by ms-marco-minilm-l6-v2-int8).")
	})

	// A download under way, as it shows while bytes arrive.
	var state string
	fyne.DoAndWait(func() {
		u.showSettings()
		u.models.downloads["bge-small-en-v1.5"] = &download{cancel: func() {}, done: 61_000_000, total: 133_804_886}
		u.refreshSettings()
		state = u.models.settings.settingsState()
	})
	t.Logf("settings: %s", state)
	for _, want := range []string{
		"use-lite: Not installed",
		"all-minilm-l6-v2-int8: Installed · in use",
		"bge-small-en-v1.5: Downloading 45%",
		"ms-marco-minilm-l6-v2-int8: Installed · in use",
		"ms-marco-minilm-l12-v2-int8: Paused at 39%",
		"embedder all-minilm-l6-v2-int8, reranker ms-marco-minilm-l6-v2-int8",
	} {
		if !strings.Contains(state, want) {
			t.Errorf("settings lack %q", want)
		}
	}
	if _, err := exec.LookPath("import"); err != nil {
		t.Log("no screenshot: ImageMagick's import is not installed")
		return
	}
	time.Sleep(500 * time.Millisecond)
	screenshot(t, u, shot)
	fyne.DoAndWait(func() { u.models.settings.scroll.ScrollToBottom() })
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, strings.TrimSuffix(shot, ".png")+"-end.png")
	fyne.DoAndWait(func() { u.models.settings.dlg.Hide() })
}
