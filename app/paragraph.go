package app

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// span is a run of a paragraph's text: plain, bold, or a citation marker
// ("[2]") that opens its source when clicked.
type span struct {
	Text string
	Bold bool
	Cite int // > 0: the citation number this marker opens
}

// paragraph draws text as a paragraph: words wrap at the width it is
// given, nothing else. Chat lines use it instead of widget.RichText, whose
// wrapping of inline segments (fyne v2.7.1) breaks a line early after each
// hyperlink and, in a narrow pane, falls to one letter per line once its
// running width goes negative.
//
// It is selectable: dragging selects whole words, Ctrl+C copies the
// selection, or the whole paragraph (with copyAll) when nothing is
// selected. It belongs to Fyne's goroutine.
type paragraph struct {
	widget.BaseWidget
	spans   []span
	onCite  func(n int)
	copyAll func() string // what Ctrl+C copies with no selection; nil: the text
	size    fyne.ThemeSizeName
	color   fyne.ThemeColorName

	words     []word
	laidW     float32 // width the words were placed at
	height    float32
	selA      int // anchor and end of the selection (word indices); -1: none
	selB      int
	dragFrom  fyne.Position
	hoverLink bool
	focused   bool
}

// word is one word of the paragraph, where it was placed.
type word struct {
	text  string
	bold  bool
	cite  int
	space bool // a space separates it from the word before
	br    bool // it starts a line: the text broke the line before it
	w     float32
	pos   fyne.Position
}

var (
	_ fyne.Tappable      = (*paragraph)(nil)
	_ fyne.Draggable     = (*paragraph)(nil)
	_ fyne.Focusable     = (*paragraph)(nil)
	_ fyne.Shortcutable  = (*paragraph)(nil)
	_ desktop.Cursorable = (*paragraph)(nil)
	_ desktop.Hoverable  = (*paragraph)(nil)
)

func newParagraph(spans ...span) *paragraph {
	p := &paragraph{size: theme.SizeNameText, color: theme.ColorNameForeground, selA: -1, selB: -1}
	p.ExtendBaseWidget(p)
	p.SetSpans(spans)
	return p
}

// SetSpans replaces the text.
func (p *paragraph) SetSpans(spans []span) {
	p.spans = spans
	p.words = p.words[:0]
	joined := true  // the next span's first word follows the last word directly
	broken := false // a line break came since the last word
	for _, s := range spans {
		space := !joined || startsWithSpace(s.Text)
		for i, f := range lineFields(s.Text) {
			br := (broken || f.br) && len(p.words) > 0
			p.words = append(p.words, word{text: f.text, bold: s.Bold, cite: s.Cite, space: i > 0 || space, br: br})
			broken = false
		}
		broken = broken || strings.HasSuffix(strings.TrimRight(s.Text, " \t"), "\n")
		if strings.TrimSpace(s.Text) != "" {
			joined = !endsWithSpace(s.Text)
		} else if s.Text != "" {
			joined = false
		}
	}
	p.laidW = -1
	p.selA, p.selB = -1, -1
	p.measure()
	p.Refresh()
}

// field is a word of a text, and whether a line break came before it in
// the text.
type field struct {
	text string
	br   bool
}

// lineFields are the words of s, as strings.Fields splits them, each
// marked when a line break separates it from the word before: an
// answer's lines (a table row, a list item, a computed result) start
// lines of their own.
func lineFields(s string) []field {
	var out []field
	for i, line := range strings.Split(s, "\n") {
		for j, f := range strings.Fields(line) {
			out = append(out, field{text: f, br: i > 0 && j == 0})
		}
	}
	return out
}

func startsWithSpace(s string) bool { return s != "" && strings.TrimLeft(s, " \t\n") != s }
func endsWithSpace(s string) bool   { return s != "" && strings.TrimRight(s, " \t\n") != s }

