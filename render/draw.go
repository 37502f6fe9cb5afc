package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"strings"

	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerr "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// maxAspect bounds a drawn page's height as a multiple of its width, so a
// strip-shaped page does not make a huge bitmap.
const maxAspect = 4

// open opens the document at path. r.mu is held.
func (r *engine) open(path string) (*openDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, statError(path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, statError(path, err)
	}
	res, err := r.inst.OpenDocument(&requests.OpenDocument{FileReader: f, FileReaderSize: st.Size()})
	if err != nil {
		defer f.Close()
		return nil, openError(f, err)
	}
	d := &openDoc{path: path, size: st.Size(), mod: st.ModTime(), file: f, doc: res.Document}
	n, err := r.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.doc})
	if err != nil || n.PageCount <= 0 {
		r.closeDoc(d)
		return nil, fmt.Errorf("%w: the file has no pages", ErrDraw)
	}
	d.pages = n.PageCount
	return d, nil
}

// openError says in plain words why PDFium could not open f.
func openError(f *os.File, err error) error {
	switch {
	case errors.Is(err, pdfiumerr.ErrPassword):
		return fmt.Errorf("%w: the file needs a password", ErrDraw)
	case errors.Is(err, pdfiumerr.ErrSecurity):
		return fmt.Errorf("%w: the file's protection is not supported", ErrDraw)
	case errors.Is(err, pdfiumerr.ErrFile):
		return fmt.Errorf("%w: the file could not be read", ErrDraw)
	}
	head := make([]byte, 1024)
	n, _ := f.ReadAt(head, 0)
	if !bytes.Contains(head[:n], []byte("%PDF-")) {
		return fmt.Errorf("%w: the file is not a PDF", ErrDraw)
	}
	return fmt.Errorf("%w: the file is damaged", ErrDraw)
}

// draw does the work of Page inside PDFium. r.mu is held.
func (r *engine) draw(ctx context.Context, path string, st os.FileInfo, page int, passage string, widthPx int, words []Word) (pg Page, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.faulted = true
			err = fmt.Errorf("%w: PDFium failed: %v", ErrDraw, p)
		}
	}()
	d, err := r.doc(path, st)
	if err != nil {
		return pg, err
	}
	pg.Pages = d.pages
	if page < 1 || page > d.pages {
		return pg, fmt.Errorf("%w: the file has %s, not %d", ErrNoPage, pagesText(d.pages), page)
	}
	if err := ctx.Err(); err != nil {
		return pg, err
	}
	lp, err := r.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: page - 1})
	if err != nil {
		r.faulted = true
		return pg, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	defer r.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}

	var crop *requests.RenderPageCrop
	if r.opts.TrimMargins {
		crop = r.contentCrop(ref)
	}
	res, err := r.inst.RenderPageInPixels(&requests.RenderPageInPixels{
		Page:        ref,
		Width:       widthPx,
		Height:      widthPx * maxAspect,
		RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT | enums.FPDF_RENDER_FLAG_LCD_TEXT,
		Crop:        crop,
	})
	if err != nil {
		r.faulted = true
		return pg, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	pg.Image = opaque(res.Result.RenderedImage) // a copy: the bitmap lives in PDFium's memory
	res.Cleanup()
	if err := ctx.Err(); err != nil {
		return pg, err
	}
	if strings.TrimSpace(passage) == "" {
		return pg, nil
	}
	// Where the drawing sits on the whole page drawn at the same scale.
	full := pg.Image.Bounds()
	if crop != nil {
		ratio := res.Result.PointToPixelRatio
		w, h := pageSize(r, ref)
		full = image.Rect(0, 0, int(w*ratio+0.5), int(h*ratio+0.5)).Sub(image.Pt(int(crop.X*ratio+0.5), int(crop.Y*ratio+0.5)))
	}
	if words != nil {
		pg.Boxes, pg.Found = locateWords(words, passage, full, pg.Image.Bounds())
	} else {
		pg.Boxes, pg.Found, err = r.locate(ref, passage, full, pg.Image.Bounds())
	}
	if err != nil {
		r.faulted = true
		return pg, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	tint(pg.Image, pg.Boxes)
	return pg, nil
}

// pageSize is the page's width and height in points, as drawn (rotated).
func pageSize(r *engine, page requests.Page) (w, h float64) {
	if pw, err := r.inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page}); err == nil {
		w = float64(pw.PageWidth)
	}
	if ph, err := r.inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page}); err == nil {
		h = float64(ph.PageHeight)
	}
	return w, h
}

