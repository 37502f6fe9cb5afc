package app

import (
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/store"
)

// libraryPane lists the library's documents with a checkbox each choosing
// which documents a question searches. Every searchable document is chosen
// unless the user unticks it, so newly added documents are searched too.
type libraryPane struct {
	docs      []store.Document // all documents, sorted by name
	shown     []store.Document // docs passing the filter
	unchecked map[uint64]bool  // searchable docs the user unticked
	tall      map[int]bool     // rows (of shown) given the taller height of a failed file
	loaded    bool             // setDocs has run: an empty list now means an empty library

	filter   *keyEntry
	list     *widget.List
	empty    *widget.Label
	onChange func() // called after the choice of documents changes
	// onPassword is called when the user picks a document that needs a
	// password.
	onPassword func(store.Document)
	// ocr tells the rows whether OCR can run (nil: it can).
	ocr func() ocrState

	root fyne.CanvasObject
}

func newLibraryPane(bottom fyne.CanvasObject, onChange func()) *libraryPane {
	p := &libraryPane{unchecked: map[uint64]bool{}, onChange: onChange}
	p.filter = newKeyEntry("Filter…")
	p.filter.OnChanged = func(string) { p.applyFilter() }

	p.list = widget.NewList(
		func() int { return len(p.shown) },
		newDocRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.shown) {
				p.bindRow(p.shown[id], o.(*docRow))
			}
		},
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if id < len(p.shown) && needsPassword(p.shown[id]) && p.onPassword != nil {
			p.onPassword(p.shown[id])
		}
	}
	p.empty = widget.NewLabel(textOpening) // never "No documents yet" before the list is read
	p.empty.Importance = widget.LowImportance
	p.empty.Alignment = fyne.TextAlignCenter

	title := widget.NewLabelWithStyle("LIBRARY", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, nil, title, nil, p.filter)
	p.root = container.NewBorder(top, bottom, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
	return p
}

// setDocs replaces the list with docs, sorted by name as people read it:
// "annual.pdf" beside "Annual_2023.pdf", not after every capital.
func (p *libraryPane) setDocs(docs []store.Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		return strings.ToLower(docs[i].Name) < strings.ToLower(docs[j].Name)
	})
	p.docs = docs
	p.loaded = true
	known := make(map[uint64]bool, len(docs))
	for _, d := range docs {
		known[d.ID] = true
	}
	for id := range p.unchecked {
		if !known[id] {
			delete(p.unchecked, id)
		}
	}
	p.applyFilter()
}

func (p *libraryPane) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.shown = p.shown[:0]
	for _, d := range p.docs {
		if q == "" || strings.Contains(strings.ToLower(d.Name), q) {
			p.shown = append(p.shown, d)
		}
	}
	// Only rows whose height differs from the template's are set: each
	// SetItemHeight refreshes the list, so setting all n rows cost O(n²)
	// (10,000 documents took about 2 minutes to list).
	normal, tall := rowHeights()
	was := p.tall
	p.tall = map[int]bool{}
	for i, d := range p.shown {
		if d.Status == store.StatusError {
			p.tall[i] = true
			if !was[i] {
				p.list.SetItemHeight(i, tall)
			}
		}
	}
	for i := range was {
		if !p.tall[i] {
			p.list.SetItemHeight(i, normal)
		}
	}
	switch {
	case !p.loaded:
		p.empty.SetText(textOpening)
		p.empty.Show()
	case len(p.docs) == 0:
		p.empty.SetText(textNoDocuments)
		p.empty.Show()
	case len(p.shown) == 0:
		p.empty.SetText("No document matches the filter.")
		p.empty.Show()
	default:
		p.empty.Hide()
	}
	p.list.Refresh()
}

func (p *libraryPane) checked(d store.Document) bool {
	return searchable(d) && !p.unchecked[d.ID]
}

func (p *libraryPane) setChecked(id uint64, on bool) {
	if on == !p.unchecked[id] {
		return
	}
	if on {
		delete(p.unchecked, id)
	} else {
		p.unchecked[id] = true
	}
	if p.onChange != nil {
		p.onChange()
	}
}

