package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chunk is a span of text taken from consecutive pages.
type Chunk struct {
	Ord       int // position of the chunk in its document, from 0
	PageStart int // first page the text comes from (1-based)
	PageEnd   int // last page; equals PageStart unless the chunk crosses a page boundary
	Text      string
	// Breaks holds, for a chunk that crosses pages, the byte offset in
	// Text where each following page begins: page PageStart+i+1 starts
	// at Breaks[i]. It lets a citation name the page of the very
	// sentence it quotes.
	Breaks []int
}

// ChunkOptions sizes chunks in words (a word is about 1.3 model tokens).
type ChunkOptions struct {
	Size    int // target words per chunk (default 180)
	Overlap int // words shared by consecutive chunks (default 40; negative for none)
}

const (
	defaultChunkSize    = 180
	defaultChunkOverlap = 40
	maxWordRunes        = 48 // longer tokens are cut into pieces
)

// Break strengths after a word, from weakest to strongest.
const (
	brSpace = iota
	brLine
	brSentence
	brParagraph
	brPage
)

type word struct {
	text   string
	page   int
	weight int // size in "words": long tokens and CJK text count more
	brk    int // break after this word
}

// Split cuts the pages into overlapping chunks that keep their page numbers.
// No chunk is empty.
//
// Sizes are counted in words of about 1.3 model tokens, so a long number,
// a long token or a run of CJK characters counts as several; no chunk is larger than opts.Size, so chunks fit a
// 256-token model input at the default size. A chunk ends at the strongest
// break (page, paragraph, sentence, line) found in its last 40 % and the
// next chunk starts opts.Overlap words before that end, moved forward to a
// sentence start when one is near.
func Split(pages []Page, opts ChunkOptions) []Chunk {
	c := newChunker(opts)
	var chunks []Chunk
	for _, p := range pages {
		chunks = c.add(chunks, p)
	}
	return c.flush(chunks)
}

// chunker cuts chunks from pages as they come, holding only the words
// not yet cut (a chunk and its overlap), so a long document costs memory
// for its chunks only. Its chunks are the same as cutting the whole text
// at once: a cut depends on the next opts.Size words at most.
type chunker struct {
	size, overlap int    // in tenths of a word
	words         []word // words from the next chunk's start on
	prefix        []int  // prefix[i] is the total weight of words[:i]
	ord           int    // the next chunk's Ord
}

func newChunker(opts ChunkOptions) *chunker {
	size, overlap := opts.Size, opts.Overlap
	if size <= 0 {
		size = defaultChunkSize
	}
	switch {
	case overlap == 0:
		overlap = defaultChunkOverlap
	case overlap < 0:
		overlap = 0
	}
	overlap = min(overlap, size/2)
	// Weights are in tenths of a word.
	return &chunker{size: size * 10, overlap: overlap * 10, prefix: []int{0}}
}

// add takes the next page and appends the chunks it completes.
func (c *chunker) add(chunks []Chunk, p Page) []Chunk {
	for _, w := range splitWords([]Page{p}) {
		c.words = append(c.words, w)
		c.prefix = append(c.prefix, c.prefix[len(c.prefix)-1]+w.weight)
	}
	return c.cut(chunks, false)
}

// flush appends the chunks left at the end of the document.
func (c *chunker) flush(chunks []Chunk) []Chunk { return c.cut(chunks, true) }

// cut appends the chunks that the words held decide: all of them at the
// end, else those followed by more than a chunk's worth of words.
func (c *chunker) cut(chunks []Chunk, final bool) []Chunk {
	words, prefix, size, overlap := c.words, c.prefix, c.size, c.overlap
	start := 0
	for start < len(words) {
		if !final && prefix[len(words)]-prefix[start] <= size {
			break // where this chunk ends depends on words still to come
		}
		// Furthest end (exclusive) that keeps the chunk within size.
		hard := start + 1
		for hard < len(words) && prefix[hard+1]-prefix[start] <= size {
			hard++
		}
		end := hard
		if hard < len(words) {
			// Prefer the strongest break in the last 40 %, latest first.
			lo := start + 1
			for lo < hard && prefix[lo]-prefix[start] < size*6/10 {
				lo++
			}
			best, bestBrk := hard, -1
			for e := hard; e >= lo; e-- {
				if b := words[e-1].brk; b > bestBrk {
					best, bestBrk = e, b
					if b >= brParagraph {
						break
					}
				}
			}
			if bestBrk > brSpace {
				end = best
			}
		}
		chunks = append(chunks, makeChunk(c.ord, words[start:end]))
		c.ord++
		if end >= len(words) {
			start = end
			break
		}
		// Step back by the overlap, then forward to a sentence start if
		// one is within half the overlap.
		next := end
		for next > start+1 && prefix[end]-prefix[next-1] <= overlap {
			next--
		}
		for k := next; k < end && prefix[k]-prefix[next] <= overlap/2; k++ {
			if k > 0 && words[k-1].brk >= brSentence {
				next = k
				break
			}
		}
		start = max(next, start+1)
	}
	c.drop(start)
	return chunks
}

