package render

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Locating a passage in a page's text. The passage comes from Quire's own
// extractor and the page text from PDFium, so the two differ in spacing,
// line breaks, hyphenation at line ends, ligatures (ﬁ against fi), quotes
// and dashes, and sometimes in the order of table cells. Both are reduced
// to their letters and digits, folded (NFKC, lower case), and compared
// character by character: whatever the two extractors disagree on between
// words then no longer matters.

// minRun is the shortest run of letters and digits (about three words)
// highlighted when the passage is not all on the page; shorter runs are
// mostly common words found by chance.
const minRun = 16

// minPiece is the shortest run looked for at all: shorter runs count only
// when, with the others, they make up the whole passage (table cells that
// PDFium gives in another order than our extractor).
const minPiece = 4

// maxRuns bounds the pieces a passage is highlighted in.
const maxRuns = 40

// maxWork bounds the comparisons spent on one passage (each run found
// costs the product of the passage's and the page's letters and digits):
// about 50 ms.
const maxWork = 60_000_000

// maxPassage bounds the letters and digits of a passage that are looked
// for (a whole chunk is a few hundred words).
const maxPassage = 6000

// folded is text reduced to letters and digits; at[i] is where fold i came
// from (a PDFium character index for a page, unused for a passage).
type folded struct {
	r  []rune
	at []int
}

// fold reduces runes to their folded letters and digits. at, when not
// nil, gives each rune's position to record.
func fold(runes []rune, at []int) folded {
	var f folded
	var buf [8]rune
	for i, r := range runes {
		var rs []rune
		if r < 0x80 {
			buf[0] = r
			rs = buf[:1]
		} else {
			rs = []rune(norm.NFKC.String(string(r)))
		}
		for _, x := range rs {
			if !unicode.IsLetter(x) && !unicode.IsDigit(x) {
				continue
			}
			f.r = append(f.r, unicode.ToLower(x))
			if at != nil {
				f.at = append(f.at, at[i])
			} else {
				f.at = append(f.at, i)
			}
		}
	}
	return f
}

// span is a run of the page's folded text, [start, end), that matches the
// passage.
type span struct{ start, end int }

// locate finds the passage in the page: the longest common run first,
// then the longest of what is left of both, and so on. found reports that
// every letter and digit of the passage was matched (in one run, or in
// several when the extractors ordered the text differently); when not,
// only runs of at least minRun are kept. Runs are returned in page order.
func locate(page, passage []rune) (spans []span, found bool) {
	if len(passage) == 0 || len(page) == 0 {
		return nil, false
	}
	if len(passage) > maxPassage {
		passage = passage[:maxPassage]
	}
	// Matched runes are masked by negative values unique to each side, so
	// they never match again.
	p := append([]rune(nil), passage...)
	s := append([]rune(nil), page...)
	var lens []int // of each span, longest first
	covered, work := 0, 0
	prev := make([]int32, len(s)+1)
	cur := make([]int32, len(s)+1)
	for len(spans) < maxRuns && covered < len(p) {
		if work > 0 && work+len(p)*len(s) > maxWork {
			break
		}
		work += len(p) * len(s)
		best, bi, bj := int32(0), 0, 0
		clear(prev)
		for i := range p {
			cur[0] = 0
			pi := p[i]
			for j, sj := range s {
				if pi == sj && pi >= 0 {
					v := prev[j] + 1
					cur[j+1] = v
					if v > best {
						best, bi, bj = v, i+1, j+1
					}
				} else {
					cur[j+1] = 0
				}
			}
			prev, cur = cur, prev
		}
		n := int(best)
		if n < min(minPiece, len(p)) {
			break
		}
		for k := bi - n; k < bi; k++ {
			p[k] = -1
		}
		for k := bj - n; k < bj; k++ {
			s[k] = -2
		}
		spans = append(spans, span{bj - n, bj})
		lens = append(lens, n)
		covered += n
	}
	found = covered == len(p)
	if !found {
		keep := 0
		for keep < len(spans) && lens[keep] >= min(minRun, len(p)) {
			keep++
		}
		spans = spans[:keep]
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	return spans, found
}
