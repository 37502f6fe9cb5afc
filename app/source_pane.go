package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net/url"
	"os/exec"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/llm"
	"quire/render"
	"quire/store"
)

// sourcePane is the SOURCE column: the file and page a clicked citation
// points at, the page itself drawn with the cited passage highlighted
// (scrolled so the highlight is in view), and the passage's text below it
// with the cited snippet in bold.
//
// The page is drawn in the background; a later click cancels a draw still
// running, and a draw that fails leaves the text with the reason.
type sourcePane struct {
	file  *widget.Label
	page  *widget.Label
	quote *widget.RichText // the cited snippet, so it is seen without scrolling
	text  *widget.RichText // the whole passage, snippet in bold
	open  *widget.Button
	hint  *widget.Label
	shown *fyne.Container

	pageImg *canvas.Image    // the drawn page; hidden while none is shown
	view    *pageView        // holds pageImg; takes Ctrl+wheel and drags
	status  *widget.Label    // "Drawing page…", or why the page is not shown
	busy    *widget.Activity // turns while a page is drawn
	statusR *fyne.Container  // busy and status
	scroll  *container.Scroll

	path   string // file of the shown citation, for [Open in viewer]
	cited  llm.Citation
	openFn func(*url.URL) error

	// Drawing pages. draw is render.Renderer.Page (tests replace it);
	// spawn runs it in the background and fyne.Do brings the result back.
	draw func(ctx context.Context, path string, page int, passage string, widthPx int) (render.Page, error)
	// drawOCR draws a page whose passage was read by OCR, locating it
	// among words, which wordsFor gives (nil when unknown).
	drawOCR  func(ctx context.Context, path string, page int, passage string, widthPx int, words []render.Word) (render.Page, error)
	wordsFor func(doc uint64, page int) []render.Word
	spawn    func(func())
	ctx      context.Context // parent of every draw; cancelled at shutdown
	gone     func() bool     // the window has closed
	pages    *render.Renderer
	cancel   context.CancelFunc // of the draw in progress, if any
	seq      uint64             // counts draws; a result of an older one is dropped
	drawn    render.Page        // the page shown, if any
	drawW    int                // the pixel width it was drawn at (0 while none)

	// Zoom: the page is shown zoom times the pane's width (1: fit width).
	zoom      float32
	zoomLabel *widget.Label
	zoomIn    *widget.Button
	zoomOut   *widget.Button
	zoomFitB  *widget.Button
	popOut    *widget.Button // hidden unless onPopOut is set
	onPopOut  func()
	modifiers func() fyne.KeyModifier // the keys held; tests replace it

	root fyne.CanvasObject
}

// newSource is the SOURCE pane of u, drawing pages with PDFium.
func (u *ui) newSource() *sourcePane {
	s := newSourcePane(u.app.OpenURL)
	s.pages = render.New(render.Options{TrimMargins: true})
	s.draw = s.pages.Page
	s.drawOCR = s.pages.PageOCR
	s.wordsFor = u.ocrWords
	s.spawn = func(fn func()) { u.spawn(fn) } // u.spawn as it is when called (tests replace it)
	s.ctx = u.ctx
	s.gone = u.closed.Load
	return s
}

