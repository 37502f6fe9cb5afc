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

// RasterOptions say how Raster draws a page.
type RasterOptions struct {
	DPI float64 // dots per inch
	// Embedded: when the page is a scan — one image covering the whole
	// page, nothing else on it, at no more than DPI — return that image at
	// its own resolution instead of drawing the page (no scaling, and
	// PDFium only decodes it).
	Embedded bool
}

// Scan is a page in grey, drawn or taken from the page's own image.
type Scan struct {
	Img      *image.Gray
	DPI      float64 // its resolution on the page
	Embedded bool    // it is the page's own image, not a drawing
}

// Raster draws page (1-based) of the PDF at path in grey, with no
// highlight, for OCR. A page too large for maxRasterPixels at o.DPI is
// drawn at the largest resolution that fits. It obeys the same deadline
// and sandbox as Page.
func (r *engine) Raster(ctx context.Context, path string, page int, o RasterOptions) (Scan, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return Scan{}, errClosed
	}
	if err := ctx.Err(); err != nil {
		return Scan{}, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return Scan{}, statError(path, err)
	}
	if r.inst == nil {
		if err := r.start(ctx); err != nil {
			return Scan{}, err
		}
	}
	deadline := time.Now().Add(r.opts.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	budget := time.Until(deadline)
	timer := time.AfterFunc(budget, r.stop)
	sc, err := r.raster(path, st, page, o)
	if !timer.Stop() {
		r.reset()
		if err == nil {
			return sc, nil
		}
		if ctx.Err() != nil {
			return Scan{}, ctx.Err()
		}
		return Scan{}, fmt.Errorf("%w: it took longer than %v", ErrDraw, budget.Round(100*time.Millisecond))
	}
	return sc, err
}

// raster does the work of Raster inside PDFium. r.mu is held.
func (r *engine) raster(path string, st os.FileInfo, page int, o RasterOptions) (sc Scan, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: PDFium failed: %v", ErrDraw, p)
		}
	}()
	d, err := r.doc(path, st)
	if err != nil {
		return Scan{}, err
	}
	if page < 1 || page > d.pages {
		return Scan{}, fmt.Errorf("%w: the file has %s, not %d", ErrNoPage, pagesText(d.pages), page)
	}
	lp, err := r.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: page - 1})
	if err != nil {
		return Scan{}, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	defer r.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}
	w, h := pageSize(r, ref)
	if w <= 0 || h <= 0 {
		return Scan{}, fmt.Errorf("%w: the page has no size", ErrDraw)
	}
	if o.Embedded {
		if sc, ok := r.pageImage(ref, w, h, o.DPI); ok {
			return sc, nil
		}
	}
	dpi := o.DPI
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
		return Scan{}, fmt.Errorf("%w: %v", ErrDraw, err)
	}
	defer res.Cleanup()
	src := res.Result.RenderedImage
	b := src.Bounds()
	// A copy: the bitmap lives in PDFium's memory until Cleanup.
	img := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), src, b.Min, draw.Src)
	return Scan{Img: img, DPI: float64(int(dpi))}, nil
}
