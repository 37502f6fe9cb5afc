package app

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/ocr"
	"quire/render"
	"quire/store"
)

// ocrCore is what the window needs for OCR. *library.Library has it; a
// core without it (test fakes) simply has no OCR.
type ocrCore interface {
	OCR(ctx context.Context, progress func(library.OCRProgress)) (library.OCRSummary, error)
	OCRWords(doc uint64, page int) (store.OCRPage, error)
	OCRState() (installed, enabled bool)
	OCRSettings() (library.OCRSettings, error)
	SetOCRSettings(library.OCRSettings) error
}

var _ ocrCore = (*library.Library)(nil)

// ocrState is whether OCR can run, for the library rows.
type ocrState struct{ installed, enabled bool }

// ocrBar is the strip under the library that shows OCR reading scanned
// pages in the background ("OCR p. 3 of 10, 1.4 s/page") with Cancel.
type ocrBar struct {
	label  *widget.Label
	cancel *widget.Button
	root   *fyne.Container
	stop   context.CancelFunc // of the run in progress; nil when none
}

func newOCRBar() *ocrBar {
	b := &ocrBar{label: widget.NewLabel("")}
	b.label.Importance = widget.LowImportance
	b.label.Truncation = fyne.TextTruncateEllipsis
	b.cancel = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		if b.stop != nil {
			b.stop()
		}
	})
	b.root = container.NewBorder(nil, nil, nil, b.cancel, b.label)
	b.root.Hide()
	return b
}

// ocrCore returns the core's OCR, if it has one.
func (u *ui) ocrCore() (ocrCore, bool) {
	c, ok := u.core.(ocrCore)
	return c, ok
}

// ocrNow is the OCR state shown in the library rows.
func (u *ui) ocrNow() ocrState {
	c, ok := u.ocrCore()
	if !ok {
		return ocrState{installed: true, enabled: true}
	}
	i, e := c.OCRState()
	return ocrState{i, e}
}

// startOCR reads the scanned pages waiting in the library, in the
// background, unless a run is going on already. Documents are searchable
// before; each batch of pages read is added as it comes.
func (u *ui) startOCR() {
	c, ok := u.ocrCore()
	if !ok || u.ocr.stop != nil || u.closed.Load() {
		return
	}
	ctx, cancel := context.WithCancel(u.ctx)
	u.ocr.stop = cancel
	var redraw atomic.Pointer[string]
	u.spawn(func() {
		sum, err := c.OCR(ctx, func(p library.OCRProgress) {
			line := p.String() + " · " + store.Shown(p.Doc.Name)
			if redraw.Swap(&line) == nil {
				fyne.Do(func() {
					if l := redraw.Swap(nil); l != nil && !u.closed.Load() {
						u.ocr.label.SetText(*l)
						u.ocr.root.Show()
					}
				})
			}
			fyne.Do(u.reloadDocs)
		})
		fyne.Do(func() {
			cancel()
			if u.closed.Load() {
				return
			}
			u.ocr.stop = nil
			switch {
			case errors.Is(err, ocr.ErrNoTesseract), errors.Is(err, ocr.ErrNoLanguage), sum.Pages+sum.Failed == 0 && err == nil:
				u.ocr.root.Hide() // the library rows say what is waiting
			case errors.Is(err, context.Canceled):
				u.ocr.label.SetText(fmt.Sprintf("OCR stopped: %d pages read, %d left", sum.Pages, sum.Left))
			case err != nil:
				u.ocr.label.SetText("OCR stopped: " + plainError(err))
			default:
				u.ocr.label.SetText(fmt.Sprintf("OCR read %d pages in %.0f s", sum.Pages, sum.Elapsed.Seconds()))
			}
			u.ocr.cancel.Hide()
			u.reloadDocs()
		})
	})
	u.ocr.cancel.Show()
}

// ocrWords are the words OCR read on a page of a document, for
// highlighting a passage read by OCR; nil when there are none.
func (u *ui) ocrWords(doc uint64, page int) []render.Word {
	c, ok := u.ocrCore()
	if !ok {
		return nil
	}
	p, err := c.OCRWords(doc, page)
	if err != nil || len(p.Words) == 0 {
		return nil
	}
	words := make([]render.Word, len(p.Words))
	for i, w := range p.Words {
		words[i] = render.Word{Text: w.Text, X0: float64(w.Box[0]) / 1e4, Y0: float64(w.Box[1]) / 1e4, X1: float64(w.Box[2]) / 1e4, Y1: float64(w.Box[3]) / 1e4}
	}
	return words
}

// ocrSettings is the Settings tab that switches OCR on or off and
// chooses its languages among those Tesseract has installed. A change is
// saved at once; switching on starts reading the waiting pages.
func (u *ui) ocrSettings() fyne.CanvasObject {
	c, ok := u.ocrCore()
	intro := widget.NewLabel("Scanned pages are read by Tesseract in the background, after the rest of the document is searchable.")
	intro.Wrapping = fyne.TextWrapWord
	if !ok {
		return container.NewVBox(intro)
	}
	set, _ := c.OCRSettings()
	installed, _ := c.OCRState()
	on := widget.NewCheck("Read scanned pages with OCR", nil)
	on.SetChecked(set.Enabled)
	langs, _ := ocr.Languages(u.ctx)
	group := widget.NewCheckGroup(langs, nil)
	group.Horizontal = true
	group.SetSelected(set.Langs)
	save := func() {
		s := library.OCRSettings{Enabled: on.Checked, Langs: group.Selected}
		if len(s.Langs) == 0 {
			s.Langs = []string{"eng"}
		}
		if err := c.SetOCRSettings(s); err == nil && s.Enabled {
			u.startOCR()
		}
		u.reloadDocs()
	}
	on.OnChanged = func(bool) { save() }
	group.OnChanged = func([]string) { save() }
	note := widget.NewLabel("Languages installed for Tesseract (Debian: the tesseract-ocr-<lang> packages). More languages read more slowly.")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	if !installed {
		note.SetText("Tesseract is not installed: install it (Debian: apt-get install tesseract-ocr tesseract-ocr-eng) to read scanned pages.")
		on.Disable()
	}
	langNote := widget.NewLabel("Documents in German, French, Spanish, Italian, Dutch, Portuguese, Swedish and Russian are recognised and searched by keyword in their own language. The built-in semantic model (use-lite) is English-only: on other languages, answers rest on keyword search.")
	langNote.Wrapping = fyne.TextWrapWord
	return container.NewVBox(intro, on, widget.NewLabel("OCR languages"), group, note, widget.NewSeparator(), langNote)
}
