package pdf

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// The content interpreter follows the text state of a page's content stream
// (PDF 32000-1 §9.4) and records every shown glyph with its position on the
// page. It replaces pdf.Page.Content, whose glyph widths are wrong for
// multi-byte fonts, which ignores word spacing, form XObjects and inline
// images, and which panics on the first malformed operator.

// glyph is one shown character code.
type glyph struct {
	x, y float64 // pen position before the glyph, in the glyph's reading frame
	w    float64 // advance along the line
	size float64 // font size (em height)
	text string  // Unicode text; empty if the code has no known mapping
	dir  uint8   // 0, 1, 2, 3: reading direction rotated by dir*90°
}

// affine is a PDF matrix [a b c d e f].
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// mul returns m×n: apply m, then n.
func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type textState struct {
	ctm                   affine
	tc, tw, th, tl, trise float64
	tfs                   float64
	font                  *fontInfo
	fonts                 pdf.Value // resources /Font of the current stream
	fontNames             map[string]*fontInfo
	xobjects              pdf.Value
}

// Limits per page, so that hostile files cost bounded time and memory.
const (
	maxContentBytes = 64 << 20
	maxGlyphs       = 1 << 20
	// MaxXObjectDepth bounds the nesting of form XObjects followed (PDFium's
	// image scan in ingest follows the same bound).
	MaxXObjectDepth = 12
	maxXObjectCalls = 4000
	maxGStack       = 512
)

// interp holds the state of one page's interpretation.
type interp struct {
	fontCache map[string]*fontInfo // by font dictionary, shared across pages
	crypt     *decrypter           // the document's, nil if not encrypted
	glyphs    []glyph
	calls     int
	err       error // first problem met; interpretation continues past it

	// Images painted: image XObjects and inline images, with the sum of
	// their areas on the page (in default user space units squared).
	images    int
	imageArea float64
}

// readStream returns the decoded data of a stream, at most limit bytes.
// Data read before a decoding error is returned with the error. A nil
// decrypter reads a file whose streams are not encrypted.
func (c *decrypter) readStream(v pdf.Value, limit int64) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stream: %v", r)
		}
	}()
	if c != nil {
		return c.stream(v, limit)
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, limit+1))
	if int64(len(data)) > limit {
		return data[:limit], ErrContentTooLarge
	}
	return data, err
}

// runPage interprets the page's content streams.
func (in *interp) runPage(contents, resources pdf.Value) {
	var data []byte
	if contents.Kind() == pdf.Array {
		for i := 0; i < contents.Len() && i < 10000; i++ {
			d, err := in.crypt.readStream(contents.Index(i), maxContentBytes-int64(len(data)))
			in.note(err)
			data = append(data, d...)
			data = append(data, '\n')
			if errors.Is(err, ErrContentTooLarge) {
				break
			}
		}
	} else {
		d, err := in.crypt.readStream(contents, maxContentBytes)
		in.note(err)
		data = d
	}
	st := &textState{ctm: identity, th: 1}
	st.setResources(resources)
	in.run(data, st, 0)
}

func (st *textState) setResources(res pdf.Value) {
	st.fonts = res.Key("Font")
	st.fontNames = map[string]*fontInfo{}
	st.xobjects = res.Key("XObject")
}

func (in *interp) note(err error) {
	if err != nil && in.err == nil {
		in.err = err
	}
}

