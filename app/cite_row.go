package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// citeLink is a citation in the list under an answer: a link opening the
// source wherever it is clicked (widget.Hyperlink ignores clicks beside
// its text). Too wide for its place, its file name is cut in the middle
// (see fit), so that its number and the page it opens stay in view.
type citeLink struct {
	widget.Hyperlink
	full string // the whole label, "[1] file.pdf p.12"
	file string // the part of it that fit shortens
}

func newCiteLink(text, file string, onTap func()) *citeLink {
	l := &citeLink{full: text, file: file}
	l.Text = text
	l.OnTapped = onTap
	l.Truncation = fyne.TextTruncateEllipsis // the last resort, past fit
	l.ExtendBaseWidget(l)
	return l
}

func (l *citeLink) Tapped(*fyne.PointEvent) {
	if l.OnTapped != nil {
		l.OnTapped()
	}
}

// setLabel changes the whole label (a removed document's mark).
func (l *citeLink) setLabel(text string) {
	if l.full == text {
		return
	}
	l.full = text
	l.SetText(text)
}

// width is how wide the link must be to show text whole.
func (l *citeLink) width(text string) float32 {
	return fyne.MeasureText(text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding() + 2*theme.Padding() + 2
}

// fit shows the whole label if it fits in w, else the label with the
// most of its file name that does, cut in the middle: "[2]
// Northwind_Health_Plu…etails.pdf p.34" rather than "[2]
// Northwind_Health_Plus_Benefits_Details.pdf …", which lost the page.
func (l *citeLink) fit(w float32) {
	text := l.full
	if name := []rune(l.file); l.width(text) > w && len(name) > 0 && strings.Contains(text, l.file) {
		shown := func(keep int) string { return strings.Replace(l.full, l.file, elideMiddle(name, keep), 1) }
		lo, hi := 0, len(name)-1 // runes of the name kept; lo always fits or is 0
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if l.width(shown(mid)) <= w {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		text = shown(lo)
	}
	if l.Text != text {
		l.SetText(text)
	}
}

// elideMiddle keeps keep runes of name, two thirds from its start (where
// names differ most: Northwind_Health_Plus_… and Northwind_Standard_…)
// and the rest from its end (its year or extension), joined by "…".
func elideMiddle(name []rune, keep int) string {
	if keep >= len(name) {
		return string(name)
	}
	head := (2*keep + 2) / 3
	return string(name[:head]) + "…" + string(name[len(name)-(keep-head):])
}

// citeRow lays out a citation link and its snippet on one line: the link
// as wide as its text up to 60% of the row, the snippet in the rest, both
// cut short rather than widening the chat pane.
type citeRow struct{}

func (citeRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(objs[0].MinSize().Width, h)
}

func (citeRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	link := objs[0].(*citeLink)
	want := link.width(link.full)
	lw := min(want, size.Width*0.6)
	if !objs[1].Visible() {
		lw = min(want, size.Width)
	}
	link.fit(lw)
	link.Move(fyne.NewPos(0, 0))
	link.Resize(fyne.NewSize(lw, size.Height))
	objs[1].Move(fyne.NewPos(lw, 0))
	objs[1].Resize(fyne.NewSize(max(size.Width-lw, 0), size.Height))
}