// drop forgets the first n words, copying the rest so that the memory of
// the words already cut can be freed.
func (c *chunker) drop(n int) {
	if n == 0 {
		return
	}
	rest := make([]word, len(c.words)-n, max(len(c.words)-n, 64))
	copy(rest, c.words[n:])
	prefix := make([]int, len(rest)+1, cap(rest)+1)
	for i, w := range rest {
		prefix[i+1] = prefix[i] + w.weight
	}
	c.words, c.prefix = rest, prefix
}

func makeChunk(ord int, ws []word) Chunk {
	var b strings.Builder
	var breaks []int
	for i, w := range ws {
		for p := ws[max(i-1, 0)].page; p < w.page; p++ {
			breaks = append(breaks, b.Len())
		}
		b.WriteString(w.text)
		if i == len(ws)-1 {
			break
		}
		switch w.brk {
		case brSpace, brSentence:
			b.WriteByte(' ')
		case brLine:
			b.WriteByte('\n')
		default:
			b.WriteString("\n\n")
		}
	}
	return Chunk{Ord: ord, PageStart: ws[0].page, PageEnd: ws[len(ws)-1].page, Text: b.String(), Breaks: breaks}
}

// splitWords turns pages into words with the break that follows each.
func splitWords(pages []Page) []word {
	var words []word
	for _, p := range pages {
		first := len(words)
		paras := strings.Split(p.Text, "\n\n")
		for _, para := range paras {
			lines := strings.Split(para, "\n")
			for _, line := range lines {
				for _, f := range strings.Fields(line) {
					for f != "" {
						piece := f
						if utf8.RuneCountInString(f) > maxWordRunes {
							n := 0
							for i := range f {
								if n == maxWordRunes {
									piece = f[:i]
									break
								}
								n++
							}
						}
						f = f[len(piece):]
						brk := brSpace
						if f == "" && endsSentence(piece) {
							brk = brSentence
						}
						words = append(words, word{text: piece, page: p.Number, weight: wordWeight(piece), brk: brk})
					}
				}
				if n := len(words); n > first && words[n-1].brk < brLine {
					words[n-1].brk = brLine
				}
			}
			if n := len(words); n > first {
				words[n-1].brk = brParagraph
			}
		}
		if n := len(words); n > first {
			words[n-1].brk = brPage
		}
	}
	return words
}

func endsSentence(w string) bool {
	w = strings.TrimRight(w, "\"'”’)]»")
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(w)
	switch r {
	case '.', '!', '?', ';', ':', '。', '！', '？':
		return true
	}
	return false
}

// wordWeight estimates a token's size in tenths of an average word, from
// an estimate of its model tokens (an average word is 1.3 tokens): a letter
// run is one token per eight letters, a digit run one per three digits,
// every other symbol and every CJK character one.
func wordWeight(w string) int {
	tokens := 0
	run, runKind := 0, 0 // 1 letters, 2 digits
	flush := func() {
		switch runKind {
		case 1:
			tokens += 1 + (run-1)/8
		case 2:
			tokens += (run + 2) / 3
		}
		run, runKind = 0, 0
	}
	for _, r := range w {
		kind := 0
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		case unicode.IsLetter(r) || unicode.IsMark(r):
			kind = 1
		case unicode.IsDigit(r):
			kind = 2
		}
		if kind != runKind {
			flush()
		}
		if kind == 0 {
			tokens++
			continue
		}
		run, runKind = run+1, kind
	}
	flush()
	return max(1, (tokens*100+6)/13)
}