// String is the paragraph's text, words joined as they were given.
func (p *paragraph) String() string {
	var b strings.Builder
	for i, w := range p.words {
		switch {
		case i > 0 && w.br:
			b.WriteByte('\n')
		case i > 0 && w.space:
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

func (p *paragraph) textSize() float32 { return theme.Size(p.size) }

func (p *paragraph) style(w word) fyne.TextStyle { return fyne.TextStyle{Bold: w.bold} }

func (p *paragraph) measure() {
	for i := range p.words {
		p.words[i].w = fyne.MeasureText(p.words[i].text, p.textSize(), p.style(p.words[i])).Width
	}
}

func (p *paragraph) lineHeight() float32 {
	return fyne.MeasureText("Mg", p.textSize(), fyne.TextStyle{}).Height
}

func (p *paragraph) spaceWidth() float32 {
	return fyne.MeasureText(" ", p.textSize(), fyne.TextStyle{}).Width
}

// place lays the words out for width w (inside the padding) and returns
// the height they take.
func (p *paragraph) place(w float32) float32 {
	pad := theme.InnerPadding()
	avail := w - 2*pad
	lh, sp := p.lineHeight(), p.spaceWidth()
	x, y := float32(0), float32(0)
	for i := range p.words {
		wd := &p.words[i]
		gap := float32(0)
		if x > 0 && wd.space {
			gap = sp
		}
		if x > 0 && (wd.br || x+gap+wd.w > avail) {
			x, y, gap = 0, y+lh, 0
		}
		wd.pos = fyne.NewPos(float32(math.Round(float64(pad+x+gap))), pad+y) // whole pixels draw crisp glyphs
		x += gap + wd.w
	}
	p.laidW = w
	if len(p.words) == 0 {
		return 2 * pad
	}
	return y + lh + 2*pad
}

// Resize lays the words out again for a new width; when that changes the
// height, the widget refreshes so its parents make room.
func (p *paragraph) Resize(s fyne.Size) {
	before := p.height
	p.BaseWidget.Resize(s)
	if p.height != before {
		p.Refresh()
	}
}

// MinSize is as wide as the widest word and as tall as the paragraph at
// the width it was last given (one line per "\n"-free run before that).
func (p *paragraph) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	var widest float32
	for _, w := range p.words {
		widest = max(widest, w.w)
	}
	if p.laidW < 0 {
		p.height = p.place(max(p.Size().Width, 0))
		if p.Size().Width <= 0 {
			p.height = p.lineHeight() + 2*pad // not laid out yet: one line
		}
	}
	return fyne.NewSize(min(widest, 120)+2*pad, p.height)
}

// wordAt is the index of the word under pos, or -1.
func (p *paragraph) wordAt(pos fyne.Position) int {
	lh := p.lineHeight()
	for i, w := range p.words {
		if pos.Y >= w.pos.Y && pos.Y < w.pos.Y+lh && pos.X >= w.pos.X-p.spaceWidth() && pos.X < w.pos.X+w.w {
			return i
		}
	}
	return -1
}

// nearestWord is the word at or before pos in reading order (for drag
// selection that runs past the words).
func (p *paragraph) nearestWord(pos fyne.Position) int {
	lh := p.lineHeight()
	best := -1
	for i, w := range p.words {
		if w.pos.Y > pos.Y || (pos.Y < w.pos.Y+lh && w.pos.X > pos.X) {
			break
		}
		best = i
	}
	return max(best, 0)
}

func (p *paragraph) Tapped(ev *fyne.PointEvent) {
	if p.selA >= 0 {
		p.selA, p.selB = -1, -1
		p.Refresh()
	}
	if i := p.wordAt(ev.Position); i >= 0 && p.words[i].cite > 0 && p.onCite != nil {
		p.onCite(p.words[i].cite)
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
}

func (p *paragraph) Dragged(ev *fyne.DragEvent) {
	if p.selA < 0 || p.dragFrom == (fyne.Position{}) {
		p.dragFrom = ev.Position.Subtract(ev.Dragged)
		p.selA = p.nearestWord(p.dragFrom)
		if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
			c.Focus(p)
		}
	}
	p.selB = p.nearestWord(ev.Position)
	p.Refresh()
}

func (p *paragraph) DragEnd() { p.dragFrom = fyne.Position{} }

// Selected is the selected words' text, or "" with none selected.
func (p *paragraph) Selected() string {
	if p.selA < 0 || p.selB < 0 {
		return ""
	}
	a, b := min(p.selA, p.selB), max(p.selA, p.selB)
	var s strings.Builder
	for i := a; i <= b && i < len(p.words); i++ {
		switch {
		case i > a && p.words[i].br:
			s.WriteByte('\n')
		case i > a && p.words[i].space:
			s.WriteByte(' ')
		}
		s.WriteString(p.words[i].text)
	}
	return s.String()
}

// copyText is what Ctrl+C copies: the selection, else the whole
// paragraph (as copyAll words it).
func (p *paragraph) copyText() string {
	if s := p.Selected(); s != "" {
		return s
	}
	if p.copyAll != nil {
		return p.copyAll()
	}
	return p.String()
}

func (p *paragraph) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutCopy); ok {
		fyne.CurrentApp().Clipboard().SetContent(p.copyText())
		return
	}
	if _, ok := s.(*fyne.ShortcutSelectAll); ok && len(p.words) > 0 {
		p.selA, p.selB = 0, len(p.words)-1
		p.Refresh()
	}
}

