package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/library"
)

// The Settings dialog's words.
const (
	textSettingsTitle  = "Settings"
	textSearchModels   = "Search models"
	textSettingsIntro  = "Quire runs these models on this computer: the embedder finds passages by meaning, the reranker puts the best ones first. Nothing is downloaded until you click Download; every file is pinned and checked by its sha256. A change applies at once."
	textImportHint     = "Copy models from a folder prepared on another computer (no network needed)."
	textNoModelsFolder = "Settings are available once a library is open."
	textLoadingModels  = "Switching models…"
	textStartingModels = "Loading the search models…"
	// textReadOnly: the library was opened on a full disk (library.ReadOnly).
	textReadOnly   = "The disk is full: the library is open for questions only. Free some space and start Quire again to add, remove or read files."
	textOptionNone = "None"
)

// settingsView is the open Settings dialog. It belongs to Fyne's
// goroutine.
type settingsView struct {
	dlg        *dialog.CustomDialog
	embedder   *widget.Select
	reranker   *widget.Select
	rows       map[string]*settingsRow
	order      []string // model names, as listed
	note       *widget.Label
	scroll     *container.Scroll
	refreshing bool // selections are being set from the state, not by the user
	answers    *answersView
	tabs       *container.AppTabs
}

// settingsRow is one model in the list.
type settingsRow struct {
	entry  library.ModelEntry
	name   *widget.Label
	detail *widget.Label
	state  *widget.Label
	action *widget.Button // Download, Resume, Cancel or Retry
	bar    *widget.ProgressBar
}

// showSettings opens the Settings dialog: every model with its role,
// size, licence and state, downloads on request, import from a folder,
// and the choice of embedder and reranker.
func (u *ui) showSettings() {
	if u.models.settings != nil {
		return
	}
	if u.models.dir == "" {
		dialog.ShowInformation(textSettingsTitle, textNoModelsFolder, u.win)
		return
	}
	cat, err := u.shelf().Catalog()
	if err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	v := &settingsView{rows: map[string]*settingsRow{}, note: widget.NewLabel("")}
	v.note.Wrapping = fyne.TextWrapWord
	v.note.Importance = widget.DangerImportance
	v.note.Hide()
	v.embedder = widget.NewSelect(nil, func(s string) { u.choose(v, "embedder", s) })
	v.reranker = widget.NewSelect(nil, func(s string) { u.choose(v, "reranker", s) })

	list := container.NewVBox()
	for i, e := range cat {
		r := u.newSettingsRow(e)
		v.rows[e.Name] = r
		v.order = append(v.order, e.Name)
		if i > 0 {
			list.Add(widget.NewSeparator())
		}
		list.Add(r.root())
	}

	heading := widget.NewLabelWithStyle(textSearchModels, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(textSettingsIntro)
	intro.Wrapping = fyne.TextWrapWord
	choose := container.NewGridWithColumns(2,
		container.New(layout.NewFormLayout(), widget.NewLabel("Embedder"), v.embedder),
		container.New(layout.NewFormLayout(), widget.NewLabel("Reranker"), v.reranker))
	imp := widget.NewButton("Import folder…", u.importModels)
	impHint := widget.NewLabel(textImportHint)
	impHint.Importance = widget.LowImportance
	impHint.Truncation = fyne.TextTruncateEllipsis
	folder := widget.NewLabel("Models folder: " + u.models.dir)
	folder.Importance = widget.LowImportance
	folder.Truncation = fyne.TextTruncateEllipsis

	top := container.NewVBox(heading, intro, choose, v.note, widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, imp, nil, impHint), folder)
	// Room on the right for the scroll bar, clear of the buttons.
	v.scroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, 3*theme.Padding()), list))
	content := container.NewBorder(top, bottom, nil, nil, v.scroll)
	v.answers = u.newAnswersView()
	v.tabs = container.NewAppTabs(
		container.NewTabItem(textSearchModels, content),
		container.NewTabItem(textAnswers, container.NewVScroll(v.answers.root)),
		container.NewTabItem("OCR & languages", container.NewVScroll(u.ocrSettings())))

	v.dlg = dialog.NewCustom(textSettingsTitle, "Close", v.tabs, u.win)
	v.dlg.SetOnClosed(func() { u.models.settings = nil })
	s := u.win.Canvas().Size()
	v.dlg.Resize(fyne.NewSize(min(max(760, s.Width*0.7), s.Width), min(max(560, s.Height*0.92), s.Height)))
	u.models.settings = v
	u.refreshSettings()
	v.dlg.Show()
}

