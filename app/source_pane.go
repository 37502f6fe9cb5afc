package app

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/llm"
	"quire/store"
)

// sourcePane is the SOURCE column: the file, page and full text of the
// passage a clicked citation points at, with the cited snippet in bold.
type sourcePane struct {
	file  *widget.Label
	page  *widget.Label
	quote *widget.RichText // the cited snippet, so it is seen without scrolling
	text  *widget.RichText // the whole passage, snippet in bold
	open  *widget.Button
	hint  *widget.Label
	shown *fyne.Container

	path   string // file of the shown citation, for [Open in viewer]
	cited  llm.Citation
	openFn func(*url.URL) error

	root fyne.CanvasObject
}

func newSourcePane(openURL func(*url.URL) error) *sourcePane {
	s := &sourcePane{openFn: openURL}
	s.file = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.file.Truncation = fyne.TextTruncateEllipsis
	s.page = widget.NewLabel("")
	s.page.Importance = widget.LowImportance
	s.quote = widget.NewRichText()
	s.quote.Wrapping = fyne.TextWrapWord
	s.text = widget.NewRichText()
	s.text.Wrapping = fyne.TextWrapWord
	s.open = widget.NewButtonWithIcon("Open in viewer", theme.FileIcon(), s.openFile)
	s.hint = widget.NewLabel(textSourceHint)
	s.hint.Wrapping = fyne.TextWrapWord
	s.hint.Importance = widget.LowImportance

	s.shown = container.NewBorder(
		container.NewVBox(s.file, s.page, s.quote, widget.NewSeparator()),
		container.NewHBox(s.open),
		nil, nil,
		container.NewVScroll(s.text),
	)
	s.shown.Hide()
	title := widget.NewLabelWithStyle("SOURCE", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(title, nil, nil, nil, container.NewStack(container.NewVBox(s.hint), s.shown))
	return s
}

// show displays citation c; doc is its document when known (for the path
// and page count).
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
		s.page.SetText("Could not open the file: " + plainError(err))
	}
}
