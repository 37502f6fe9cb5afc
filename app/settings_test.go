package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"quire/library"
	"quire/models"
	"quire/models/onnx"
	"quire/models/onnxgen"
	"quire/search"
)

// hub serves pinned files as Hugging Face does
// (/<repo>/resolve/<revision>/<path>), with Range requests, and records
// the Range header of each request.
type hub struct {
	mu     sync.Mutex
	files  map[string][]byte
	ranges []string
	// stall, if set, is called for a request without Range: it may write
	// part of the body and hold the connection.
	stall func(w http.ResponseWriter, r *http.Request, data []byte) bool
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	data, ok := h.files[r.URL.Path]
	h.ranges = append(h.ranges, r.Header.Get("Range"))
	stall := h.stall
	h.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if stall != nil && r.Header.Get("Range") == "" && stall(w, r, data) {
		return
	}
	http.ServeContent(w, r, filepath.Base(r.URL.Path), time.Time{}, bytes.NewReader(data))
}

func (h *hub) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.ranges)
}

// add pins data as the one model file of a new manifest entry.
func (h *hub) add(man *models.Manifest, name, role string, def bool, data []byte) {
	sum := sha256.Sum256(data)
	m := models.Model{Name: name, Role: role, Default: def, Title: name + " (generated)", Repo: "test/" + name,
		Revision: strings.Repeat("ab", 20), Licence: "MIT", MaxLength: 128, Pooling: "mean",
		Files: []models.File{{Path: "onnx/model.onnx", Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Role: "model"}}}
	man.Models = append(man.Models, m)
	h.mu.Lock()
	h.files["/"+m.Repo+"/resolve/"+m.Revision+"/"+m.Files[0].Path] = data
	h.mu.Unlock()
}

