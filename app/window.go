package app

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/assets"
	"quire/library"
	"quire/llm"
	"quire/store"
)

const (
	prefWidth        = "window.width"
	prefHeight       = "window.height"
	prefLibrarySplit = "window.split.library" // LIBRARY's share of the width
	prefChatSplit    = "window.split.chat"    // CHAT's share of CHAT and SOURCE
)

// ui is Quire's main window and the state behind it. Its fields belong to
// Fyne's goroutine; background work reports back through fyne.Do.
type ui struct {
	app  fyne.App
	win  fyne.Window
	core core

	library  *libraryPane
	progress *progressPane
	chat     *chatPane
	source   *sourcePane
	popped   *popOut // the page in a window of its own, while open
	// dropOverlay covers the window while files are dragged over it;
	// drag polls for that (nil where it cannot be seen).
	dropOverlay fyne.CanvasObject
	drag        dragOver
	main        *container.Split // LIBRARY | the rest
	right       *container.Split // CHAT | SOURCE

	ctx    context.Context // parent of all work; cancelled by shutdown
	stop   context.CancelFunc
	closed atomic.Bool // set by shutdown; late callbacks then do nothing

	ingestCancel context.CancelCauseFunc // non-nil while an ingest runs
	pending      []string                // paths added while an ingest runs
	watchList    *fyne.Container         // the watched folders, under the library
	askCancel    context.CancelFunc      // non-nil while a question is answered
	conv         library.Chat            // the conversation shown, as kept in the library
	passwordForm *dialog.FormDialog      // the last password dialog opened (tests)
	addDlg       *addDialog              // the last Add PDFs dialog opened (tests)
	docsLoaded   bool                    // the document list has been read once
	docsSeq      atomic.Uint64           // orders concurrent Documents() reloads
	work         sync.WaitGroup          // every background goroutine

	ocr    *ocrBar       // OCR of scanned pages in the background
	banner *widget.Label // what search quality is on; Run sets it from the models
	models *modelsBar
	// modelsBase, modelsRegistry and modelsNPM override where models
	// are downloaded from (tests).
	modelsBase, modelsRegistry, modelsNPM string
	shortcuts                             map[string]func()

	// spawn runs background work; tests replace it to run work inline.
	spawn func(func())
}

