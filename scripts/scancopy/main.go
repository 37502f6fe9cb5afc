// Command scancopy makes image-only copies of PDFs, as a scanner would:
// every page is drawn in grey by PDFium, compressed as a JPEG and wrapped
// alone on a page of the same size, with no text layer. Quire's OCR
// evaluation asks the same questions of the copies as of the originals.
//
//	go run ./scripts/scancopy -dpi 200 -out /tmp/scans DIR-or-PDF...
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"

	"quire/render"
)

func main() {
	dpi := flag.Float64("dpi", 200, "resolution of the scan")
	quality := flag.Int("quality", 75, "JPEG quality")
	out := flag.String("out", "", "folder for the copies (required)")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: scancopy -out DIR [-dpi 200] PDF-or-DIR...")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	r := render.New(render.Options{})
	defer r.Close()
	for _, p := range pdfs(flag.Args()) {
		dst := filepath.Join(*out, filepath.Base(p))
		n, err := scan(r, p, dst, *dpi, *quality)
		if err != nil {
			fail(fmt.Errorf("%s: %w", p, err))
		}
		fmt.Printf("%s: %d pages\n", dst, n)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scancopy:", err)
	os.Exit(1)
}

// pdfs expands folders into their PDF files.
func pdfs(args []string) []string {
	var out []string
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			m, _ := filepath.Glob(filepath.Join(a, "*.pdf"))
			out = append(out, m...)
			continue
		}
		out = append(out, a)
	}
	return out
}

// scan writes the image-only copy of src to dst and returns its pages.
func scan(r *render.Renderer, src, dst string, dpi float64, quality int) (int, error) {
	var pages []page
	for n := 1; ; n++ {
		sc, err := r.Raster(context.Background(), src, n, render.RasterOptions{DPI: dpi})
		img, used := sc.Img, sc.DPI
		if err != nil {
			if n > 1 && errors.Is(err, render.ErrNoPage) {
				break
			}
			return 0, err
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
			return 0, err
		}
		pages = append(pages, page{jpeg: buf.Bytes(), px: img.Bounds().Size(), dpi: used})
	}
	f, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return len(pages), writePDF(f, pages)
}

type page struct {
	jpeg []byte
	px   image.Point
	dpi  float64
}

// writePDF writes pages as a PDF of one image each: objects 1 (catalog)
// and 2 (page tree), then per page its page, content and image objects.
func writePDF(w io.Writer, pages []page) error {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", len(pages), strings.Join(kids, " ")), nil)
	for i, p := range pages {
		w, h := float64(p.px.X)*72/p.dpi, float64(p.px.Y)*72/p.dpi
		content := []byte(fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h))
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, 5+3*i, 4+3*i), nil)
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", p.px.X, p.px.Y, len(p.jpeg)), p.jpeg)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	_, err := w.Write(b.Bytes())
	return err
}