func (u *ui) newSettingsRow(e library.ModelEntry) *settingsRow {
	r := &settingsRow{entry: e}
	r.name = widget.NewLabelWithStyle(e.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.detail = widget.NewLabel(entryDetail(e))
	r.detail.SizeName = theme.SizeNameCaptionText
	r.detail.Wrapping = fyne.TextWrapWord
	r.state = widget.NewLabel("")
	r.action = widget.NewButton("", nil)
	r.bar = widget.NewProgressBar()
	r.bar.Hide()
	return r
}

func (r *settingsRow) root() fyne.CanvasObject {
	right := container.NewVBox(layout.NewSpacer(), container.NewHBox(r.state, r.action), layout.NewSpacer())
	left := container.New(layout.NewCustomPaddedVBoxLayout(0), r.name, r.detail)
	return container.NewBorder(nil, r.bar, nil, right, left)
}

// entryDetail is a model's second line: role, size, licence, title.
func entryDetail(e library.ModelEntry) string {
	role := "Embedder"
	if e.Role == "reranker" {
		role = "Reranker"
	}
	if e.Builtin {
		role = "Built-in embedder"
	} else if e.Default {
		role += " (default)"
	}
	return fmt.Sprintf("%s · %s · %s — %s", role, sizeText(e.Bytes), e.Licence, e.Title)
}

// sizeText is a download size in MB.
func sizeText(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }

// percent is done of total as a whole percentage, below 100 until done.
func percent(done, total int64) int {
	if total <= 0 {
		return 0
	}
	p := int(100 * done / total)
	if p >= 100 && done < total {
		p = 99
	}
	return p
}

// refreshSettings brings the open Settings dialog up to date with the
// models folder and the downloads.
func (u *ui) refreshSettings() {
	v := u.models.settings
	if v == nil {
		return
	}
	cat, err := u.shelf().Catalog()
	if err != nil {
		v.showNote("Could not read the models folder: " + plainError(err))
		return
	}
	options := map[string][]string{}
	selected := map[string]string{"embedder": textOptionNone, "reranker": textOptionNone}
	for _, e := range cat {
		if e.Installed {
			options[e.Role] = append(options[e.Role], e.Name)
		}
		if e.Active {
			selected[e.Role] = e.Name
		}
		if r := v.rows[e.Name]; r != nil {
			r.entry = e
			u.showRow(r)
		}
	}
	v.refreshing = true
	for role, sel := range map[string]*widget.Select{"embedder": v.embedder, "reranker": v.reranker} {
		sel.SetOptions(append(options[role], textOptionNone))
		sel.SetSelected(selected[role])
	}
	v.refreshing = false
}

func (v *settingsView) showNote(s string) {
	v.note.SetText(s)
	v.note.Show()
}

// showRow sets a row's state line, button and progress from its entry and
// its download.
func (u *ui) showRow(r *settingsRow) {
	e := r.entry
	d := u.models.downloads[e.Name]
	r.bar.Hide()
	r.action.Show()
	r.action.Importance = widget.MediumImportance
	r.state.Importance = widget.MediumImportance
	switch {
	case d != nil && d.err == nil:
		// Every model reports its bytes, the built-in embedder its
		// package tarball's.
		r.state.SetText(fmt.Sprintf("Downloading %d%%", percent(d.done, d.total)))
		r.bar.SetValue(float64(d.done) / float64(max(d.total, 1)))
		r.bar.Show()
		r.action.SetText("Cancel")
		r.action.OnTapped = d.cancel
	case e.Installed && e.Active:
		r.state.SetText("Installed · in use")
		r.state.Importance = widget.SuccessImportance
		r.action.Hide()
	case e.Installed:
		r.state.SetText("Installed")
		r.action.Hide()
	case d != nil:
		r.state.SetText("Download failed: " + plainError(d.err))
		r.state.Importance = widget.DangerImportance
		r.action.SetText("Retry")
		r.action.OnTapped = func() { u.startDownload(e) }
	case e.Downloaded > 0:
		r.state.SetText(fmt.Sprintf("Paused at %d%%", percent(e.Downloaded, e.Bytes)))
		r.action.SetText("Resume")
		r.action.OnTapped = func() { u.startDownload(e) }
	default:
		r.state.SetText("Not installed")
		r.action.SetText("Download")
		r.action.Importance = widget.HighImportance
		r.action.OnTapped = func() { u.startDownload(e) }
	}
	r.state.Refresh()
	r.action.Refresh()
}

// choose saves the user's choice of a role's model and puts it in use.
func (u *ui) choose(v *settingsView, role, option string) {
	if v.refreshing || option == "" {
		return
	}
	name := option
	if option == textOptionNone {
		name = library.ModelNone
	}
	shelf := u.shelf()
	if shelf.Choice().For(role) == name {
		return
	}
	if err := shelf.Choose(role, name); err != nil {
		v.showNote("Could not save the choice: " + plainError(err))
		return
	}
	v.note.Hide()
	u.refreshSettings()
	u.applyModels()
}

// startDownload fetches one model in the background, with progress in
// its row; Cancel keeps what has arrived, and the next Download resumes
// from there. A model that the choice then puts in use is loaded at once.
func (u *ui) startDownload(e library.ModelEntry) {
	if d := u.models.downloads[e.Name]; d != nil && d.err == nil {
		return
	}
	ctx, cancel := context.WithCancel(u.ctx)
	d := &download{cancel: cancel, done: e.Downloaded, total: e.Bytes}
	u.models.downloads[e.Name] = d
	u.refreshSettings()
	shelf := u.shelf()
	u.spawn(func() {
		err := shelf.Download(ctx, e.Name, func(n, _ int64) {
			u.models.do(func() {
				d.done = n
				if v := u.models.settings; v != nil && v.rows[e.Name] != nil && u.models.downloads[e.Name] == d {
					u.showRow(v.rows[e.Name])
				}
			})
		})
		stopped := ctx.Err() != nil // by the user (or the window closing)
		u.models.do(func() {
			cancel()
			if u.closed.Load() {
				return
			}
			if err != nil && !stopped {
				d.err = err
			} else {
				delete(u.models.downloads, e.Name) // done, or paused by the user
			}
			u.refreshSettings()
			if err == nil && u.wouldUse(e.Name) {
				u.applyModels()
			}
		})
	})
}

// wouldUse reports whether loading the models folder now uses name.
func (u *ui) wouldUse(name string) bool {
	emb, rr, err := u.shelf().Active()
	return err == nil && (emb == name || rr == name)
}

// settingsState is a one-line summary of the dialog for tests and logs:
// each model's name and state, then the selections.
func (v *settingsView) settingsState() string {
	var b strings.Builder
	for _, name := range v.order {
		fmt.Fprintf(&b, "%s: %s; ", name, v.rows[name].state.Text)
	}
	fmt.Fprintf(&b, "embedder %s, reranker %s", v.embedder.Selected, v.reranker.Selected)
	return b.String()
}
