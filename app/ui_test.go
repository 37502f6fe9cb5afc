package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/llm"
	"quire/models"
	"quire/store"
)

// fakeCore is an in-memory core: every ingested path becomes a 5-page
// indexed document, and Ask answers from the first document.
type fakeCore struct {
	mu      sync.Mutex
	docs    []store.Document
	asked   []library.AskOptions
	answer  func(q string) llm.Answer
	ingests [][]string
}

func (f *fakeCore) Ingest(ctx context.Context, paths []string, progress func(library.Event)) (library.Summary, error) {
	f.mu.Lock()
	f.ingests = append(f.ingests, paths)
	f.mu.Unlock()
	progress(library.Event{Kind: library.FileQueued, Total: len(paths)})
	var sum library.Summary
	for i, p := range paths {
		progress(library.Event{Kind: library.FileStarted, Path: p, Total: len(paths), Done: i})
		f.mu.Lock()
		d := store.Document{ID: uint64(len(f.docs) + 1), Path: p, Name: filepath.Base(p), Pages: 5, TextPages: 5, Status: store.StatusIndexed}
		f.docs = append(f.docs, d)
		f.mu.Unlock()
		sum.Files++
		sum.Indexed++
		sum.Pages += d.Pages
		progress(library.Event{Kind: library.FileDone, Path: p, Doc: d, Total: len(paths), Done: i + 1, PagesDone: sum.Pages})
	}
	return sum, nil
}

// Resume has nothing to finish: the fake never leaves a run unfinished.
func (f *fakeCore) Resume(ctx context.Context, progress func(library.Event)) (library.Summary, error) {
	return library.Summary{}, nil
}

func (f *fakeCore) Documents() ([]store.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]store.Document(nil), f.docs...), nil
}

func (f *fakeCore) Ask(ctx context.Context, q string, opts library.AskOptions) (llm.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, opts)
	f.mu.Unlock()
	return f.answer(q), nil
}

// newTestUI builds the window on Fyne's test driver with work run inline,
// so every test step sees the finished result.
func newTestUI(t *testing.T, c core) *ui {
	t.Helper()
	a := test.NewTempApp(t)
	u := newUI(a, c)
	u.spawn = func(fn func()) { fn() }
	u.reloadDocs()
	u.win.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() { u.shutdown(); u.win.Close() })
	return u
}

func TestEmptyLibraryShowsDropHint(t *testing.T) {
	u := newTestUI(t, &fakeCore{})
	if !u.chat.empty.Visible() {
		t.Fatal("empty library: drop hint hidden")
	}
	if u.chat.scroll.Visible() {
		t.Error("empty library: chat history shown")
	}
	if got := u.chat.header.Text; got != "No documents to search yet" {
		t.Errorf("header = %q", got)
	}
}

func TestDropIndexesAndListsDocuments(t *testing.T) {
	fc := &fakeCore{}
	u := newTestUI(t, fc)
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI("/docs/a.pdf"), storage.NewFileURI("/docs/sub")})

	if len(fc.ingests) != 1 || len(fc.ingests[0]) != 2 || fc.ingests[0][1] != "/docs/sub" {
		t.Fatalf("ingest calls = %v", fc.ingests)
	}
	if len(u.library.docs) != 2 {
		t.Fatalf("library lists %d docs, want 2", len(u.library.docs))
	}
	if u.chat.empty.Visible() {
		t.Error("drop hint still shown after adding documents")
	}
	if got := u.chat.header.Text; got != "Searching 2 of 2 documents" {
		t.Errorf("header = %q", got)
	}
	if u.progress.running.Visible() {
		t.Error("progress bar still shown after ingest finished")
	}
	if got := u.progress.summary.Text; got != "Added 2 files (10 pp)." {
		t.Errorf("summary = %q", got)
	}
}

