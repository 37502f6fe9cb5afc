package pdf

import (
	"math"
	"sort"
	"strings"
)

// Layout turns positioned glyphs back into words and lines.
//
// Glyphs are taken in content-stream order, which for nearly all producers
// is reading order (column by column for multi-column pages, row by row for
// tables). A horizontal gap wider than wordGap em between one glyph's end and
// the next glyph's start is a space; a move to another baseline starts a new
// line; a vertical jump larger than paraGap line heights, or a jump back up
// the page, starts a new paragraph (blank line).
const (
	wordGap      = 0.2  // em; wider gaps between glyphs are spaces
	sameLine     = 0.5  // em; baselines closer than this are one line
	paraGap      = 1.65 // em; baseline distance that makes a blank line
	backTrack    = 0.6  // em; a move this far left on one baseline is a new line
	dupTolerance = 0.15 // em; a repeated glyph this close is fake bold
)

// textLine is one visual line being assembled.
type textLine struct {
	y, x0, x1 float64
	size      float64
	b         strings.Builder
	n         int // glyphs with text
}

// layoutPage returns the page text: one line per visual line, blank lines
// between paragraphs.
func layoutPage(glyphs []glyph) string {
	if len(glyphs) == 0 {
		return ""
	}
	// Reading direction groups: upright text first, then rotated text.
	var counts [4]int
	for i := range glyphs {
		counts[glyphs[i].dir&3]++
	}
	var out strings.Builder
	order := []uint8{0, 1, 3, 2}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]] > counts[order[j]] })
	for _, d := range order {
		if counts[d] == 0 {
			continue
		}
		group := glyphs
		if counts[d] != len(glyphs) {
			group = make([]glyph, 0, counts[d])
			for _, g := range glyphs {
				if g.dir&3 == d {
					group = append(group, g)
				}
			}
		}
		lines := buildLines(group)
		if out.Len() > 0 && len(lines) > 0 {
			out.WriteString("\n\n")
		}
		writeLines(&out, lines)
	}
	return out.String()
}

// buildLines groups glyphs into visual lines, in content order.
func buildLines(glyphs []glyph) []*textLine {
	var lines []*textLine
	var cur *textLine
	var last glyph
	pendingSpace := false
	haveLast := false
	for _, g := range glyphs {
		size := g.size
		if size <= 0 || math.IsNaN(size) || math.IsInf(size, 0) {
			size = 10
		}
		blank := strings.TrimSpace(g.text) == "" && g.text != ""
		if cur != nil {
			em := math.Max(size, cur.size)
			dy := math.Abs(g.y - cur.y)
			if dy < sameLine*em && g.x > cur.x1-backTrack*em {
				// Same line.
				if haveLast && !blank && g.text != "" && g.text == last.text &&
					math.Abs(g.x-last.x) < dupTolerance*em && math.Abs(g.y-last.y) < dupTolerance*em {
					continue // overprinted (fake bold) glyph
				}
				if blank {
					pendingSpace = true
					cur.x1 = math.Max(cur.x1, g.x+g.w)
					continue
				}
				if g.text == "" { // unmapped code: keeps position only
					cur.x1 = math.Max(cur.x1, g.x+g.w)
					continue
				}
				gap := g.x - cur.x1
				if (pendingSpace || gap > wordGap*math.Min(size, cur.size)) && cur.n > 0 {
					cur.b.WriteByte(' ')
				}
				pendingSpace = false
				cur.b.WriteString(g.text)
				cur.n++
				cur.x1 = math.Max(cur.x1, g.x+g.w)
				if g.size > cur.size && dy < 0.2*em {
					cur.size = g.size
				}
				last, haveLast = g, true
				continue
			}
		}
		if blank || g.text == "" {
			continue
		}
		cur = &textLine{y: g.y, x0: g.x, x1: g.x + g.w, size: size}
		cur.b.WriteString(g.text)
		cur.n = 1
		lines = append(lines, cur)
		last, haveLast = g, true
		pendingSpace = false
	}
	return lines
}

// writeLines writes lines with blank lines between paragraphs.
func writeLines(out *strings.Builder, lines []*textLine) {
	for i, ln := range lines {
		if i > 0 {
			prev := lines[i-1]
			em := math.Max(prev.size, ln.size)
			down := prev.y - ln.y
			if down > paraGap*em || down < -sameLine*em || math.Abs(prev.size-ln.size) > 0.25*em {
				out.WriteString("\n\n")
			} else {
				out.WriteByte('\n')
			}
		}
		out.WriteString(ln.b.String())
	}
}
