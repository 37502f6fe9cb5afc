package render

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tests on real PDFs: the Zentara handbook from the shared eval data and
// damaged files from the shared PDF corpus. They skip when shared/ is not
// beside the module. One renderer serves them all (PDFium starts once).

var (
	shared     *Renderer
	sharedOnce sync.Once
)

func TestMain(m *testing.M) {
	RunWorkerIfRequested() // Renderers draw in a re-run of this binary
	code := m.Run()
	if shared != nil {
		_ = shared.Close()
	}
	os.Exit(code)
}

func renderer(t *testing.T) *Renderer {
	t.Helper()
	sharedOnce.Do(func() { shared = New(Options{}) })
	return shared
}

// sharedFile finds path under the shared/ folder beside the module root.
func sharedFile(t *testing.T, path string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", path)
			if _, err := os.Stat(p); err != nil {
				t.Skipf("shared file not found: %v", err)
			}
			return p
		}
		if filepath.Dir(dir) == dir {
			t.Skip("module root not found")
		}
	}
}

func handbook(t *testing.T) string {
	return sharedFile(t, "evaldata/zentara/zentara_robotics_handbook.pdf")
}

// yellow reports a highlighted paper pixel: bright red and green, blue
// well below them (white paper is 255, 255, 255; highlighted, 255, 232, 110).
func yellow(img *image.RGBA, x, y int) bool {
	c := img.RGBAAt(x, y)
	return c.R > 200 && c.G > 180 && int(c.B) < int(c.R)-80
}

func inBoxes(boxes []image.Rectangle, x, y int) bool {
	for _, b := range boxes {
		if (image.Point{x, y}).In(b) {
			return true
		}
	}
	return false
}

// checkHighlight checks that the boxes lie inside the image, hold yellow
// paper, and that no pixel outside them is yellow.
func checkHighlight(t *testing.T, pg Page) {
	t.Helper()
	b := pg.Image.Bounds()
	for _, box := range pg.Boxes {
		if !box.In(b) || box.Empty() {
			t.Errorf("box %v not inside the image %v", box, b)
			continue
		}
		n := 0
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				if yellow(pg.Image, x, y) {
					n++
				}
			}
		}
		if area := box.Dx() * box.Dy(); n < area/3 {
			t.Errorf("box %v: %d of %d pixels yellow, want most (paper under the text)", box, n, area)
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if yellow(pg.Image, x, y) && !inBoxes(pg.Boxes, x, y) {
				t.Fatalf("pixel (%d,%d) outside every box is yellow: %v", x, y, pg.Image.RGBAAt(x, y))
			}
		}
	}
}

func savePNG(t *testing.T, name string, img image.Image) {
	t.Helper()
	dir := os.Getenv("QUIRE_RENDER_OUT")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestPageHighlightsPassage(t *testing.T) {
	pdf := handbook(t)
	r := renderer(t)
	ctx := context.Background()
	tests := []struct {
		name, passage string
		page, boxes   int
	}{
		{"table row", "CEO Iris Kallas", 1, 2},
		{"two lines of a paragraph", "Every name, number, and policy in this document is made up. The point is that the facts are distinctive enough",
			1, 2},
		{"across a line break", "It is designed for mixed-SKU warehouses with shelf heights up to 3.2 metres and aisles as narrow as 1.1 metres.",
			2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, err := r.Page(ctx, pdf, tc.page, tc.passage, 900)
			if err != nil {
				t.Fatal(err)
			}
			savePNG(t, strings.ReplaceAll(tc.name, " ", "-")+".png", pg.Image)
			if got := pg.Image.Bounds().Dx(); got != 900 {
				t.Errorf("width %d, want 900", got)
			}
			if h := pg.Image.Bounds().Dy(); h < 1200 || h > 1300 { // A4: 900 × 841.89/595.28 ≈ 1273
				t.Errorf("height %d, want A4's ≈1273", h)
			}
			if !pg.Found {
				t.Error("passage not found")
			}
			if pg.Pages != 5 {
				t.Errorf("Pages = %d, want 5", pg.Pages)
			}
			if len(pg.Boxes) != tc.boxes {
				t.Errorf("%d boxes %v, want %d", len(pg.Boxes), pg.Boxes, tc.boxes)
			}
			checkHighlight(t, pg)
		})
	}

	// The table row: CEO in the left column, the name in the right, on
	// one line about 40% down the page.
	pg, err := r.Page(ctx, pdf, 1, "CEO Iris Kallas", 900)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Boxes) == 2 {
		ceo, name := pg.Boxes[0], pg.Boxes[1]
		if ceo.Max.X >= name.Min.X || ceo.Min.Y > name.Max.Y || name.Min.Y > ceo.Max.Y {
			t.Errorf("CEO box %v and name box %v are not side by side", ceo, name)
		}
		if y := ceo.Min.Y * 100 / pg.Image.Bounds().Dy(); y < 30 || y > 50 {
			t.Errorf("CEO row at %d%% of the page height, want 30–50%%", y)
		}
	}
}