func TestCheckboxesChooseDocuments(t *testing.T) {
	fc := &fakeCore{docs: []store.Document{
		{ID: 1, Name: "Annual_2023.pdf", Pages: 128, TextPages: 128, Status: store.StatusIndexed},
		{ID: 2, Name: "broken.pdf", Status: store.StatusError, Error: "is damaged and could not be read"},
		{ID: 3, Name: "handbook.pdf", Pages: 5, TextPages: 5, Status: store.StatusIndexed},
		{ID: 4, Name: "scan_2019.pdf", Pages: 12, Status: store.StatusNoText},
	}}
	fc.answer = func(string) llm.Answer { return llm.Answer{Text: "x"} }
	u := newTestUI(t, fc)
	if got := u.chat.header.Text; got != "Searching 2 of 3 documents" {
		t.Errorf("header = %q", got)
	}
	if ids := u.library.chosenIDs(); ids != nil {
		t.Errorf("all chosen: Docs = %v, want nil (all)", ids)
	}
	u.library.setChecked(1, false)
	if got := u.chat.header.Text; got != "Searching 1 of 3 documents" {
		t.Errorf("header after untick = %q", got)
	}
	u.ask("anything")
	if len(fc.asked) != 1 || len(fc.asked[0].Docs) != 1 || fc.asked[0].Docs[0] != 3 {
		t.Errorf("Ask options = %+v, want Docs [3]", fc.asked)
	}

	u.library.setChecked(3, false)
	u.ask("again")
	if len(fc.asked) != 1 {
		t.Error("asked with no document chosen")
	}
	last := u.chat.history.Objects[len(u.chat.history.Objects)-1].(*widget.Label)
	if last.Text != textNoneChosen {
		t.Errorf("note = %q", last.Text)
	}

	u.library.filter.SetText("SCAN")
	if len(u.library.shown) != 1 || u.library.shown[0].Name != "scan_2019.pdf" {
		t.Errorf("filter shows %v", u.library.shown)
	}
}

func TestAnswerCitationOpensSource(t *testing.T) {
	chunk := "Company snapshot\nCEO Iris Kallas\nEmployees 287"
	fc := &fakeCore{docs: []store.Document{{ID: 7, Name: "zentara.pdf", Path: "/d/zentara.pdf", Pages: 5, TextPages: 5, Status: store.StatusIndexed}}}
	fc.answer = func(string) llm.Answer {
		return llm.Answer{Text: "The CEO is Iris Kallas [1].", Citations: []llm.Citation{
			{N: 1, DocID: 7, File: "zentara.pdf", Page: 1, PageEnd: 1, Text: chunk, Snippet: "CEO Iris Kallas", Used: true},
			{N: 2, DocID: 7, File: "zentara.pdf", Page: 4, PageEnd: 4, Text: "other"},
		}}
	}
	u := newTestUI(t, fc)
	u.win.Canvas().Focus(u.chat.entry)
	for _, r := range "Who is the CEO?" {
		u.chat.entry.TypedRune(r)
	}
	u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if len(u.chat.turns) != 1 || !u.chat.turns[0].answered {
		t.Fatal("Enter did not ask")
	}
	if u.chat.entry.Text != "" {
		t.Errorf("question box not cleared: %q", u.chat.entry.Text)
	}
	turn := u.chat.turns[0]
	if len(turn.citations) != 1 {
		t.Fatalf("listed %d citations, want only the used one", len(turn.citations))
	}
	if got := turn.citations[0].Text; got != "[1] zentara.pdf p.1" {
		t.Errorf("citation button = %q", got)
	}
	if u.source.shownText() != "" {
		t.Error("source shown before any click")
	}
	test.Tap(turn.citations[0])
	if got := u.source.shownText(); got != reflow(chunk) {
		t.Errorf("source text = %q, want the whole chunk", got)
	}
	if got := u.source.quote.String(); got != "“CEO Iris Kallas”" {
		t.Errorf("source quote = %q", got)
	}
	if got := u.source.page.Text; got != "page 1 of 5" {
		t.Errorf("source page = %q", got)
	}
	if u.source.open.Disabled() {
		t.Error("Open in viewer disabled for a known file")
	}
}

