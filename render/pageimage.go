package render

import (
	"image"
	"math"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// A page is a scan when it holds one object, an image that covers it
// whole: within wholeSlack of the page's size on every side.
const wholeSlack = 0.02

// minEmbeddedDPI is the lowest resolution of a page's own image that OCR
// reads as it is; a coarser scan is drawn at the asked resolution, which
// enlarges it (Tesseract reads type of too few pixels badly).
const minEmbeddedDPI = 150

// pageImage returns the page's own image when the page is a scan whose
// image is at most dpi (times 1.1, for scanners' odd resolutions) and at
// least minEmbeddedDPI; ok is false when the page must be drawn instead.
// w and h are the page's size in points.
func (r *engine) pageImage(page requests.Page, w, h, dpi float64) (sc Scan, ok bool) {
	if rot, err := r.inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page}); err != nil || rot.PageRotation != enums.FPDF_PAGE_ROTATION_NONE {
		return Scan{}, false
	}
	n, err := r.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil || n.Count != 1 {
		return Scan{}, false
	}
	obj, err := r.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: 0})
	if err != nil {
		return Scan{}, false
	}
	if t, err := r.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject}); err != nil || t.Type != enums.FPDF_PAGEOBJ_IMAGE {
		return Scan{}, false
	}
	if !r.coversPage(page, obj.PageObject, w, h) {
		return Scan{}, false
	}
	px, err := r.inst.FPDFImageObj_GetImagePixelSize(&requests.FPDFImageObj_GetImagePixelSize{ImageObject: obj.PageObject})
	if err != nil || px.Width == 0 || px.Height == 0 || float64(px.Width)*float64(px.Height) > maxRasterPixels {
		return Scan{}, false
	}
	imgDPI := float64(px.Width) * 72 / w
	if imgDPI > dpi*1.1 || imgDPI < minEmbeddedDPI {
		return Scan{}, false
	}
	// The image as stored, at its own size: PDFium applies neither its
	// matrix (hence upright only) nor a mask (a scan has none).
	if m, err := r.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj.PageObject}); err != nil ||
		m.Matrix.A <= 0 || m.Matrix.D <= 0 || m.Matrix.B != 0 || m.Matrix.C != 0 {
		return Scan{}, false
	}
	bm, err := r.inst.FPDFImageObj_GetBitmap(&requests.FPDFImageObj_GetBitmap{ImageObject: obj.PageObject})
	if err != nil {
		return Scan{}, false
	}
	defer r.inst.FPDFBitmap_Destroy(&requests.FPDFBitmap_Destroy{Bitmap: bm.Bitmap})
	img, ok := r.grey(bm.Bitmap)
	if !ok {
		return Scan{}, false
	}
	return Scan{Img: img, DPI: math.Round(float64(img.Bounds().Dx()) * 72 / w), Embedded: true}, true
}

// coversPage reports whether obj's bounds are the page's visible box,
// within wholeSlack.
func (r *engine) coversPage(page requests.Page, obj references.FPDF_PAGEOBJECT, w, h float64) bool {
	box, err := r.inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page})
	if err != nil {
		return false
	}
	b, err := r.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj})
	if err != nil {
		return false
	}
	near := func(a, b float32, size float64) bool { return math.Abs(float64(a-b)) <= wholeSlack*size }
	pb := box.Rect
	return near(b.Left, pb.Left, w) && near(b.Right, pb.Right, w) && near(b.Bottom, pb.Bottom, h) && near(b.Top, pb.Top, h)
}

// grey copies a PDFium bitmap into a grey image, over white where it is
// transparent.
func (r *engine) grey(bm references.FPDF_BITMAP) (*image.Gray, bool) {
	f, err1 := r.inst.FPDFBitmap_GetFormat(&requests.FPDFBitmap_GetFormat{Bitmap: bm})
	wd, err2 := r.inst.FPDFBitmap_GetWidth(&requests.FPDFBitmap_GetWidth{Bitmap: bm})
	ht, err3 := r.inst.FPDFBitmap_GetHeight(&requests.FPDFBitmap_GetHeight{Bitmap: bm})
	st, err4 := r.inst.FPDFBitmap_GetStride(&requests.FPDFBitmap_GetStride{Bitmap: bm})
	buf, err5 := r.inst.FPDFBitmap_GetBuffer(&requests.FPDFBitmap_GetBuffer{Bitmap: bm})
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || wd.Width <= 0 || ht.Height <= 0 {
		return nil, false
	}
	var bpp int
	switch f.Format {
	case enums.FPDF_BITMAP_FORMAT_GRAY:
		bpp = 1
	case enums.FPDF_BITMAP_FORMAT_BGR:
		bpp = 3
	case enums.FPDF_BITMAP_FORMAT_BGRX, enums.FPDF_BITMAP_FORMAT_BGRA:
		bpp = 4
	default:
		return nil, false
	}
	w, h, stride, src := wd.Width, ht.Height, st.Stride, buf.Buffer
	if stride < w*bpp || len(src) < stride*h {
		return nil, false
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		row := src[y*stride:]
		out := img.Pix[y*img.Stride:]
		for x := range w {
			if bpp == 1 {
				out[x] = row[x]
				continue
			}
			p := row[x*bpp:]
			v := (114*uint32(p[0]) + 587*uint32(p[1]) + 299*uint32(p[2]) + 500) / 1000
			if f.Format == enums.FPDF_BITMAP_FORMAT_BGRA {
				a := uint32(p[3])
				v = (v*a + 255*(255-a) + 127) / 255
			}
			out[x] = uint8(v)
		}
	}
	return img, true
}
