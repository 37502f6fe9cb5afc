package pdf

import "testing"

// glyphRun lays out s as glyphs of width w starting at x on baseline y,
// one glyph per letter; a space in s becomes a gap of gap em instead.
func glyphRun(s string, x, y, w, gap float64) []glyph {
	var out []glyph
	for _, r := range s {
		if r == ' ' {
			x += gap * 10
			continue
		}
		out = append(out, glyph{x: x, y: y, w: w, size: 10, text: string(r)})
		x += w
	}
	return out
}

func TestLayoutWords(t *testing.T) {
	tests := []struct {
		name   string
		glyphs []glyph
		want   string
	}{
		{"kerned letters stay one word", glyphRun("Objects", 0, 700, 5, 0), "Objects"},
		{"gap of a third em is a space", glyphRun("their modes", 0, 700, 5, 0.33), "their modes"},
		{"gap of a tenth em is kerning", glyphRun("their modes", 0, 700, 5, 0.1), "theirmodes"},
		{"new baseline is a new line", append(glyphRun("one", 0, 700, 5, 0), glyphRun("two", 0, 688, 5, 0)...), "one\ntwo"},
		{"big drop is a paragraph", append(glyphRun("one", 0, 700, 5, 0), glyphRun("two", 0, 650, 5, 0)...), "one\n\ntwo"},
		{"table cells stay on their row", append(glyphRun("Mass", 0, 700, 5, 0), glyphRun("84.5 kg", 200, 700, 5, 0.3)...), "Mass 84.5 kg"},
	}
	for _, tc := range tests {
		if got := layoutPage(tc.glyphs); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