func newSourcePane(openURL func(*url.URL) error) *sourcePane {
	s := &sourcePane{openFn: openURL, ctx: context.Background(), gone: func() bool { return false }, zoom: 1, modifiers: keyModifiers}
	s.file = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.file.Truncation = fyne.TextTruncateEllipsis
	s.page = widget.NewLabel("")
	s.page.Importance = widget.LowImportance
	s.page.Truncation = fyne.TextTruncateEllipsis // a long line must not widen the pane
	s.quote = widget.NewRichText()
	s.quote.Wrapping = fyne.TextWrapWord
	s.text = widget.NewRichText()
	s.text.Wrapping = fyne.TextWrapWord
	s.open = widget.NewButtonWithIcon("Open in viewer", theme.FileIcon(), s.openFile)
	s.hint = widget.NewLabel(textSourceHint)
	s.hint.Wrapping = fyne.TextWrapWord
	s.hint.Importance = widget.LowImportance

	s.pageImg = canvas.NewImageFromImage(nil)
	s.pageImg.FillMode = canvas.ImageFillContain
	s.pageImg.ScaleMode = canvas.ImageScaleSmooth
	s.view = newPageView(s.pageImg)
	s.view.onScroll = s.wheel
	s.view.onDrag = s.pan
	s.view.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Importance = widget.LowImportance
	s.busy = widget.NewActivity()
	s.busy.Hide()
	s.statusR = container.NewBorder(nil, nil, s.busy, nil, s.status)
	s.statusR.Hide()

	s.scroll = container.NewScroll(container.New(pageColumn{s}, s.statusR, s.view, s.text))
	s.shown = container.NewBorder(
		container.NewVBox(s.file, s.page, s.quote, widget.NewSeparator(), s.newZoomBar()),
		container.NewHBox(s.open),
		nil, nil,
		container.New(fitPage{s}, s.scroll),
	)
	s.shown.Hide()
	title := widget.NewLabelWithStyle("SOURCE", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(title, nil, nil, nil, container.NewStack(container.NewVBox(s.hint), s.shown))
	return s
}

// newZoomBar is the row above the page: zoom out, the zoom, zoom in, fit
// width, and pop out. It is narrow (icons, a label of fixed width), so
// it never widens the column nor changes width as the zoom changes.
func (s *sourcePane) newZoomBar() fyne.CanvasObject {
	s.zoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { s.zoomBy(-1) })
	s.zoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { s.zoomBy(1) })
	s.zoomFitB = widget.NewButtonWithIcon("", theme.ZoomFitIcon(), s.zoomFit)
	s.zoomLabel = widget.NewLabel(zoomText(1))
	s.zoomLabel.Alignment = fyne.TextAlignCenter
	keep := canvas.NewRectangle(color.Transparent)
	keep.SetMinSize(widget.NewLabel(zoomText(1)).MinSize())
	s.popOut = widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), func() {
		if s.onPopOut != nil {
			s.onPopOut()
		}
	})
	s.popOut.Hide()
	for _, b := range []*widget.Button{s.zoomOut, s.zoomIn, s.zoomFitB, s.popOut} {
		b.Importance = widget.LowImportance
	}
	s.zoomControls()
	zoom := container.NewHBox(s.zoomOut, container.NewStack(keep, s.zoomLabel), s.zoomIn, s.zoomFitB)
	return container.NewBorder(nil, nil, zoom, s.popOut)
}

// show displays citation c; doc is its document when known (for the path
// and page count). The page is drawn in the background.
func (s *sourcePane) show(c llm.Citation, doc store.Document, known bool) {
	s.cited = c
	s.file.SetText(c.File)
	pages := 0
	s.path = ""
	if known {
		pages = doc.Pages
		s.path = doc.Path
	}
	s.page.SetText(sourcePageLine(c, pages))
	snippet := oneLine(c.Snippet)
	s.quote.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Text:  "“" + snippet + "”",
		Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Italic: true}, ColorName: theme.ColorNamePrimary},
	}}
	s.quote.Refresh()
	if snippet == "" {
		s.quote.Hide()
	} else {
		s.quote.Show()
	}
	before, match, after := highlight(reflow(c.Text), snippet)
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: before, Style: widget.RichTextStyleInline}}
	if match != "" {
		segs = append(segs,
			&widget.TextSegment{Text: match, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}},
			&widget.TextSegment{Text: after, Style: widget.RichTextStyleInline})
	}
	s.text.Segments = segs
	s.text.Refresh()
	if s.path == "" {
		s.open.Disable()
	} else {
		s.open.Enable()
	}
	s.hint.Hide()
	s.shown.Show()
	s.drawPage()
}

// passage is what the page highlights: the sentence the answer quotes,
// else the whole passage.
func (s *sourcePane) passage() string {
	if p := oneLine(s.cited.Snippet); p != "" {
		return p
	}
	return s.cited.Text
}