// newUI builds the main window over c. It neither shows the window nor
// loads the document list: callers call reloadDocs and show the window.
func newUI(a fyne.App, c core) *ui {
	u := &ui{app: a, core: c, shortcuts: map[string]func(){}}
	u.ctx, u.stop = context.WithCancel(context.Background())
	u.spawn = func(fn func()) {
		u.work.Add(1)
		go func() {
			defer u.work.Done()
			fn()
		}()
	}
	a.SetIcon(assets.Icon)
	a.Settings().SetTheme(newQuireTheme())
	u.win = a.NewWindow("Quire")
	u.win.SetIcon(assets.Icon)
	u.win.SetMaster() // closing it quits, a page popped out with it

	u.progress = newProgressPane(u.cancelIngest)
	u.watchList = newWatchList()
	u.ocr = newOCRBar()
	u.library = newLibraryPane(container.NewVBox(u.watchList, u.progress.root, u.ocr.root), u.updateHeader)
	u.library.ocr = u.ocrNow
	u.library.onPassword = u.askPassword
	u.chat = newChatPane(u.showAddFiles)
	u.chat.onAsk = u.ask
	u.chat.onWiden = u.askAll
	u.chat.onExact = u.askExact
	u.chat.onStop = u.stopAsk
	u.chat.onCite = u.showCitation
	u.chat.onCopy = func(s string) { a.Clipboard().SetContent(s) }
	u.chat.newChat.OnTapped = u.newChat
	u.chat.more.OnTapped = func() { u.showChats(u.chat.more) }
	u.chat.entry.onEscape = u.escape
	u.chat.entry.onShortcut = u.runShortcut
	u.library.filter.onEscape = u.escape
	u.library.filter.onShortcut = u.runShortcut
	u.source = u.newSource()
	u.source.onPopOut = u.popOutSource
	u.source.popOut.Show()

	u.right = container.NewHSplit(u.chat.root, u.source.root)
	u.right.SetOffset(a.Preferences().FloatWithFallback(prefChatSplit, 0.62))
	u.main = container.NewHSplit(u.library.root, u.right)
	u.main.SetOffset(a.Preferences().FloatWithFallback(prefLibrarySplit, 0.25))
	u.dropOverlay = newDropOverlay()
	u.win.SetContent(container.NewStack(container.NewBorder(u.header(), nil, nil, nil, u.main), u.dropOverlay))

	u.win.SetOnDropped(u.dropped)
	u.addShortcut(fyne.KeyO, u.showAddFiles)
	u.addShortcut(fyne.KeyL, u.focusQuestion)
	u.addShortcut(fyne.KeyComma, u.showSettings)
	u.addShortcut(fyne.KeyEqual, func() { u.source.zoomBy(1) }) // Ctrl+= is Ctrl++ on most layouts
	u.addShortcut(fyne.KeyPlus, func() { u.source.zoomBy(1) })
	u.addShortcut(fyne.KeyMinus, func() { u.source.zoomBy(-1) })
	u.addShortcut(fyne.Key0, u.source.zoomFit)
	u.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			u.escape()
		}
	})

	pref := a.Preferences()
	u.win.Resize(fyne.NewSize(
		float32(pref.FloatWithFallback(prefWidth, 1200)),
		float32(pref.FloatWithFallback(prefHeight, 800))))
	u.win.SetOnClosed(func() {
		if u.drag != nil {
			u.drag.stop()
		}
		s := u.win.Canvas().Size()
		if s.Width > 0 && s.Height > 0 {
			pref.SetFloat(prefWidth, float64(s.Width))
			pref.SetFloat(prefHeight, float64(s.Height))
		}
		pref.SetFloat(prefLibrarySplit, u.main.Offset)
		pref.SetFloat(prefChatSplit, u.right.Offset)
	})

	u.updateHeader()
	return u
}

func (u *ui) header() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Quire", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	add := widget.NewButtonWithIcon("Add PDFs…", theme.ContentAddIcon(), u.showAddFiles)
	add.Importance = widget.HighImportance
	folder := widget.NewButtonWithIcon("Add folder…", theme.FolderOpenIcon(), u.showAddFolder)
	settings := widget.NewButtonWithIcon("Settings", theme.SettingsIcon(), u.showSettings)
	bar := container.NewBorder(nil, nil, title, container.NewHBox(add, folder, settings))

	u.banner = widget.NewLabelWithStyle(textBanner, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	u.banner.Importance = widget.LowImportance
	u.banner.Truncation = fyne.TextTruncateEllipsis
	tint := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	u.models = u.newModelsBar()
	bannerBox := container.NewStack(tint, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()),
		container.NewHBox(u.models.get, u.models.imp), u.banner))
	return container.NewVBox(bar, bannerBox, widget.NewSeparator())
}

// addShortcut binds Ctrl+key (Cmd on macOS) on the window and in the
// question box.
func (u *ui) addShortcut(key fyne.KeyName, fn func()) {
	s := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	u.shortcuts[s.ShortcutName()] = fn
	u.win.Canvas().AddShortcut(s, func(fyne.Shortcut) { fn() })
}

func (u *ui) runShortcut(s fyne.Shortcut) bool {
	fn, ok := u.shortcuts[s.ShortcutName()]
	if ok {
		fn()
	}
	return ok
}

func (u *ui) focusQuestion() { u.win.Canvas().Focus(u.chat.entry) }

// escape closes the Settings dialog or another dialog on top, else
// stops the answer being written, else cancels indexing.
func (u *ui) escape() {
	switch {
	case u.models.settings != nil:
		u.models.settings.dlg.Hide()
	case u.win.Canvas().Overlays().Top() != nil:
		top := u.win.Canvas().Overlays().Top()
		top.Hide()
		u.win.Canvas().Overlays().Remove(top)
	case u.askCancel != nil:
		u.stopAsk()
	case u.ingestCancel != nil:
		u.cancelIngest()
	}
}