func (p *paragraph) FocusGained()            { p.focused = true }
func (p *paragraph) FocusLost()              { p.focused = false }
func (p *paragraph) TypedRune(rune)          {}
func (p *paragraph) TypedKey(*fyne.KeyEvent) {}

func (p *paragraph) Cursor() desktop.Cursor {
	if p.hoverLink {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

func (p *paragraph) MouseIn(ev *desktop.MouseEvent) { p.MouseMoved(ev) }
func (p *paragraph) MouseMoved(ev *desktop.MouseEvent) {
	i := p.wordAt(ev.Position)
	p.hoverLink = i >= 0 && p.words[i].cite > 0
}
func (p *paragraph) MouseOut() { p.hoverLink = false }

func (p *paragraph) CreateRenderer() fyne.WidgetRenderer {
	return &paragraphRenderer{p: p}
}

// paragraphRenderer draws one canvas.Text per word, and a highlight
// behind the selected words.
type paragraphRenderer struct {
	p     *paragraph
	texts []*canvas.Text
	sel   []*canvas.Rectangle
	objs  []fyne.CanvasObject
}

func (r *paragraphRenderer) Layout(s fyne.Size) {
	p := r.p
	if s.Width != p.laidW {
		p.height = p.place(s.Width)
	}
	r.sync()
}

// sync makes one text object per word, placed and coloured, and the
// selection's rectangles.
func (r *paragraphRenderer) sync() {
	p := r.p
	for len(r.texts) < len(p.words) {
		r.texts = append(r.texts, canvas.NewText("", color.Black))
	}
	r.texts = r.texts[:len(p.words)]
	fg := theme.Color(p.color)
	link := theme.Color(theme.ColorNameHyperlink)
	size := p.textSize()
	lh := p.lineHeight()
	a, b := min(p.selA, p.selB), max(p.selA, p.selB)
	r.sel = r.sel[:0]
	for i, w := range p.words {
		t := r.texts[i]
		t.Text, t.TextSize, t.TextStyle, t.Color = w.text, size, p.style(w), fg
		if w.cite > 0 {
			t.Color = link
		}
		t.Move(w.pos)
		t.Resize(fyne.NewSize(w.w, lh))
		if a >= 0 && i >= a && i <= b {
			rect := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			x := w.pos.X
			if i > a && w.space {
				x -= p.spaceWidth()
			}
			rect.Move(fyne.NewPos(x, w.pos.Y))
			rect.Resize(fyne.NewSize(w.pos.X+w.w-x, lh))
			r.sel = append(r.sel, rect)
		}
	}
	r.objs = r.objs[:0]
	for _, s := range r.sel {
		r.objs = append(r.objs, s)
	}
	for _, t := range r.texts {
		r.objs = append(r.objs, t)
	}
}

func (r *paragraphRenderer) MinSize() fyne.Size { return r.p.MinSize() }

func (r *paragraphRenderer) Refresh() {
	r.p.measure()
	if w := r.p.Size().Width; w > 0 {
		r.p.height = r.p.place(w)
	}
	r.sync()
	for _, t := range r.texts {
		t.Refresh()
	}
	canvas.Refresh(r.p)
}

func (r *paragraphRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *paragraphRenderer) Destroy()                     {}