// trimTo is the crop of a w × h point page to ink from x0 to x1 (points
// from the left), with margins, or nil when trimming gains little.
func trimTo(w, h, x0, x1 float64) *requests.RenderPageCrop {
	if x0 >= x1 {
		return nil
	}
	margin := w * marginShare
	left := max(0, x0-margin)
	right := min(w, x1+margin)
	if right-left > w*0.92 {
		return nil
	}
	if keep := w * minKept; right-left < keep { // little text: keep the page's shape
		mid := min(max((left+right)/2, keep/2), w-keep/2)
		left, right = mid-keep/2, mid+keep/2
	}
	return &requests.RenderPageCrop{X: left, Y: 0, Width: right - left, Height: h}
}

// minKept is the least share of the page width kept by trimming (at most
// a zoom of 1/minKept).
const minKept = 0.7

// marginShare is the margin kept on each side of trimmed content, as a
// share of the page width.
const marginShare = 0.025

// pagesText is "1 page" or "5 pages".
func pagesText(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// opaque copies src onto white.
func opaque(src image.Image) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Over)
	return dst
}

// locate finds passage in the page's text and returns the boxes it covers
// in the pixels of img, a drawing of the part of the page where full, the
// whole page drawn at the same scale, overlaps it.
func (r *engine) locate(page requests.Page, passage string, full, img image.Rectangle) ([]image.Rectangle, bool, error) {
	tp, err := r.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, false, err
	}
	defer r.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	chars, err := r.pageChars(tp.TextPage)
	if err != nil || len(chars) == 0 {
		return nil, false, err
	}
	text := fold(chars, nil)
	spans, found := locate(text.r, fold([]rune(passage), nil).r)
	pad := max(1, img.Dx()/400)
	size := full.Size()
	var boxes []image.Rectangle
	for _, sp := range spans {
		first, last := text.at[sp.start], text.at[sp.end-1]
		n, err := r.inst.FPDFText_CountRects(&requests.FPDFText_CountRects{TextPage: tp.TextPage, StartIndex: first, Count: last - first + 1})
		if err != nil {
			return nil, false, err
		}
		for i := range n.Count {
			rc, err := r.inst.FPDFText_GetRect(&requests.FPDFText_GetRect{TextPage: tp.TextPage, Index: i})
			if err != nil {
				return nil, false, err
			}
			x0, y0, err := r.toDevice(page, size, rc.Left, rc.Top)
			if err != nil {
				return nil, false, err
			}
			x1, y1, err := r.toDevice(page, size, rc.Right, rc.Bottom)
			if err != nil {
				return nil, false, err
			}
			box := image.Rect(x0, y0, x1, y1).Add(full.Min).Inset(-pad).Intersect(img)
			if !box.Empty() {
				boxes = append(boxes, box)
			}
		}
	}
	return boxes, found, nil
}

// pageChars is the page's text, one rune per PDFium character index.
func (r *engine) pageChars(tp references.FPDF_TEXTPAGE) ([]rune, error) {
	cnt, err := r.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp})
	if err != nil || cnt.Count <= 0 {
		return nil, err
	}
	t, err := r.inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp, Count: cnt.Count})
	if err != nil {
		return nil, err
	}
	chars := []rune(strings.TrimRight(t.Text, "\x00"))
	if len(chars) == cnt.Count {
		return chars, nil
	}
	// Characters outside the BMP come as two UTF-16 units: ask one by one.
	chars = make([]rune, cnt.Count)
	for i := range chars {
		u, err := r.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp, Index: i})
		if err != nil {
			return nil, err
		}
		chars[i] = rune(u.Unicode)
	}
	return chars, nil
}

// toDevice converts page coordinates (points, origin bottom left) to the
// pixels of a size-sized drawing of the page, taking the page's rotation
// and crop box into account.
func (r *engine) toDevice(page requests.Page, size image.Point, x, y float64) (int, int, error) {
	d, err := r.inst.FPDF_PageToDevice(&requests.FPDF_PageToDevice{
		Page: page, SizeX: size.X, SizeY: size.Y, Rotate: enums.FPDF_PAGE_ROTATION_NONE, PageX: x, PageY: y,
	})
	if err != nil {
		return 0, 0, err
	}
	return d.DeviceX, d.DeviceY, nil
}

