package app

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/store"
)

// rebuildWindow is what Quire opens instead of the main window when the
// library is damaged (library.Open said library.ErrDamaged): it says what
// happened and what rebuilding does, and runs library.Rebuild — the same
// rebuild as `quire rebuild` — with progress and Cancel. When the rebuild
// ends, onDone opens the main window over the rebuilt library.
type rebuildWindow struct {
	win      fyne.Window
	explain  *widget.Label
	progress *progressPane
	start    *widget.Button
	quit     *widget.Button

	dir     string
	rebuild func(ctx context.Context, dir string, progress func(library.Event)) (*library.Library, library.Summary, error)
	onDone  func(lib *library.Library, sum library.Summary, err error)

	ctx    context.Context
	cancel context.CancelCauseFunc
	closed atomic.Bool
	work   sync.WaitGroup
	lib    *library.Library // the rebuilt library, set once the run ends
}

func newRebuildWindow(a fyne.App, dir string, openErr error) *rebuildWindow {
	r := &rebuildWindow{dir: dir, rebuild: func(ctx context.Context, dir string, progress func(library.Event)) (*library.Library, library.Summary, error) {
		return library.Rebuild(ctx, dir, library.Options{}, progress)
	}}
	r.ctx, r.cancel = context.WithCancelCause(context.Background())
	r.win = a.NewWindow("Quire — the library is damaged")
	title := widget.NewLabelWithStyle("Your library could not be opened", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	r.explain = widget.NewLabel(damagedText(openErr))
	r.explain.Wrapping = fyne.TextWrapWord
	r.progress = newProgressPane(func() {
		r.cancel(library.ErrStopped)
		r.progress.cancelling()
	})
	r.start = widget.NewButtonWithIcon("Rebuild the library", theme.ViewRefreshIcon(), r.run)
	r.start.Importance = widget.HighImportance
	r.quit = widget.NewButton("Quit", r.win.Close)
	buttons := container.NewHBox(layoutSpacer(), r.quit, r.start)
	r.win.SetContent(container.NewPadded(container.NewBorder(
		container.NewVBox(container.NewHBox(widget.NewIcon(theme.WarningIcon()), title), r.explain),
		container.NewVBox(r.progress.root, buttons), nil, nil)))
	r.win.Resize(fyne.NewSize(640, 380))
	r.win.SetOnClosed(func() {
		r.closed.Store(true)
		r.cancel(library.ErrStopped)
	})
	r.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyReturn && !r.start.Disabled() {
			r.run()
		}
	})
	return r
}

// damagedText explains a damaged library and what rebuilding does, in
// words (err says why and where the damaged files went).
func damagedText(err error) string {
	what := plainError(err)
	var d *store.DamagedError
	if errors.As(err, &d) {
		what = "the library in " + d.Dir + " is damaged: " + damageReason(d.Reason)
		if d.MovedTo != "" {
			what += ". The damaged files were moved to " + d.MovedTo
		}
	}
	return "Quire found that " + what + ".\n\n" +
		"Nothing was deleted. Rebuilding starts the library afresh: Quire reads again the PDFs it held " +
		"that are still on disk, and keeps your watched folders and settings. PDFs that were moved or " +
		"deleted since are listed when it ends. It may take a while for a large library; you can cancel " +
		"and rebuild the rest later by adding the files again."
}

// damageReason is the store's reason in a reader's words: a Go panic's
// text (bbolt reading a broken page) says nothing to a person.
func damageReason(reason string) string {
	if i := strings.Index(reason, "panic:"); i >= 0 {
		return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason[:i]), ":")) + ": its structure is broken"
	}
	return reason
}

// run starts the rebuild in the background with progress.
func (r *rebuildWindow) run() {
	r.start.Disable()
	r.quit.Disable()
	tracker := newIngestTracker(time.Now())
	r.progress.start()
	r.work.Add(1)
	go func() {
		defer r.work.Done()
		stopTicks := make(chan struct{})
		go func() {
			t := time.NewTicker(500 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					fyne.Do(func() { r.show(tracker) })
				case <-stopTicks:
					return
				}
			}
		}()
		lib, sum, err := r.rebuild(r.ctx, r.dir, tracker.observe)
		close(stopTicks)
		r.lib = lib
		fyne.Do(func() {
			if r.closed.Load() {
				return
			}
			if lib == nil {
				r.progress.finish("Could not rebuild: " + plainError(err) + ".")
				r.quit.Enable()
				return
			}
			r.lib = nil // the main window owns it now
			r.onDone(lib, sum, err)
		})
	}()
}

func (r *rebuildWindow) show(t *ingestTracker) {
	if !r.closed.Load() {
		r.progress.show(t.view(time.Now()))
	}
}

// stop cancels a rebuild still running (the window was closed) and
// returns the library it opened, if no main window took it over.
func (r *rebuildWindow) stop() *library.Library {
	r.cancel(library.ErrStopped)
	r.work.Wait()
	return r.lib
}
