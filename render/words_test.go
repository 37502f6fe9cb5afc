package render

import (
	"image"
	"testing"
)

// A passage read by OCR is found among the page's words, whatever the
// spacing and hyphenation, and each line it covers is one box.
func TestLocateWords(t *testing.T) {
	words := []Word{
		{"Notice", 0.10, 0.10, 0.20, 0.12}, {"periods:", 0.21, 0.10, 0.33, 0.12},
		{"the", 0.10, 0.13, 0.14, 0.15}, {"tenant", 0.15, 0.13, 0.25, 0.15}, {"gives", 0.26, 0.13, 0.34, 0.15},
		{"three", 0.10, 0.16, 0.18, 0.18}, {"months'", 0.19, 0.16, 0.30, 0.18}, {"no-", 0.31, 0.16, 0.36, 0.18},
		{"tice.", 0.10, 0.19, 0.17, 0.21}, {"Rent", 0.18, 0.19, 0.25, 0.21},
	}
	full := image.Rect(0, 0, 1000, 1400)
	boxes, found := locateWords(words, "the tenant gives three months’ notice.", full, full)
	if !found {
		t.Fatalf("passage not found; boxes %v", boxes)
	}
	if len(boxes) != 3 {
		t.Fatalf("%d boxes, want one per line (3): %v", len(boxes), boxes)
	}
	if b := boxes[0]; b.Min.X > 100 || b.Max.X < 340 || b.Min.Y > 182 || b.Max.Y < 210 {
		t.Errorf("first line box %v does not cover the tenant gives", b)
	}
	if b := boxes[2]; b.Max.X > 180+5 {
		t.Errorf("last box %v runs into Rent", b)
	}
	if _, found := locateWords(words, "an unrelated sentence about gardening and weather", full, full); found {
		t.Error("an absent passage was found")
	}
}