// --- adding documents -------------------------------------------------------

func (u *ui) showAddFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if l == nil {
			return
		}
		u.add([]string{l.Path()})
	}, u.win)
	d.SetConfirmText("Add folder")
	d.SetTitleText("Add a folder of PDFs (it is watched for new files)")
	d.Resize(dialogSize(u.win))
	d.Show()
}

func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(600, s.Width*0.75), max(400, s.Height*0.8))
}

// dropped is the window's drop handler: files and folders alike go to add.
func (u *ui) dropped(_ fyne.Position, uris []fyne.URI) {
	u.setDragging(false)
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	u.add(paths)
}

// add indexes paths (files or folders). While an ingest runs, paths wait
// and are indexed right after it.
func (u *ui) add(paths []string) {
	if len(paths) == 0 {
		return
	}
	u.watchAdded(paths)
	if u.ingestCancel != nil {
		u.pending = append(u.pending, paths...)
		return
	}
	u.startIngest(func(ctx context.Context, progress func(library.Event)) (library.Summary, error) {
		return u.core.Ingest(ctx, paths, progress)
	})
}

// resume finishes the ingest that was running when Quire last closed.
func (u *ui) resume() {
	if u.ingestCancel == nil {
		u.startIngest(u.core.Resume)
	}
}

// startIngest runs an ingest (of new paths, or a resumed one) with
// progress and Cancel.
func (u *ui) startIngest(run func(context.Context, func(library.Event)) (library.Summary, error)) {
	ctx, cancel := context.WithCancelCause(u.ctx)
	u.ingestCancel = cancel
	tracker := newIngestTracker(time.Now())
	u.progress.start()

	var redraw atomic.Bool // a progress redraw is already queued
	refresh := func() {
		if redraw.CompareAndSwap(false, true) {
			fyne.Do(func() {
				redraw.Store(false)
				if !u.closed.Load() && u.ingestCancel != nil {
					u.progress.show(tracker.view(time.Now()))
				}
			})
		}
	}
	stopTicks := make(chan struct{})
	u.spawn(func() {
		sum, err := run(ctx, func(ev library.Event) {
			tracker.observe(ev)
			refresh()
			if ev.Kind == library.FileDone {
				fyne.Do(u.reloadDocs)
			}
		})
		close(stopTicks)
		fyne.Do(func() {
			cancel(nil)
			if u.closed.Load() {
				return
			}
			u.ingestCancel = nil
			u.progress.finish(summaryLine(sum, err))
			u.reloadDocs()
			u.startOCR()
			if next := u.pending; len(next) > 0 {
				u.pending = nil
				u.add(next)
			}
		})
	})
	u.spawn(func() { // keeps rate and ETA moving between events
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				refresh()
			case <-stopTicks:
				return
			}
		}
	})
}

func (u *ui) cancelIngest() {
	if u.ingestCancel == nil {
		return
	}
	u.pending = nil
	u.ingestCancel(library.ErrStopped) // stopped on purpose: not resumed at the next start
	u.progress.cancelling()
}

// reloadDocs fetches the document list in the background; an older reload
// finishing late never overwrites a newer one.
func (u *ui) reloadDocs() {
	if u.closed.Load() {
		return
	}
	seq := u.docsSeq.Add(1)
	u.spawn(func() {
		docs, err := u.core.Documents()
		fyne.Do(func() {
			if u.closed.Load() || seq != u.docsSeq.Load() {
				return
			}
			if err != nil {
				u.progress.finish("Could not list the library: " + plainError(err))
				return
			}
			u.setDocs(docs)
		})
	})
}

func (u *ui) setDocs(docs []store.Document) {
	first := !u.docsLoaded
	u.docsLoaded = true
	u.library.setDocs(docs)
	u.setDocsEmpty()
	u.updateHeader()
	u.markGone()
	if first {
		u.restoreChat()
	}
}