func TestPassageNotOnPage(t *testing.T) {
	pdf := handbook(t)
	// From page 2: the page is drawn, nothing highlighted.
	pg, err := renderer(t).Page(context.Background(), pdf, 1, "The Magpie-7 is Zentara's seventh-generation autonomous picker", 600)
	if err != nil {
		t.Fatal(err)
	}
	if pg.Found {
		t.Error("Found for a passage of another page")
	}
	if pg.Image == nil || pg.Image.Bounds().Dx() != 600 {
		t.Fatalf("page not drawn: %v", pg.Image)
	}
	if len(pg.Boxes) != 0 {
		t.Errorf("boxes %v for a passage not on the page", pg.Boxes)
	}
	checkHighlight(t, pg)
	// Dark text was drawn.
	dark := 0
	for i := 0; i < len(pg.Image.Pix); i += 4 {
		if pg.Image.Pix[i] < 80 {
			dark++
		}
	}
	if dark < 1000 {
		t.Errorf("%d dark pixels: the page looks blank", dark)
	}
}

func TestPageErrors(t *testing.T) {
	r := renderer(t)
	ctx := context.Background()
	pdf := handbook(t)
	tests := []struct {
		name, path string
		page       int
		want       error
		says       string
	}{
		{"missing file", filepath.Join(t.TempDir(), "gone.pdf"), 1, ErrMissing, "the file was moved or deleted"},
		{"page past the end", pdf, 9, ErrNoPage, "the page does not exist: the file has 5 pages, not 9"},
		{"page zero", pdf, 0, ErrNoPage, "the page does not exist"},
		{"damaged file", sharedFile(t, "pdfcorpus/files/synthetic-header-only.pdf"), 1, ErrDraw, "the page could not be drawn: the file is damaged"},
		{"not a PDF", sharedFile(t, "pdfcorpus/files/synthetic-not-pdf-plain-text.pdf"), 1, ErrDraw, "the page could not be drawn: the file is not a PDF"},
		{"password", sharedFile(t, "pdfcorpus/files/opf-cabinet-encryption_openpassword.pdf"), 1, ErrDraw, "the page could not be drawn: the file needs a password"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Page(ctx, tc.path, tc.page, "anything", 400)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.says) {
				t.Errorf("says %q, want %q…", err, tc.says)
			}
		})
	}
	// The renderer still works after the failures.
	if _, err := r.Page(ctx, pdf, 1, "", 400); err != nil {
		t.Fatalf("after the errors: %v", err)
	}
}

