// Package app is Quire's desktop window. It is UI only: every action is a
// call on the same core API the CLI uses (package library); no retrieval,
// indexing or storage logic lives here.
//
// Threading: Fyne owns the main goroutine. Long work (ingest, ask) runs in
// its own goroutine and touches widgets only through fyne.Do, so the window
// never freezes. All ui fields are read and written on Fyne's goroutine
// unless a comment says otherwise.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	_ "quire/internal/clocale" // quiet Fyne in a C locale in any binary with the window: see its doc
	"quire/library"
	"quire/llm"
	"quire/store"
)

// AppID is Quire's application ID; it must match FyneApp.toml.
const AppID = "io.quire.app"

// core is what the window needs from the library. *library.Library
// satisfies it; tests use fakes.
type core interface {
	Ingest(ctx context.Context, paths []string, progress func(library.Event)) (library.Summary, error)
	Resume(ctx context.Context, progress func(library.Event)) (library.Summary, error)
	Documents() ([]store.Document, error)
	Ask(ctx context.Context, question string, opts library.AskOptions) (llm.Answer, error)
}

var _ core = (*library.Library)(nil)

// Run opens the library in dir, shows the main window and blocks until it
// is closed. It must be called from the main goroutine. Work still running
// when the window closes is cancelled and awaited before the library is
// closed, so nothing already indexed is lost.
//
// Installed semantic models are used as the CLI uses them (from
// $QUIRE_MODELS, else dir/models); without them, or when they cannot be
// loaded, the window runs on keyword search and its banner says why.
func Run(dir string) error {
	if err := checkDisplay(runtime.GOOS, os.Getenv); err != nil {
		return err
	}
	// The library opens without models (bbolt and the index: fast at any
	// size), so the window and the document list come first; models,
	// PDFium, resuming and the watched-folder check start once the first
	// frame is up.
	lib, err := library.Open(dir, library.Options{})
	damaged := errors.Is(err, library.ErrDamaged)
	if err != nil && !damaged {
		return fmt.Errorf("open library %s: %w", dir, err)
	}
	a := fyneapp.NewWithID(AppID)
	var u *ui
	if damaged {
		// Not a trace and not an empty library: a window that says what
		// happened and rebuilds, then the main window over the result.
		r := newRebuildWindow(a, dir, err)
		r.onDone = func(l *library.Library, sum library.Summary, rerr error) {
			lib = l
			u = openRebuilt(a, l, dir, sum, rerr)
			r.win.Close()
		}
		r.win.ShowAndRun()
		if left := r.stop(); left != nil {
			lib = left
		}
	} else {
		u = newUI(a, lib)
		u.reloadDocs()
		a.Lifecycle().SetOnStarted(func() { u.afterFirstFrame(lib, dir) })
		u.win.ShowAndRun()
	}
	if u != nil {
		u.shutdown()
	}
	if lib == nil {
		return nil
	}
	if err := lib.Close(); err != nil {
		return fmt.Errorf("close library: %w", err)
	}
	return nil
}

// openRebuilt opens the main window over a library just rebuilt, with
// the rebuild's summary under the list.
func openRebuilt(a fyne.App, lib *library.Library, dir string, sum library.Summary, err error) *ui {
	u := newUI(a, lib)
	u.reloadDocs()
	u.win.Show()
	u.afterFirstFrame(lib, dir)
	u.progress.finish(textRebuilt + " " + summaryLine(sum, err))
	return u
}

// afterFirstFrame starts the slow parts of start-up once the window is
// usable: loading the models (the library takes them over), PDFium
// (compiled on the first run, ~3 s, or loaded, ~80 ms, now rather than on
// the first citation click), finishing an interrupted ingest and checking
// the watched folders.
func (u *ui) afterFirstFrame(lib *library.Library, dir string) {
	u.clampToScreen()
	u.watchDrags(newDragOver(u.win))
	u.banner.SetText(textStartingModels)
	readOnly := lib.ReadOnly() != nil
	if readOnly {
		u.banner.SetText(textReadOnly)
	}
	u.spawn(func() {
		st, err := lib.LoadModels(u.ctx, nil)
		if u.ctx.Err() != nil {
			return // the library closes what it loaded
		}
		banner := st.Banner()
		if err != nil {
			slog.Warn("models not loaded", "dir", lib.Shelf().Dir, "err", err)
			banner = "Keyword search is on. The semantic models could not be loaded: " + plainError(err) + "."
		}
		fyne.Do(func() {
			if !u.closed.Load() {
				u.useModels(lib, lib.Shelf().Dir, st.Semantic(), banner)
			}
		})
	})
	u.spawn(func() { _, _ = u.source.pages.Start(u.ctx) })
	u.reloadWatched()
	if readOnly {
		return // questions only: nothing that writes starts
	}
	if left, err := lib.Unfinished(); err == nil && len(left) > 0 {
		u.resume() // closing the window mid-ingest lost nothing; finish it
	}
	u.startOCR() // pages left by the last session, killed or closed
	u.syncWatched()
	u.pollWatched(watchEvery)
}

// useModels shows what search quality is on, offers the models when they
// are missing, and embeds documents that lack vectors.
func (u *ui) useModels(lib *library.Library, modelsDir string, semantic bool, banner string) {
	if lib.ReadOnly() != nil {
		u.banner.SetText(textReadOnly + " " + banner)
		u.offerModels(modelsDir, semantic)
		return // vectors cannot be stored
	}
	u.banner.SetText(banner)
	u.offerModels(modelsDir, semantic)
	u.reembed(lib, banner)
}