// highlight is the highlighter's colour: the page is multiplied by it in
// the boxes, so white paper turns yellow and black text stays black.
var highlight = color.RGBA{R: 255, G: 232, B: 110, A: 255}

// tint multiplies the pixels inside boxes by highlight, once even where
// boxes overlap.
func tint(img *image.RGBA, boxes []image.Rectangle) {
	if len(boxes) == 0 {
		return
	}
	b := img.Bounds()
	mask := make([]bool, b.Dx()*b.Dy())
	for _, box := range boxes {
		box = box.Intersect(b)
		for y := box.Min.Y; y < box.Max.Y; y++ {
			row := (y - b.Min.Y) * b.Dx()
			for x := box.Min.X; x < box.Max.X; x++ {
				mask[row+x-b.Min.X] = true
			}
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := (y - b.Min.Y) * b.Dx()
		for x := b.Min.X; x < b.Max.X; x++ {
			if !mask[row+x-b.Min.X] {
				continue
			}
			i := img.PixOffset(x, y)
			p := img.Pix[i : i+3 : i+3]
			p[0] = uint8(uint16(p[0]) * uint16(highlight.R) / 255)
			p[1] = uint8(uint16(p[1]) * uint16(highlight.G) / 255)
			p[2] = uint8(uint16(p[2]) * uint16(highlight.B) / 255)
		}
	}
}

// maxObjects bounds the page objects looked at to trim margins; a page
// with more is not trimmed.
const maxObjects = 20000

// contentCrop is the page less its blank left and right margins (a
// margin of marginShare is kept), or nil when they are too narrow to be
// worth trimming. Where the ink is comes from the bounds of the page's
// objects and annotations (drawing the page small to look costs as much
// as drawing it, on pages with large images or many paths). A white
// rectangle under the whole page, as some producers draw, leaves the page
// untrimmed.
func (r *engine) contentCrop(page requests.Page) *requests.RenderPageCrop {
	w, h := pageSize(r, page)
	if w <= 0 || h <= 0 {
		return nil
	}
	c, err := r.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil || c.Count == 0 || c.Count > maxObjects {
		return nil
	}
	var ink struct{ l, b, r, t float32 } // in page space
	seen := false
	add := func(l, b, r, t float32) {
		if !seen {
			ink.l, ink.b, ink.r, ink.t, seen = l, b, r, t, true
			return
		}
		ink.l, ink.b, ink.r, ink.t = min(ink.l, l), min(ink.b, b), max(ink.r, r), max(ink.t, t)
	}
	for i := range c.Count {
		o, err := r.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			continue
		}
		if bb, err := r.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: o.PageObject}); err == nil {
			add(bb.Left, bb.Bottom, bb.Right, bb.Top)
		}
	}
	if n, err := r.inst.FPDFPage_GetAnnotCount(&requests.FPDFPage_GetAnnotCount{Page: page}); err == nil {
		for i := range min(n.Count, maxObjects) {
			a, err := r.inst.FPDFPage_GetAnnot(&requests.FPDFPage_GetAnnot{Page: page, Index: i})
			if err != nil {
				continue
			}
			if rc, err := r.inst.FPDFAnnot_GetRect(&requests.FPDFAnnot_GetRect{Annotation: a.Annotation}); err == nil {
				add(min(rc.Rect.Left, rc.Rect.Right), min(rc.Rect.Bottom, rc.Rect.Top), max(rc.Rect.Left, rc.Rect.Right), max(rc.Rect.Bottom, rc.Rect.Top))
			}
			_, _ = r.inst.FPDFPage_CloseAnnot(&requests.FPDFPage_CloseAnnot{Annotation: a.Annotation})
		}
	}
	if !seen {
		return nil
	}
	// To the drawn page's space (rotated, crop box applied), one unit a point.
	size := image.Pt(int(w+0.5), int(h+0.5))
	x0, x1 := size.X, 0
	for _, p := range [][2]float32{{ink.l, ink.b}, {ink.l, ink.t}, {ink.r, ink.b}, {ink.r, ink.t}} {
		x, _, err := r.toDevice(page, size, float64(p[0]), float64(p[1]))
		if err != nil {
			return nil
		}
		x0, x1 = min(x0, x), max(x1, x)
	}
	return trimTo(w, h, float64(max(x0, 0)), float64(min(x1, size.X)))
}