func needRuntime(t *testing.T) {
	t.Helper()
	if _, err := onnx.InitRuntime(onnx.RuntimeOptions{}); errors.Is(err, onnx.ErrRuntimeMissing) {
		t.Skipf("skipping: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The Settings dialog over a real library and real onnxruntime sessions:
// models downloaded from a local hub are put in use at once, and so are
// the ones chosen; the library's search modes follow every change without
// a restart, and documents are re-embedded for a new embedder.
func TestSettingsDownloadAndChoose(t *testing.T) {
	needRuntime(t)
	paths, err := onnxgen.WriteModels(t.TempDir(), onnxgen.Tiny(3))
	if err != nil {
		t.Fatal(err)
	}
	h := &hub{files: map[string][]byte{}}
	man := builtinOnly(t)
	h.add(&man, "tiny-embedder", "embedder", true, readFile(t, paths[0]))
	h.add(&man, "tiny-reranker", "reranker", true, readFile(t, paths[1]))
	h.add(&man, "tiny-reranker-int8", "reranker", false, readFile(t, paths[2]))
	srv := httptest.NewServer(h)
	defer srv.Close()

	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if err := lib.AddTexts(context.Background(), []library.TextDocument{{Name: "zentara.txt", Path: "/zentara",
		Pages: []string{"The CEO of Zentara Robotics is Iris Kallas. The company has 287 employees."}}}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, lib)
	u.models.man = &man
	u.modelsBase = srv.URL
	dir := t.TempDir()
	u.offerModels(dir, false)
	u.reembed(lib, textBanner)

	modes := func() []search.Mode { return lib.SearchModes() }
	if m := modes(); !slices.Equal(m, []search.Mode{search.ModeBM25}) {
		t.Fatalf("modes before any model: %v", m)
	}
	u.runShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault})
	v := u.models.settings
	if v == nil {
		t.Fatal("Ctrl+, did not open Settings")
	}
	want := "use-lite: Not installed; tiny-embedder: Not installed; tiny-reranker: Not installed; tiny-reranker-int8: Not installed; embedder None, reranker None"
	if got := v.settingsState(); got != want {
		t.Fatalf("settings:\n got %s\nwant %s", got, want)
	}
	if d := v.rows["use-lite"].detail.Text; !strings.HasPrefix(d, "Built-in embedder · 26 MB · Apache-2.0 — Universal Sentence Encoder Lite") {
		t.Fatalf("use-lite detail %q", d)
	}
	if d := v.rows["tiny-reranker-int8"].detail.Text; !strings.HasPrefix(d, "Reranker · ") || !strings.Contains(d, " · MIT — tiny-reranker-int8 (generated)") {
		t.Fatalf("reranker detail %q", d)
	}

	// Download the embedder: in use at once, and the document gets vectors.
	test.Tap(v.rows["tiny-embedder"].action)
	want = "use-lite: Not installed; tiny-embedder: Installed · in use; tiny-reranker: Not installed; tiny-reranker-int8: Not installed; embedder tiny-embedder, reranker None"
	if got := v.settingsState(); got != want {
		t.Fatalf("after the embedder download:\n got %s\nwant %s", got, want)
	}
	if m := modes(); m[0] != search.ModeHybrid || len(m) != 3 {
		t.Fatalf("modes with the embedder: %v", m)
	}
	if n, err := lib.Unembedded(); err != nil || n != 0 {
		t.Fatalf("documents left without vectors: %d %v", n, err)
	}
	if got := u.banner.Text; got != "Semantic search is on (tiny-embedder)." {
		t.Fatalf("banner %q", got)
	}
	if strings.Contains(u.banner.Text, "Restart") || u.models.get.Visible() {
		t.Fatalf("banner still asks for a restart or offers models: %q", u.banner.Text)
	}

	// The non-default reranker, the only one installed, is used at once.
	test.Tap(v.rows["tiny-reranker-int8"].action)
	if m := modes(); m[0] != search.ModeGuaranteed || len(m) != 5 {
		t.Fatalf("modes with both: %v", m)
	}
	// The default reranker arrives and takes over (nothing was chosen).
	test.Tap(v.rows["tiny-reranker"].action)
	want = "use-lite: Not installed; tiny-embedder: Installed · in use; tiny-reranker: Installed · in use; tiny-reranker-int8: Installed; embedder tiny-embedder, reranker tiny-reranker"
	if got := v.settingsState(); got != want {
		t.Fatalf("after the reranker downloads:\n got %s\nwant %s", got, want)
	}
	if got := u.banner.Text; got != "Semantic search is on (tiny-embedder, reranked by tiny-reranker)." {
		t.Fatalf("banner %q", got)
	}

	// Choose the other reranker: saved for the CLI too, and in use.
	v.reranker.SetSelected("tiny-reranker-int8")
	if c, _ := models.ReadChoice(dir); c.Reranker != "tiny-reranker-int8" {
		t.Fatalf("choice not saved: %+v", c)
	}
	if got := u.banner.Text; got != "Semantic search is on (tiny-embedder, reranked by tiny-reranker-int8)." {
		t.Fatalf("banner %q", got)
	}
	if got := v.rows["tiny-reranker-int8"].state.Text; got != "Installed · in use" {
		t.Fatalf("chosen reranker shows %q", got)
	}

	// Reranker off, then embedder off: back to keyword search, on purpose.
	v.reranker.SetSelected(textOptionNone)
	if m := modes(); m[0] != search.ModeHybrid || slices.Contains(m, search.ModeRerank) {
		t.Fatalf("modes with the reranker off: %v", m)
	}
	v.embedder.SetSelected(textOptionNone)
	if m := modes(); !slices.Equal(m, []search.Mode{search.ModeBM25}) {
		t.Fatalf("modes with both off: %v", m)
	}
	if got := u.banner.Text; got != "Keyword search is on: the semantic models are turned off in Settings." || u.models.get.Visible() {
		t.Fatalf("banner with both off: %q (Get models shown: %v)", got, u.models.get.Visible())
	}
	ans, err := lib.Ask(context.Background(), "Who is the CEO of Zentara Robotics?", library.AskOptions{})
	if err != nil || !strings.Contains(ans.Text, "Iris Kallas") {
		t.Fatalf("answer after the swaps: %q %v", ans.Text, err)
	}

	// Turned on again: the vectors made earlier are still right.
	v.embedder.SetSelected("tiny-embedder")
	if m := modes(); m[0] != search.ModeHybrid {
		t.Fatalf("modes with the embedder back: %v", m)
	}
	if n, _ := lib.Unembedded(); n != 0 {
		t.Fatalf("%d documents need vectors again", n)
	}
}

// uiQueue serves the window's background callbacks from the test's
// goroutine, so work can run on real goroutines while the test reads the
// widgets without racing them.
type uiQueue chan func()

func (q uiQueue) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for !cond() {
		select {
		case f := <-q:
			f()
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// A download can be cancelled and resumed from where it stopped, from
// the Settings dialog, with its progress shown.
func TestSettingsCancelAndResume(t *testing.T) {
	data := make([]byte, 3<<20)
	rand.New(rand.NewSource(1)).Read(data)
	h := &hub{files: map[string][]byte{}}
	var man models.Manifest
	h.add(&man, "big-reranker", "reranker", true, data)
	// The first request sends a third of the file, then holds the line.
	h.stall = func(w http.ResponseWriter, r *http.Request, data []byte) bool {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.Write(data[:1<<20])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		return true
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	u := newTestUI(t, &fakeCore{})
	q := make(uiQueue, 64)
	u.models.do = func(f func()) { q <- f }
	u.spawn = func(fn func()) {
		u.work.Add(1)
		go func() {
			defer u.work.Done()
			fn()
		}()
	}
	t.Cleanup(func() { // let late callbacks through while shutdown waits
		go func() {
			for f := range q {
				f()
			}
		}()
	})
	u.models.man = &man
	u.modelsBase = srv.URL
	dir := t.TempDir()
	u.offerModels(dir, false)
	u.showSettings()
	r := u.models.settings.rows["big-reranker"]
	if r.state.Text != "Not installed" || r.action.Text != "Download" {
		t.Fatalf("row %q [%s]", r.state.Text, r.action.Text)
	}

	test.Tap(r.action)
	q.until(t, "progress", func() bool { return r.state.Text == "Downloading 33%" })
	if !r.bar.Visible() || r.bar.Value < 0.33 || r.action.Text != "Cancel" {
		t.Fatalf("while downloading: bar %v %.2f, button %q", r.bar.Visible(), r.bar.Value, r.action.Text)
	}
	test.Tap(r.action)
	q.until(t, "the pause", func() bool { return r.state.Text == "Paused at 33%" })
	if r.action.Text != "Resume" || r.bar.Visible() {
		t.Fatalf("paused: button %q, bar shown %v", r.action.Text, r.bar.Visible())
	}
	m := man.Models[0]
	if info, err := os.Stat(models.Path(dir, m, m.Files[0]) + ".part"); err != nil || info.Size() != 1<<20 {
		t.Fatalf("partial download kept for resuming: %v %v", info, err)
	}

	test.Tap(r.action)
	q.until(t, "the install", func() bool { return strings.HasPrefix(r.state.Text, "Installed") })
	if got := h.requests(); len(got) != 2 || got[1] != "bytes=1048576-" {
		t.Fatalf("requests' Range headers %q, want a resume from 1048576", got)
	}
	if r.state.Text != "Installed · in use" || r.action.Visible() {
		t.Fatalf("installed: %q, button shown %v", r.state.Text, r.action.Visible())
	}
	if sel := u.models.settings.reranker.Selected; sel != "big-reranker" {
		t.Fatalf("reranker selection %q", sel)
	}
}

// A failed download says why and offers to try again.
func TestSettingsDownloadFails(t *testing.T) {
	h := &hub{files: map[string][]byte{}}
	var man models.Manifest
	h.add(&man, "gone", "embedder", false, []byte("x"))
	h.files = map[string][]byte{} // the hub has lost it
	srv := httptest.NewServer(h)
	defer srv.Close()
	u := newTestUI(t, &fakeCore{})
	u.models.man = &man
	u.modelsBase = srv.URL
	u.offerModels(t.TempDir(), false)
	u.showSettings()
	r := u.models.settings.rows["gone"]
	test.Tap(r.action)
	if !strings.HasPrefix(r.state.Text, "Download failed: ") || !strings.Contains(r.state.Text, "404") || r.action.Text != "Retry" {
		t.Fatalf("failed download: %q [%s]", r.state.Text, r.action.Text)
	}
}

// builtinOnly is a manifest holding only the built-in embedder's entry
// (use-lite), to which tests add models of their own.
func builtinOnly(t *testing.T) models.Manifest {
	t.Helper()
	man, err := models.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m, err := man.Find(models.UseName)
	if err != nil {
		t.Fatal(err)
	}
	return models.Manifest{Models: []models.Model{m}}
}
