package app

import (
	"context"
	"errors"
	"image"
	"image/color"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"quire/llm"
	"quire/render"
	"quire/store"
)

// sourceCore is a library of one document at path whose answer cites its
// page 1 with snippet.
func sourceCore(path, snippet string) *fakeCore {
	fc := &fakeCore{docs: []store.Document{{ID: 7, Name: filepath.Base(path), Path: path, Pages: 5, TextPages: 5, Status: store.StatusIndexed}}}
	fc.answer = func(string) llm.Answer {
		return llm.Answer{Text: "The CEO is Iris Kallas [1].", Citations: []llm.Citation{
			{N: 1, DocID: 7, File: filepath.Base(path), Page: 1, PageStart: 1, PageEnd: 1, Used: true, Snippet: snippet,
				Text: "Company snapshot Founded 12 April 2017, in Tallinn, Estonia Headquarters Rotermanni 8, 10111 Tallinn CEO Iris Kallas CTO"},
		}}
	}
	return fc
}

// askAndCite asks a question and clicks the answer's first citation.
func askAndCite(t *testing.T, u *ui) {
	t.Helper()
	u.ask("Who is the CEO?")
	if len(u.chat.turns) != 1 || len(u.chat.turns[0].citations) == 0 {
		t.Fatal("no citation to click")
	}
	test.Tap(u.chat.turns[0].citations[0])
}

// isYellow is a highlighted paper pixel (render's highlight colour, 255,
// 232, 110, give or take smoothing), not the theme's orange.
func isYellow(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 > 235 && g>>8 > 215 && b>>8 > 70 && b>>8 < 150
}

// Clicking a citation draws its page with PDFium (a real renderer, the
// shared Zentara handbook) in the SOURCE pane: the page fills the pane's
// width, the highlight is yellow on screen and scrolled into view, and
// the passage text stays below.
func TestCitationShowsDrawnPage(t *testing.T) {
	pdf := evalPDF(t)
	u := newTestUI(t, sourceCore(pdf, "CEO Iris Kallas"))
	askAndCite(t, u)
	s := u.source

	if !s.pageImg.Visible() || s.pageImg.Image == nil {
		t.Fatalf("no page shown; status %q", s.status.Text)
	}
	if !s.drawn.Found || len(s.drawn.Boxes) == 0 {
		t.Errorf("passage not highlighted: found=%v boxes=%v", s.drawn.Found, s.drawn.Boxes)
	}
	if s.statusR.Visible() {
		t.Errorf("status still shown: %q", s.status.Text)
	}
	if got := s.shownText(); !strings.Contains(got, "CEO Iris Kallas") {
		t.Errorf("passage text not kept: %q", got)
	}

	// Drawn pixel for pixel at the pane's width, and shown at it.
	w := s.scroll.Size().Width
	if w < 200 {
		t.Fatalf("SOURCE scroll only %v wide", w)
	}
	if px := s.drawn.Image.Bounds().Dx(); px != s.pixelWidth(w) {
		t.Errorf("drawn %d px wide for a pane %v wide", px, w)
	}
	if got := s.pageImg.Size(); got.Width != w || got.Height < w*1.3 {
		t.Errorf("page shown at %v in a pane %v wide, want the full width and A4's height", got, w)
	}

	// The first highlight is within the scrolled view.
	hy, ok := s.highlightOffset()
	if !ok {
		t.Fatal("no highlight offset")
	}
	if top, h := s.scroll.Offset.Y, s.scroll.Size().Height; hy < top || hy > top+h {
		t.Errorf("highlight at y=%v, view shows %v–%v", hy, top, top+h)
	}

	// And it is on screen: yellow pixels inside the SOURCE pane, none
	// elsewhere.
	shot := u.win.Canvas().Capture()
	if dir := os.Getenv("QUIRE_TEST_OUT"); dir != "" {
		writePNG(t, filepath.Join(dir, "source-pane-test-driver.png"), shot)
	}
	pane := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.scroll)
	scale := u.win.Canvas().Scale()
	in := image.Rect(int(pane.X*scale), int(pane.Y*scale), int((pane.X+w)*scale), int((pane.Y+s.scroll.Size().Height)*scale))
	inside, outside := 0, 0
	b := shot.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if isYellow(shot.At(x, y)) {
				if (image.Point{x, y}).In(in) {
					inside++
				} else {
					outside++
				}
			}
		}
	}
	if inside < 25 || outside > 0 {
		t.Errorf("yellow pixels: %d inside the SOURCE pane %v, %d outside; want many and none", inside, in, outside)
	}

	// Widening the pane draws the page again at the new width.
	before := s.drawW
	u.win.Resize(fyne.NewSize(2400, 800))
	if s.drawW < before*3/2 || s.drawW != s.pixelWidth(s.scroll.Size().Width) {
		t.Errorf("pane widened from %v to %v: page drawn %d px wide, was %d", w, s.scroll.Size().Width, s.drawW, before)
	}
}