// The last two documents stay open; a file changed on disk is reopened.
func TestDocumentsKeptOpen(t *testing.T) {
	r := New(Options{InProcess: true})
	defer r.Close()
	ctx := context.Background()
	dir := t.TempDir()
	src, err := os.ReadFile(handbook(t))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		if _, err := r.Page(ctx, p, 1, "", 200); err != nil {
			t.Fatal(err)
		}
	}
	open := func() []string {
		r.local.mu.Lock()
		defer r.local.mu.Unlock()
		var names []string
		for _, d := range r.local.docs {
			names = append(names, filepath.Base(d.path))
		}
		return names
	}
	if got := strings.Join(open(), " "); got != "c.pdf b.pdf" {
		t.Errorf("open documents: %s, want c.pdf b.pdf", got)
	}

	// Replace b.pdf with a one-page file: the next call sees one page.
	one := sharedFile(t, "pdfcorpus/files/opf-cabinet-text_only_fontsembeddedall.pdf")
	data, err := os.ReadFile(one)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[1], data, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	_ = os.Chtimes(paths[1], later, later)
	if _, err := r.Page(ctx, paths[1], 2, "", 200); !errors.Is(err, ErrNoPage) {
		t.Errorf("page 2 of the replaced one-page file: err = %v, want ErrNoPage", err)
	}
	if got := strings.Join(open(), " "); got != "b.pdf c.pdf" {
		t.Errorf("open documents: %s, want b.pdf c.pdf", got)
	}
	if err := os.Remove(paths[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Page(ctx, paths[2], 1, "", 200); !errors.Is(err, ErrMissing) {
		t.Errorf("deleted while open: err = %v, want ErrMissing", err)
	}
}

// A call that runs past its time stops PDFium (kills the worker); the
// next call starts it again and works.
func TestTimeoutStopsAndRestarts(t *testing.T) {
	pdf := handbook(t)
	for _, inProcess := range []bool{false, true} {
		t.Run(fmt.Sprintf("in process %v", inProcess), func(t *testing.T) {
			r := New(Options{Timeout: time.Microsecond, InProcess: inProcess})
			defer r.Close()
			ctx := context.Background()
			if _, err := r.Start(ctx); err != nil {
				t.Fatal(err)
			}
			_, err := r.Page(ctx, pdf, 1, "CEO Iris Kallas", 900)
			if !errors.Is(err, ErrDraw) || !strings.Contains(err.Error(), "took longer than") {
				t.Fatalf("err = %v, want ErrDraw: it took longer than…", err)
			}
			if running(r) {
				t.Error("PDFium still counted as running after it was stopped")
			}
			setTimeout(r, 20*time.Second)
			pg, err := r.Page(ctx, pdf, 1, "CEO Iris Kallas", 900)
			if err != nil || !pg.Found {
				t.Fatalf("after the restart: found=%v err=%v", pg.Found, err)
			}
		})
	}
}

// running reports whether r's PDFium (or its worker) runs.
func running(r *Renderer) bool {
	if r.local != nil {
		r.local.mu.Lock()
		defer r.local.mu.Unlock()
		return r.local.inst != nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.w != nil
}

// setTimeout changes r's Timeout.
func setTimeout(r *Renderer, d time.Duration) {
	if r.local != nil {
		r.local.mu.Lock()
		r.local.opts.Timeout = d
		r.local.mu.Unlock()
		return
	}
	r.mu.Lock()
	r.opts.Timeout = d
	r.mu.Unlock()
}

func TestCancelledCall(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := renderer(t).Page(ctx, handbook(t), 1, "x", 400); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestClosed(t *testing.T) {
	r := New(Options{})
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Page(context.Background(), handbook(t), 1, "x", 400); !errors.Is(err, ErrDraw) {
		t.Errorf("after Close: err = %v, want ErrDraw", err)
	}
}

// Trimming the margins draws the text larger in the same width, and the
// highlight still covers the passage.
func TestTrimMargins(t *testing.T) {
	pdf := handbook(t)
	ctx := context.Background()
	plain, err := renderer(t).Page(ctx, pdf, 1, "CEO Iris Kallas", 600)
	if err != nil {
		t.Fatal(err)
	}
	r := New(Options{TrimMargins: true})
	defer r.Close()
	for _, page := range []int{1, 2, 3, 4, 5} {
		pg, err := r.Page(ctx, pdf, page, "Zentara Robotics", 600)
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Boxes) == 0 {
			t.Errorf("page %d: nothing highlighted", page)
		}
		checkHighlight(t, pg)
	}
	pg, err := r.Page(ctx, pdf, 1, "CEO Iris Kallas", 600)
	if err != nil {
		t.Fatal(err)
	}
	savePNG(t, "trimmed.png", pg.Image)
	if !pg.Found || len(pg.Boxes) != 2 || len(plain.Boxes) != 2 {
		t.Fatalf("trimmed: found=%v boxes=%v; plain boxes=%v", pg.Found, pg.Boxes, plain.Boxes)
	}
	checkHighlight(t, pg)
	if pg.Image.Bounds().Dx() != 600 {
		t.Errorf("trimmed width %d, want 600", pg.Image.Bounds().Dx())
	}
	// The page's footer starts about 9 % of the width from its left edge:
	// the text gains about a fifth.
	zoom := float64(pg.Boxes[1].Dx()) / float64(plain.Boxes[1].Dx())
	if zoom < 1.1 || zoom > 1.5 {
		t.Errorf("trimmed page drawn %.2f× larger, want 1.1–1.5×", zoom)
	}
	// The name's box is where the name's ink is: dark pixels inside it.
	dark := 0
	box := pg.Boxes[1]
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if pg.Image.RGBAAt(x, y).R < 100 {
				dark++
			}
		}
	}
	if dark < box.Dx()*box.Dy()/20 {
		t.Errorf("name box %v holds %d dark pixels: not over the text", box, dark)
	}
}

// On a rotated page the highlight, trimmed or not, still lies on the text.
func TestRotatedPage(t *testing.T) {
	pdf := sharedFile(t, "pdfcorpus/files/pdfjs-hello_world_rotated.pdf")
	for _, trim := range []bool{false, true} {
		r := New(Options{TrimMargins: trim})
		pg, err := r.Page(context.Background(), pdf, 1, "Hello world", 500)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		savePNG(t, fmt.Sprintf("rotated-trim-%v.png", trim), pg.Image)
		if !pg.Found || len(pg.Boxes) != 1 {
			t.Fatalf("trim %v: found=%v boxes=%v", trim, pg.Found, pg.Boxes)
		}
		checkHighlight(t, pg)
		box := pg.Boxes[0]
		if box.Dy() < 3*box.Dx() {
			t.Errorf("trim %v: box %v is not upright, as the rotated line is", trim, box)
		}
		dark := 0
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				if pg.Image.RGBAAt(x, y).R < 100 {
					dark++
				}
			}
		}
		if dark < box.Dx()*box.Dy()/10 {
			t.Errorf("trim %v: box %v holds %d dark pixels: not over the text", trim, box, dark)
		}
	}
}
