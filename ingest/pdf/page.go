package pdf

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/ledongthuc/pdf"
)

// NumPages is the number of pages the document declares (at least the
// pages found in its page tree).
func (d *Document) NumPages() int { return max(d.numPages, len(d.pages)) }

// Readable is the number of pages found in the page tree, which Page can
// read: 0 when the tree is broken although the document names a count.
func (d *Document) Readable() int { return len(d.pages) }

// Repaired reports whether the cross-reference table was broken and had
// to be rebuilt by scanning the file.
func (d *Document) Repaired() bool { return d.repaired }

// Stats is what the reader saw on a page besides its text.
type Stats struct {
	Glyphs    int     // glyphs shown
	Unmapped  int     // glyphs without a known text
	Advance   float64 // median advance of a glyph in ems (about 0.5 when sizes are right)
	Images    int     // images painted
	ImageArea float64 // their summed area
	PageArea  float64 // the page's media box area, 0 if unknown
}

// maxFontCache bounds the decoded fonts kept between pages.
const maxFontCache = 5000

// Page returns the raw layout text of page n (1-based, at most Readable).
// err reports a fault met on the page; the text read before it is still
// returned.
func (d *Document) Page(n int) (raw string, st Stats, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("page: %v", r)
		}
	}()
	if d.fonts == nil || len(d.fonts) > maxFontCache {
		d.fonts = map[string]*fontInfo{}
	}
	p := d.pages[n-1]
	st.PageArea = boxArea(p.mediaBox)
	in := &interp{fontCache: d.fonts, crypt: d.crypt}
	defer func() {
		st.Glyphs, st.Images, st.ImageArea = len(in.glyphs), in.images, in.imageArea
		st.Unmapped = 0
		for i := range in.glyphs {
			if in.glyphs[i].text == "" {
				st.Unmapped++
			}
		}
	}()
	contents, ok := safeKey(p.v, "Contents")
	if !ok {
		return "", st, errors.New("page: unreadable contents")
	}
	in.runPage(contents, p.resources)
	if annots, ok := safeKey(p.v, "Annots"); ok && annots.Len() > 0 {
		in.runAnnotations(annots)
	}
	st.Advance = medianAdvance(in.glyphs)
	return layoutPage(in.glyphs), st, in.err
}

// medianAdvance is the median advance width of the glyphs that have text,
// relative to their font size; 0 if there are none.
func medianAdvance(glyphs []glyph) float64 {
	var v []float64
	for i := range glyphs {
		g := &glyphs[i]
		if g.size > 0 && g.text != "" && g.text != " " && len(v) < 5000 {
			v = append(v, g.w/g.size)
		}
	}
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// boxArea is the area of a rectangle array, 0 if it is not one.
func boxArea(box pdf.Value) (area float64) {
	defer func() {
		if recover() != nil {
			area = 0
		}
	}()
	if box.Kind() != pdf.Array || box.Len() != 4 {
		return 0
	}
	a := math.Abs((box.Index(2).Float64() - box.Index(0).Float64()) * (box.Index(3).Float64() - box.Index(1).Float64()))
	if math.IsNaN(a) || math.IsInf(a, 0) {
		return 0
	}
	return a
}