// drawPage draws the shown citation's page at the pane's width, cancelling
// a draw still running.
func (s *sourcePane) drawPage() {
	s.seq++ // first: a draw that ends now is already stale
	s.stopDrawing()
	s.drawn, s.drawW = render.Page{}, 0
	s.showImage(false)
	s.pageImg.Image = nil
	s.zoomControls()
	if s.path == "" || s.draw == nil {
		s.setStatus(false, textNoPage)
		return
	}
	s.setStatus(true, textDrawingPage)
	s.scroll.ScrollToTop()

	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel = cancel
	seq := s.seq
	path, page, passage, width := s.path, s.cited.Page, s.passage(), s.pixelWidth(s.scroll.Size().Width)
	doc, ocrd := s.cited.DocID, s.cited.OCR > 0
	s.spawn(func() {
		var words []render.Word
		if ocrd && s.wordsFor != nil && s.drawOCR != nil {
			words = s.wordsFor(doc, page)
		}
		var pg render.Page
		var err error
		if words != nil {
			pg, err = s.drawOCR(ctx, path, page, passage, width, words)
		} else {
			pg, err = s.draw(ctx, path, page, passage, width)
		}
		fyne.Do(func() {
			cancel()
			if s.gone() || seq != s.seq {
				return // the window closed, or another citation was clicked
			}
			s.cancel = nil
			s.shownPage(pg, width, err)
		})
	})
}

func (s *sourcePane) stopDrawing() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// shownPage shows a finished draw.
func (s *sourcePane) shownPage(pg render.Page, width int, err error) {
	if err != nil {
		s.setStatus(false, pageError(err))
		return
	}
	s.drawn, s.drawW = pg, width
	s.pageImg.Image = pg.Image
	s.showImage(true)
	s.zoomControls()
	s.setStatus(false, pageNote(pg, s.cited))
	s.fit(s.scroll.Size().Width)
	s.pageImg.Refresh()
	s.scrollToHighlight()
}

func (s *sourcePane) showImage(on bool) {
	if on {
		s.pageImg.Show()
		s.view.Show()
	} else {
		s.pageImg.Hide()
		s.view.Hide()
	}
}

func (s *sourcePane) setStatus(busy bool, text string) {
	s.status.SetText(text)
	if busy {
		s.busy.Show()
		s.busy.Start()
	} else {
		s.busy.Stop()
		s.busy.Hide()
	}
	if text == "" {
		s.statusR.Hide()
	} else {
		s.statusR.Show()
	}
}

// pixelWidth is the bitmap width that shows a page w units wide pixel
// for pixel.
func (s *sourcePane) pixelWidth(w float32) int {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.root); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	if w <= 0 {
		w = 600 // not laid out yet
	}
	return min(max(int(w*scale+0.5), 300), 2400)
}

// fit sizes the page to the zoom of a pane w units wide (height to match
// its shape), and draws it again when it was drawn for a much narrower or
// wider page.
func (s *sourcePane) fit(w float32) {
	img := s.drawn.Image
	if img == nil || w <= 0 {
		return
	}
	w *= s.zoom
	b := img.Bounds()
	want := fyne.NewSize(w, w*float32(b.Dy())/float32(b.Dx()))
	if s.pageImg.MinSize() != want {
		s.pageImg.SetMinSize(want)
		s.view.Refresh()
		s.scroll.Refresh()
	}
	if px := s.pixelWidth(w); s.cancel == nil && (px > s.drawW*5/4 || px < s.drawW*3/4) && px != s.drawW {
		fyne.Do(func() { s.redraw(w) }) // not from inside a layout
	}
}