// A page that cannot be drawn leaves the passage text and says why.
func TestSourcePageErrorKeepsText(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "moved.pdf")
	u := newTestUI(t, sourceCore(missing, "CEO Iris Kallas"))
	askAndCite(t, u)
	s := u.source
	if s.pageImg.Visible() {
		t.Error("page image shown for a missing file")
	}
	want := "Could not show the page: the file was moved or deleted (" + missing + ")."
	if got := s.status.Text; got != want || !s.statusR.Visible() {
		t.Errorf("status %q (shown %v), want %q", got, s.statusR.Visible(), want)
	}
	if s.busy.Visible() {
		t.Error("still busy after the failure")
	}
	if got := s.shownText(); !strings.Contains(got, "CEO Iris Kallas") {
		t.Errorf("passage text lost: %q", got)
	}
}

// A second click cancels the first page's draw; only the second page is
// shown, whichever draw finishes first.
func TestSourceStaleDrawCancelled(t *testing.T) {
	for _, order := range []string{"stale last", "stale first"} {
		t.Run(order, func(t *testing.T) {
			u := newTestUI(t, &fakeCore{})
			s := u.source
			var queued []func() // background work, run by hand below
			s.spawn = func(fn func()) { queued = append(queued, fn) }
			var firstErr error
			second := image.NewRGBA(image.Rect(0, 0, 300, 400))
			s.draw = func(ctx context.Context, path string, page int, passage string, width int) (render.Page, error) {
				if page == 1 {
					firstErr = ctx.Err()
					return render.Page{Image: image.NewRGBA(image.Rect(0, 0, 300, 400))}, nil // as if it finished just then
				}
				return render.Page{Image: second, Found: true}, nil
			}
			doc := store.Document{ID: 1, Name: "a.pdf", Path: "/d/a.pdf", Pages: 5}
			s.show(llm.Citation{N: 1, DocID: 1, File: "a.pdf", Page: 1, Text: "first"}, doc, true)
			if got := s.status.Text; got != textDrawingPage || !s.busy.Visible() {
				t.Errorf("while drawing: status %q, busy %v", got, s.busy.Visible())
			}
			s.show(llm.Citation{N: 2, DocID: 1, File: "a.pdf", Page: 2, Text: "second"}, doc, true)
			if len(queued) != 2 {
				t.Fatalf("%d draws started, want 2", len(queued))
			}
			if order == "stale last" {
				queued[1]()
				queued[0]()
			} else {
				queued[0]()
				queued[1]()
			}
			if !errors.Is(firstErr, context.Canceled) {
				t.Errorf("first draw: ctx err %v, want canceled", firstErr)
			}
			if s.pageImg.Image != second || !s.pageImg.Visible() {
				t.Error("the second page is not the one shown")
			}
			if s.statusR.Visible() || s.busy.Visible() {
				t.Errorf("status shown after the second page was drawn: %q (busy %v)", s.status.Text, s.busy.Visible())
			}
		})
	}
}

func TestPageNote(t *testing.T) {
	box := []image.Rectangle{image.Rect(0, 0, 10, 10)}
	tests := []struct {
		pg   render.Page
		c    llm.Citation
		want string
	}{
		{render.Page{Found: true, Boxes: box}, llm.Citation{Page: 1}, ""},
		{render.Page{}, llm.Citation{Page: 1}, textNotLocated},
		{render.Page{Boxes: box}, llm.Citation{Page: 1, PageStart: 1, PageEnd: 1, Snippet: "x"}, textPartLocated},
		{render.Page{Boxes: box}, llm.Citation{Page: 3, PageStart: 3, PageEnd: 4}, "The passage runs over pp.3–4; its part on this page is highlighted."},
	}
	for _, tc := range tests {
		if got := pageNote(tc.pg, tc.c); got != tc.want {
			t.Errorf("pageNote(%+v, %+v) = %q, want %q", tc.pg, tc.c, got, tc.want)
		}
	}
	if got := pageError(render.ErrMissing); got != "Could not show the page: the file was moved or deleted." {
		t.Errorf("pageError = %q", got)
	}
}

// TestOpenInViewerWithoutXdgOpen: with no program to open the file, the
// pane says so in words, with what to do, and keeps its width.
func TestOpenInViewerWithoutXdgOpen(t *testing.T) {
	test.NewTempApp(t)
	s := newSourcePane(func(*url.URL) error {
		return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}
	})
	s.draw = nil
	s.show(llm.Citation{N: 1, DocID: 1, File: "a.pdf", Page: 1, Text: "text"}, store.Document{ID: 1, Path: "/docs/a.pdf", Pages: 3}, true)
	before := s.root.MinSize().Width
	s.openFile()
	if got := s.status.Text; !strings.Contains(got, "xdg-utils") || !strings.Contains(got, "/docs/a.pdf") || strings.Contains(got, "exec:") {
		t.Errorf("status %q", got)
	}
	if after := s.root.MinSize().Width; after > before {
		t.Errorf("the message widened the pane from %.0f to %.0f", before, after)
	}
}
