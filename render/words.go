package render

import (
	"image"
	"math"
)

// Word is a word of a page read by OCR, with its box in fractions of the
// page's width and height from its top left corner (0–1).
type Word struct {
	Text           string
	X0, Y0, X1, Y1 float64
}

// locateWords finds passage among the words of an OCR'd page, as locate
// does in a text layer, and returns the boxes of the words it covers in
// the pixels of img (a drawing of the part of the page where full, the
// whole page at the same scale, overlaps it). Neighbouring words of one
// line make one box, so the highlight reads as a marker stroke.
func locateWords(words []Word, passage string, full, img image.Rectangle) ([]image.Rectangle, bool) {
	var runes []rune
	var at []int
	for i, w := range words {
		for _, r := range w.Text {
			runes = append(runes, r)
			at = append(at, i)
		}
		runes = append(runes, ' ')
		at = append(at, i)
	}
	text := fold(runes, at)
	spans, found := locate(text.r, fold([]rune(passage), nil).r)
	pad := max(1, img.Dx()/400)
	size := full.Size()
	var boxes []image.Rectangle
	for _, sp := range spans {
		first, last := text.at[sp.start], text.at[sp.end-1]
		var line image.Rectangle
		for i := first; i <= last; i++ {
			w := words[i]
			box := image.Rect(px(w.X0, size.X), px(w.Y0, size.Y), px(w.X1, size.X), px(w.Y1, size.Y)).Add(full.Min)
			if !line.Empty() && sameLine(line, box) {
				line = line.Union(box)
				continue
			}
			boxes = appendBox(boxes, line, pad, img)
			line = box
		}
		boxes = appendBox(boxes, line, pad, img)
	}
	return boxes, found
}

func px(f float64, n int) int { return int(math.Round(f * float64(n))) }

// sameLine reports whether box continues line: it overlaps it vertically
// by half its height and starts to its right.
func sameLine(line, box image.Rectangle) bool {
	overlap := min(line.Max.Y, box.Max.Y) - max(line.Min.Y, box.Min.Y)
	return overlap*2 >= min(line.Dy(), box.Dy()) && box.Min.X >= line.Min.X
}

func appendBox(boxes []image.Rectangle, box image.Rectangle, pad int, img image.Rectangle) []image.Rectangle {
	if box.Empty() {
		return boxes
	}
	if b := box.Inset(-pad).Intersect(img); !b.Empty() {
		boxes = append(boxes, b)
	}
	return boxes
}