func TestAbstentionSaysWhatWasSearched(t *testing.T) {
	fc := &fakeCore{docs: []store.Document{{ID: 1, Name: "handbook.pdf", Pages: 5, TextPages: 5, Status: store.StatusIndexed}}}
	fc.answer = func(string) llm.Answer {
		return llm.Answer{Abstained: true, Text: llm.NotFound, Searched: []string{"handbook.pdf", "Annual_2023.pdf"},
			Citations: []llm.Citation{{N: 1, DocID: 1, File: "handbook.pdf", Page: 3, Text: "weak"}}}
	}
	u := newTestUI(t, fc)
	u.ask("Who is the CFO?")
	// A count with a [show] toggle, not a wall of names (issue 16).
	var texts []string
	var toggle *widget.Button
	var names *widget.Label
	for _, o := range u.chat.turns[0].body.Objects {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *paragraph:
			texts = append(texts, w.String())
		case *fyne.Container:
			if row, ok := w.Objects[0].(*fyne.Container); ok && len(w.Objects) == 2 {
				texts = append(texts, row.Objects[0].(*widget.Label).Text)
				toggle, names = row.Objects[1].(*widget.Button), w.Objects[1].(*widget.Label)
			}
		}
	}
	got := strings.Join(texts, "\n")
	want := "Quire: " + textNotFound + "\nSearched 2 documents\n" + textWeakMatches
	if got != want {
		t.Errorf("abstention shows\n%s\nwant\n%s", got, want)
	}
	if toggle == nil || names.Visible() {
		t.Fatal("the names are shown before [show] is clicked")
	}
	test.Tap(toggle)
	if !names.Visible() || names.Text != "handbook.pdf, Annual_2023.pdf" || toggle.Text != "hide" {
		t.Errorf("after show: visible %v, %q, button %q", names.Visible(), names.Text, toggle.Text)
	}
	if len(u.chat.turns[0].citations) != 1 {
		t.Error("closest passage not listed")
	}
}

func TestShortcutsWorkInTextBoxes(t *testing.T) {
	u := newTestUI(t, &fakeCore{})
	ctrlL := &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	u.win.Canvas().Focus(u.library.filter)
	u.library.filter.TypedShortcut(ctrlL)
	if u.win.Canvas().Focused() != u.chat.entry {
		t.Error("Ctrl+L in the filter box did not focus the question")
	}

	opened := 0
	u.shortcuts[(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}).ShortcutName()] = func() { opened++ }
	u.chat.entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault})
	if opened != 1 {
		t.Error("Ctrl+O swallowed by the question box")
	}
	u.chat.entry.TypedShortcut(&fyne.ShortcutSelectAll{}) // still the Entry's own
}

func TestEscCancelsIndexing(t *testing.T) {
	u := newTestUI(t, &fakeCore{})
	var cancelled bool
	u.ingestCancel = func(cause error) { cancelled = errors.Is(cause, library.ErrStopped) }
	u.progress.start()
	u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !cancelled {
		t.Fatal("Esc did not stop indexing (with ErrStopped, so it is not resumed)")
	}
	if !u.progress.cancel.Disabled() {
		t.Error("Cancel button still active while stopping")
	}
	u.ingestCancel = nil
}

// Without models the banner offers them; the download runs only when
// asked, and a server failure is reported in plain words.
func TestModelsOffered(t *testing.T) {
	u := newTestUI(t, &fakeCore{})
	u.offerModels(t.TempDir(), true)
	if u.models.get.Visible() || u.models.imp.Visible() {
		t.Fatal("model actions shown while semantic search is on")
	}
	u.offerModels(t.TempDir(), false)
	if !u.models.get.Visible() || u.models.imp.Visible() {
		t.Fatal("Get models hidden, or Import folder shown beside Add folder…, while semantic search is off")
	}
	if !strings.HasPrefix(u.models.get.Text, "Get models (") || !strings.HasSuffix(u.models.get.Text, " MB)") {
		t.Errorf("Get models button %q does not give the download size", u.models.get.Text)
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	// Point the download at a local server that has nothing.
	m := models.Model{Name: "m", Repo: "r/m", Revision: "x", Files: []models.File{{Path: "f", Bytes: 1, SHA256: "00"}}}
	man := builtinOnly(t)
	man.Models = append(man.Models, m)
	u.models.man = &man
	u.modelsBase, u.modelsRegistry, u.modelsNPM = srv.URL, srv.URL, "-"
	u.getModels([]string{library.BuiltinModel, "m"})
	if got := u.banner.Text; !strings.Contains(got, "Getting the models failed") || !strings.Contains(got, "404") {
		t.Fatalf("banner after a failed download: %q", got)
	}
	if u.models.active || u.models.get.Disabled() {
		t.Fatal("model actions still busy after the download ended")
	}
}
