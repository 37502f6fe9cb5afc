package render

import (
	"context"
	"fmt"
	"image"
	"image/draw"
	"math"
	"os"
	"time"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/requests"
)

// maxRasterPixels bounds a page drawn for OCR (about A3 at 300 dpi), so a
// poster-sized page is drawn at a lower resolution rather than as a
// bitmap of hundreds of megabytes.
const maxRasterPixels = 5000 * 3600

// Raster draws page (1-based) of the PDF at path in grey at dpi dots per
// inch, with no highlight, for OCR. A page too large for maxRasterPixels
// at that resolution is drawn at the largest resolution that fits;
// the resolution used is returned. It obeys the same deadline and
// sandbox as Page.
func (r *Renderer) Raster(ctx context.Context, path string, page int, dpi float64) (*image.Gray, float64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, 0, errClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, statError(path, err)
	}
	if r.inst == nil {
		if err := r.start(ctx); err != nil {
			return nil, 0, err
		}
	}
	deadline := time.Now().Add(r.opts.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	budget := time.Until(deadline)
	timer := time.AfterFunc(budget, r.stop)
	img, used, err := r.raster(path, st, page, dpi)
	if !timer.Stop() {
		r.reset()
		if err == nil {
			return img, used, nil
		}
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		return nil, 0, fmt.Errorf("%w: it took longer than %v", ErrDraw, budget.Round(100*time.Millisecond))
	}
	return img, used, err
}

// raster does the work of Raster inside PDFium. r.mu is held.
func (r *Renderer) raster(path string, st os.FileInfo, page int, dpi float64) (img *image.Gray, used float64, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: PDFium failed: %v", ErrDraw, p)
		}
	}()
	d, err := r.doc(path, st)
	if err != nil {
		return nil, 0, err
	}
	if page < 1 || page > d.pages {
		return nil, 0, fmt.Errorf("%w: the file has %s, not %d", ErrNoPage, pagesText(d.pages), page)
	}
	lp, err := r.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: page - 1})
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	defer r.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}
	w, h := pageSize(r, ref)
	if w <= 0 || h <= 0 {
		return nil, 0, fmt.Errorf("%w: the page has no size", ErrDraw)
	}
	if px := w * h * dpi * dpi / (72 * 72); px > maxRasterPixels {
		dpi = 72 * math.Sqrt(maxRasterPixels/(w*h))
	}
	res, err := r.inst.RenderPageInDPI(&requests.RenderPageInDPI{
		Page:        ref,
		DPI:         int(dpi),
		RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT | enums.FPDF_RENDER_FLAG_PRINTING,
		ImageFormat: requests.RenderImageFormatGrayscale,
	})
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	defer res.Cleanup()
	src := res.Result.RenderedImage
	b := src.Bounds()
	// A copy: the bitmap lives in PDFium's memory until Cleanup.
	img = image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), src, b.Min, draw.Src)
	return img, float64(int(dpi)), nil
}