// counts returns how many documents are chosen and how many could be: every
// document that was read, as in "Searching 2 of 3 documents".
func (p *libraryPane) counts() (chosen, of int) {
	for _, d := range p.docs {
		if d.Status == store.StatusError {
			continue
		}
		of++
		if p.checked(d) {
			chosen++
		}
	}
	return chosen, of
}

// chosenIDs is the AskOptions.Docs for the current choice: nil when every
// searchable document is chosen, so documents added later are searched too.
func (p *libraryPane) chosenIDs() []uint64 {
	var ids []uint64
	all := true
	for _, d := range p.docs {
		if !searchable(d) {
			continue
		}
		if p.checked(d) {
			ids = append(ids, d.ID)
		} else {
			all = false
		}
	}
	if all {
		return nil
	}
	return ids
}

// doc looks a document up by id.
func (p *libraryPane) doc(id uint64) (store.Document, bool) {
	for _, d := range p.docs {
		if d.ID == id {
			return d, true
		}
	}
	return store.Document{}, false
}

// docRow is one list row: a checkbox (or a warning sign for a file that
// could not be read), the name, and a status line under it.
type docRow struct {
	widget.BaseWidget
	check  *widget.Check
	warn   *widget.Icon
	name   *widget.Label
	status *widget.Label
}

func newDocRow() fyne.CanvasObject {
	r := &docRow{
		check:  widget.NewCheck("", nil),
		warn:   widget.NewIcon(theme.WarningIcon()),
		name:   widget.NewLabel(""),
		status: widget.NewLabel(""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.status.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *docRow) CreateRenderer() fyne.WidgetRenderer {
	keep := canvas.NewRectangle(color.Transparent) // same width with or without the checkbox
	keep.SetMinSize(r.check.MinSize())
	left := container.NewStack(keep, r.check, container.NewCenter(r.warn))
	text := container.New(&tightVBox{}, r.name, r.status)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, nil, text))
}

func (p *libraryPane) bindRow(d store.Document, r *docRow) {
	r.name.SetText(store.Shown(d.Name))
	st := ocrState{installed: true, enabled: true}
	if p.ocr != nil {
		st = p.ocr()
	}
	r.status.SetText(docStatusLine(d, st))
	switch d.Status {
	case store.StatusError:
		r.check.Hide()
		r.warn.Show()
		r.status.Importance = widget.DangerImportance
		r.status.Truncation = fyne.TextTruncateOff
		r.status.Wrapping = fyne.TextWrapWord
	default:
		r.warn.Hide()
		r.check.Show()
		r.status.Importance = widget.LowImportance
		r.status.Wrapping = fyne.TextWrapOff
		r.status.Truncation = fyne.TextTruncateEllipsis
	}
	r.status.Refresh()
	r.check.OnChanged = nil // do not report the programmatic set below
	r.check.SetChecked(p.checked(d))
	if searchable(d) {
		r.check.Enable()
	} else {
		r.check.Disable()
	}
	id := d.ID
	r.check.OnChanged = func(on bool) { p.setChecked(id, on) }
}

// rowHeights are the list heights of a document row and of a failed
// document's row, whose reason gets a second line to wrap onto.
func rowHeights() (normal, tall float32) {
	normal = newDocRow().MinSize().Height
	line := widget.NewLabel("x").MinSize().Height - 2*theme.InnerPadding()
	return normal, normal + line
}

// tightVBox stacks objects vertically with no padding between them, so a
// name and its status line read as one item. The last object gets the
// height left over, so a wrapping status line can use a taller row.
type tightVBox struct{}

func (*tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return fyne.NewSize(s.Width, s.Height-theme.Padding()*2)
}

func (*tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := -theme.Padding()
	for i, o := range objs {
		h := o.MinSize().Height
		if i == len(objs)-1 {
			h = max(h, size.Height-y+theme.Padding())
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.Padding()*2
	}
}