// setDocsEmpty shows the drop hint for an empty library, once the
// document list is known: never while it is still being read.
func (u *ui) setDocsEmpty() {
	if u.docsLoaded {
		u.chat.setEmpty(len(u.library.docs) == 0)
	}
}

// updateHeader says which documents a question searches; until the list
// is read it says the library is opening, not that it is empty.
func (u *ui) updateHeader() {
	if !u.docsLoaded {
		u.chat.header.SetText(textOpening)
		return
	}
	u.chat.header.SetText(searchingHeader(u.library.counts()))
}

// --- asking -----------------------------------------------------------------

func (u *ui) ask(question string) { u.askWith(question, library.AskOptions{}) }

// askAll asks again over every document, even those the question does
// not name.
func (u *ui) askAll(question string) { u.askWith(question, library.AskOptions{All: true}) }

// askExact asks again with the question's words as typed, uncorrected.
func (u *ui) askExact(question string) { u.askWith(question, library.AskOptions{Exact: true}) }

// askWith asks question with the All and Exact of how.
func (u *ui) askWith(question string, how library.AskOptions) {
	question = strings.TrimSpace(question)
	if question == "" || u.askCancel != nil {
		return
	}
	if chosen, _ := u.library.counts(); chosen == 0 {
		if u.anySearchable() {
			u.chat.note(textNoneChosen)
		} else {
			u.chat.note(textNoSearchable)
		}
		return
	}
	opts := library.AskOptions{Docs: u.library.chosenIDs(), All: how.All, Exact: how.Exact}
	u.chat.entry.SetText("")
	turn := u.chat.addTurn(question)
	turn.widened, turn.asTyped = how.All, how.Exact
	ctx, cancel := context.WithCancel(u.ctx)
	u.askCancel = cancel
	u.chat.setAsking(true)
	opts.OnToken = u.streamTo(turn)
	if lib, ok := u.core.(answersCore); ok {
		if cfg, on := lib.LLM(); on {
			turn.status.SetText("Quire is searching your documents, then " + cfg.Model + " writes the answer…")
		}
	}
	history := u.conv.History()
	u.spawn(func() {
		searched := u.standalone(ctx, history, question)
		ans, err := u.core.Ask(ctx, searched, opts)
		fyne.Do(func() {
			cancel()
			if u.closed.Load() {
				return
			}
			u.askCancel = nil
			u.chat.setAsking(false)
			switch {
			case err != nil && errors.Is(err, context.Canceled) && u.ctx.Err() == nil:
				turn.stopped()
				u.keepTurn(question, searched, llm.Answer{Text: turn.streamedText()}, opts, "Stopped. "+textUnfinished)
				return
			case err != nil:
				msg := "Could not answer: " + answerError(err) + "."
				turn.fail(msg)
				u.keepTurn(question, searched, llm.Answer{}, opts, msg)
				return
			}
			turn.show(ans, searched)
			u.markGone()
			u.keepTurn(question, searched, ans, opts, "")
		})
	})
}

func (u *ui) anySearchable() bool {
	for _, d := range u.library.docs {
		if searchable(d) {
			return true
		}
	}
	return false
}

func (u *ui) stopAsk() {
	if u.askCancel != nil {
		u.askCancel()
	}
}

func (u *ui) showCitation(c llm.Citation) {
	d, ok := u.library.doc(c.DocID)
	u.source.show(c, d, ok)
	if u.popped != nil {
		u.popped.show(c, d, ok)
	}
}

// shutdown cancels running work and waits for it, so the library can be
// closed safely. Call it once the window has closed. Once Fyne's loop has
// stopped, fyne.Do runs callbacks on the calling goroutine, so the callbacks
// check closed rather than touch the window.
func (u *ui) shutdown() {
	u.closed.Store(true)
	u.stop()
	u.work.Wait()
	u.source.close()
}