// redraw draws the shown page again for a page w units wide.
func (s *sourcePane) redraw(w float32) {
	if s.drawn.Image == nil || s.cancel != nil || s.gone() {
		return
	}
	seq := s.seq
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel = cancel
	path, page, passage, width := s.path, s.cited.Page, s.passage(), s.pixelWidth(w)
	s.spawn(func() {
		pg, err := s.draw(ctx, path, page, passage, width)
		fyne.Do(func() {
			cancel()
			if s.gone() || seq != s.seq {
				return
			}
			s.cancel = nil
			if err != nil {
				s.drawW = width // keep the page drawn at the old width; no retry at this one
				return
			}
			s.drawn, s.drawW = pg, width
			s.pageImg.Image = pg.Image
			s.fit(s.scroll.Size().Width)
			s.pageImg.Refresh()
		})
	})
}

// scrollToHighlight scrolls so that the first highlighted box is a third
// of the way down the view.
func (s *sourcePane) scrollToHighlight() {
	if len(s.drawn.Boxes) == 0 || s.drawn.Image == nil {
		return
	}
	k := s.pageImg.Size().Width / float32(s.drawn.Image.Bounds().Dx())
	box := s.drawn.Boxes[0]
	y := s.view.Position().Y + float32(box.Min.Y)*k - s.scroll.Size().Height/3
	x := float32(box.Min.X)*k - s.scroll.Size().Width/8 // zoomed in: the passage's start in view
	s.scroll.ScrollToOffset(s.clampOffset(fyne.NewPos(max(0, x), max(0, y))))
}

// highlightOffset is where the first highlight box is, in the scroll
// content's units (for tests).
func (s *sourcePane) highlightOffset() (float32, bool) {
	if len(s.drawn.Boxes) == 0 || s.drawn.Image == nil {
		return 0, false
	}
	k := s.pageImg.Size().Width / float32(s.drawn.Image.Bounds().Dx())
	return s.view.Position().Y + float32(s.drawn.Boxes[0].Min.Y)*k, true
}

// close stops drawing and PDFium. Call it once background work is over.
func (s *sourcePane) close() {
	s.stopDrawing()
	if s.pages != nil {
		_ = s.pages.Close()
	}
}

// fitPage lays out the scroll holding the page, then sizes the page to
// the scroll's width.
type fitPage struct{ s *sourcePane }

func (l fitPage) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}

func (l fitPage) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	l.s.fit(size.Width)
}

// shownText is the passage text now displayed, reflowed (for tests).
func (s *sourcePane) shownText() string {
	if s.shown.Hidden {
		return ""
	}
	return s.text.String()
}

func (s *sourcePane) openFile() {
	if s.path == "" || s.openFn == nil {
		return
	}
	u, err := url.Parse(storage.NewFileURI(s.path).String())
	if err != nil {
		return
	}
	if err := s.openFn(u); err != nil {
		s.setStatus(false, openError(s.path, err))
	}
}

// What the pane says about the drawn page (kept here with the pane; the
// tests check them through it).
const (
	textDrawingPage = "Drawing page…"
	textNoPage      = "The page cannot be shown: this passage's file is not in the library."
	textNotLocated  = "The passage could not be located on this page."
	textPartLocated = "Only part of the passage was located on this page; that part is highlighted."
)

// openError says in words why [Open in viewer] failed and what to do: on
// Linux without xdg-open (xdg-utils) there is no program to ask.
func openError(path string, err error) string {
	path = store.Shown(path)
	if errors.Is(err, exec.ErrNotFound) || strings.Contains(err.Error(), "executable file not found") {
		return "No program to open PDFs was found (xdg-open is not installed). Install xdg-utils with your package manager, or open the file yourself: " + path
	}
	return "Could not open the file: " + plainError(err) + ". Its path is " + path
}

// pageError says why the page is not shown; the passage text stays.
func pageError(err error) string {
	return "Could not show the page: " + plainError(err) + "."
}

// pageNote says what of the passage the drawn page highlights, or "" when
// all of it.
func pageNote(pg render.Page, c llm.Citation) string {
	switch {
	case pg.Found:
		return ""
	case len(pg.Boxes) == 0:
		return textNotLocated
	case c.PageEnd > c.PageStart && oneLine(c.Snippet) == "":
		return fmt.Sprintf("The passage runs over pp.%d–%d; its part on this page is highlighted.", c.PageStart, c.PageEnd)
	}
	return textPartLocated
}