// run interprets one content stream (a page's or a form XObject's).
func (in *interp) run(data []byte, st *textState, depth int) {
	defer func() {
		if r := recover(); r != nil {
			in.note(fmt.Errorf("content: %v", r))
		}
	}()

	var tm, tlm affine = identity, identity
	var stack []textState
	var args []operand
	l := lexer{b: data}
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].num
		}
		return 0
	}
	for len(in.glyphs) < maxGlyphs {
		v, op, ok := l.next(0)
		if !ok {
			break
		}
		if op == "" {
			if len(args) < maxOperands {
				args = append(args, v)
			}
			continue
		}
		n := len(args)
		switch op {
		case "q":
			if len(stack) < maxGStack {
				stack = append(stack, *st)
			}
		case "Q":
			if k := len(stack); k > 0 {
				*st = stack[k-1]
				stack = stack[:k-1]
			}
		case "cm":
			if n >= 6 {
				m := affine{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}
				st.ctm = m.mul(st.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			if n >= 1 {
				st.tc = num(n - 1)
			}
		case "Tw":
			if n >= 1 {
				st.tw = num(n - 1)
			}
		case "Tz":
			if n >= 1 {
				st.th = num(n-1) / 100
			}
		case "TL":
			if n >= 1 {
				st.tl = num(n - 1)
			}
		case "Ts":
			if n >= 1 {
				st.trise = num(n - 1)
			}
		case "Tf":
			if n >= 2 {
				st.font = in.font(st, args[n-2].str)
				st.tfs = num(n - 1)
			}
		case "Td", "TD":
			if n >= 2 {
				tx, ty := num(n-2), num(n-1)
				if op == "TD" {
					st.tl = -ty
				}
				tlm = affine{1, 0, 0, 1, tx, ty}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if n >= 6 {
				tm = affine{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}
				tlm = tm
			}
		case "T*":
			tlm = affine{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if n >= 1 {
				in.show(st, &tm, args[n-1].str)
			}
		case "'":
			tlm = affine{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
			tm = tlm
			if n >= 1 {
				in.show(st, &tm, args[n-1].str)
			}
		case "\"":
			if n >= 3 {
				st.tw, st.tc = num(n-3), num(n-2)
			}
			tlm = affine{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
			tm = tlm
			if n >= 1 {
				in.show(st, &tm, args[n-1].str)
			}
		case "TJ":
			if n >= 1 {
				for _, e := range args[n-1].arr {
					switch e.kind {
					case kStr:
						in.show(st, &tm, e.str)
					case kNum:
						tx := -e.num / 1000 * st.tfs * st.th
						tm[4] += tx * tm[0]
						tm[5] += tx * tm[1]
					}
				}
			}
		case "Do":
			if n >= 1 && args[n-1].kind == kName {
				in.doXObject(st, args[n-1].str, depth)
			}
		case "ID":
			l.skipInlineImage()
			w, h := -1.0, -1.0
			for i := 0; i+1 < n; i++ {
				if args[i].kind == kName && args[i+1].kind == kNum {
					switch args[i].str {
					case "W", "Width":
						w = args[i+1].num
					case "H", "Height":
						h = args[i+1].num
					}
				}
			}
			in.image(st.ctm, w, h)
		}
		args = args[:0]
	}
}

// font returns the decoded font for a resource name.
func (in *interp) font(st *textState, name string) *fontInfo {
	if f, ok := st.fontNames[name]; ok {
		return f
	}
	v := st.fonts.Key(name)
	var f *fontInfo
	if v.Kind() == pdf.Dict {
		// The printed dictionary names its indirect parts by object
		// number, so it identifies the font across pages cheaply.
		key := v.String()
		if f = in.fontCache[key]; f == nil {
			f = newFontInfo(in.crypt, v)
			in.fontCache[key] = f
		}
	} else {
		f = &fontInfo{scale: 0.001, height: 1, libEnc: latin1Encoding{}}
	}
	st.fontNames[name] = f
	return f
}

// show records the glyphs of one shown string and advances the text matrix.
func (in *interp) show(st *textState, tm *affine, s string) {
	f := st.font
	if f == nil {
		f = &fontInfo{scale: 0.001, height: 1, libEnc: latin1Encoding{}}
		st.font = f
	}
	m := tm.mul(st.ctm)
	ux, uy := m[0], m[1] // text-space x unit in device space
	vlen := math.Hypot(m[2], m[3])
	ulen := math.Hypot(ux, uy)
	if ulen == 0 || math.IsNaN(ulen) || math.IsInf(ulen, 0) {
		return
	}
	dir := uint8(0)
	switch {
	case math.Abs(ux) >= math.Abs(uy):
		if ux < 0 {
			dir = 2
		}
	case uy > 0:
		dir = 1
	default:
		dir = 3
	}
	size := math.Abs(st.tfs) * vlen * f.height
	if size == 0 {
		size = math.Abs(st.tfs) * ulen
	}
	for len(s) > 0 && len(in.glyphs) < maxGlyphs {
		code := f.nextCode(s)
		s = s[len(code):]
		w0 := f.width(code) * f.scale
		adv := w0 * st.tfs * st.th
		tx := (w0*st.tfs + st.tc) * st.th
		if len(code) == 1 && code[0] == ' ' {
			tx += st.tw * st.th
		}
		// Glyph origin: (0, Trise) in text space.
		x := m[2]*st.trise + m[4]
		y := m[3]*st.trise + m[5]
		x, y = rotate(x, y, dir)
		in.glyphs = append(in.glyphs, glyph{
			x: x, y: y, w: math.Abs(adv) * ulen, size: size,
			text: f.text(code), dir: dir,
		})
		m[4] += tx * ux
		m[5] += tx * uy
		tm[4] += tx * tm[0]
		tm[5] += tx * tm[1]
	}
}

// rotate maps device coordinates into the reading frame of direction dir,
// where text runs towards +x and lines follow each other towards -y.
func rotate(x, y float64, dir uint8) (float64, float64) {
	switch dir {
	case 1:
		return y, -x
	case 2:
		return -x, -y
	case 3:
		return -y, x
	}
	return x, y
}

// doXObject runs a form XObject.
func (in *interp) doXObject(st *textState, name string, depth int) {
	if depth >= MaxXObjectDepth || in.calls >= maxXObjectCalls {
		return
	}
	xo := st.xobjects.Key(name)
	if xo.Kind() != pdf.Stream {
		return
	}
	switch xo.Key("Subtype").Name() {
	case "Image":
		in.image(st.ctm, pixels(xo.Key("Width")), pixels(xo.Key("Height")))
		return
	case "Form":
	default:
		return
	}
	in.calls++
	data, err := in.crypt.readStream(xo, maxContentBytes)
	in.note(err)
	if len(data) == 0 {
		return
	}
	sub := *st
	if mv := xo.Key("Matrix"); mv.Len() == 6 {
		var m affine
		for i := range m {
			m[i] = mv.Index(i).Float64()
		}
		sub.ctm = m.mul(st.ctm)
	}
	// Old files let forms inherit the resources of the page.
	if res := xo.Key("Resources"); res.Kind() == pdf.Dict {
		sub.setResources(res)
	}
	in.run(data, &sub, depth+1)
}

// pixels reads an image dimension, -1 if it is missing.
func pixels(v pdf.Value) float64 {
	if v.Kind() != pdf.Integer && v.Kind() != pdf.Real {
		return -1
	}
	return v.Float64()
}

// MinImagePixels is the size below which an image is not counted: a
// 1×1 image stretched over the page is a background colour, and an icon
// of a few pixels holds no legible words.
const MinImagePixels = 1024

// image records an image of w×h pixels (negative if unknown) painted with
// the current matrix: the unit square mapped to the page.
func (in *interp) image(ctm affine, w, h float64) {
	if w >= 0 && h >= 0 && (w*h < MinImagePixels || max(w, h) < 32) {
		return
	}
	in.images++
	if a := math.Abs(ctm[0]*ctm[3] - ctm[1]*ctm[2]); !math.IsNaN(a) && !math.IsInf(a, 0) {
		in.imageArea += a
	}
}

// maxAnnotations bounds the annotations read per page.
const maxAnnotations = 2000

// runAnnotations draws the normal appearance of the page's annotations
// (form field values, free-text notes, stamps), as viewers and poppler do.
// Links, popups and hidden annotations are skipped.
func (in *interp) runAnnotations(annots pdf.Value) {
	defer func() {
		if r := recover(); r != nil {
			in.note(fmt.Errorf("annotations: %v", r))
		}
	}()
	for i := 0; i < annots.Len() && i < maxAnnotations && len(in.glyphs) < maxGlyphs; i++ {
		a, ok := safeIndex(annots, i)
		if !ok || a.Kind() != pdf.Dict {
			continue
		}
		switch a.Key("Subtype").Name() {
		case "Link", "Popup":
			continue
		}
		if a.Key("F").Int64()&2 != 0 { // hidden
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			ap = ap.Key(a.Key("AS").Name())
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		data, err := in.crypt.readStream(ap, maxContentBytes)
		in.note(err)
		if len(data) == 0 {
			continue
		}
		// Place the appearance's bounding box at the annotation's
		// rectangle (PDF 32000-1 §12.5.5, without scaling).
		st := &textState{ctm: identity, th: 1}
		st.setResources(ap.Key("Resources"))
		rect, bbox := a.Key("Rect"), ap.Key("BBox")
		var m affine = identity
		if mv := ap.Key("Matrix"); mv.Len() == 6 {
			for k := range m {
				m[k] = mv.Index(k).Float64()
			}
		}
		dx := rect.Index(0).Float64() - (bbox.Index(0).Float64()*m[0] + bbox.Index(1).Float64()*m[2] + m[4])
		dy := rect.Index(1).Float64() - (bbox.Index(0).Float64()*m[1] + bbox.Index(1).Float64()*m[3] + m[5])
		m[4] += dx
		m[5] += dy
		st.ctm = m
		in.run(data, st, 1)
	}
}
