package ingest

import (
	"regexp"
	"strings"
	"testing"
)

// letters spells n in the letters a-j, so that test words are plain
// one-token words.
func letters(n int) string {
	s := string(rune('a' + n%10))
	for n /= 10; n > 0; n /= 10 {
		s = string(rune('a'+n%10)) + s
	}
	return s
}

// sentencePage builds a page of n words in sentences of ten words and
// paragraphs of sixty. Word "pXwY" is spelled "k<X>z<Y>" in letters.
func sentencePage(num, n int) Page {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("k" + letters(num) + "z" + letters(i))
		if i%10 == 9 {
			b.WriteByte('.')
		}
		if i%60 == 59 {
			b.WriteString("\n\n")
		}
	}
	return Page{Number: num, Text: b.String()}
}

// pageOf decodes the page number from a sentencePage word.
func pageOf(w string) int {
	w = strings.TrimPrefix(w, "k")
	w, _, _ = strings.Cut(w, "z")
	n := 0
	for _, r := range w {
		n = n*10 + int(r-'a')
	}
	return n
}

func checkChunks(t *testing.T, pages []Page, chunks []Chunk, size int) {
	t.Helper()
	valid := map[int]bool{}
	for _, p := range pages {
		valid[p.Number] = true
	}
	for i, c := range chunks {
		if c.Ord != i {
			t.Errorf("chunk %d has Ord %d", i, c.Ord)
		}
		if strings.TrimSpace(c.Text) == "" {
			t.Errorf("chunk %d is empty", i)
		}
		if !valid[c.PageStart] || !valid[c.PageEnd] || c.PageEnd < c.PageStart {
			t.Errorf("chunk %d has pages %d-%d", i, c.PageStart, c.PageEnd)
		}
		weight := 0
		for _, w := range strings.Fields(c.Text) {
			weight += wordWeight(w)
		}
		if n := len(strings.Fields(c.Text)); n > 1 && weight > size*10 {
			t.Errorf("chunk %d has %d words weighing %d, over the size %d", i, n, weight, size)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name        string
		pages       []Page
		opts        ChunkOptions
		wantChunks  int // 0: at least one
		wantCrossed bool
	}{
		{"empty", nil, ChunkOptions{}, -1, false},
		{"blank pages", []Page{{1, "  \n\n "}, {2, ""}}, ChunkOptions{}, -1, false},
		{"one short page", []Page{{1, "Hello world."}}, ChunkOptions{}, 1, false},
		{"two short pages share a chunk", []Page{{1, "First page."}, {2, "Second page."}}, ChunkOptions{}, 1, true},
		{"long pages", []Page{sentencePage(1, 500), sentencePage(2, 500), sentencePage(3, 37)}, ChunkOptions{}, 0, true},
		{"small size", []Page{sentencePage(4, 300), sentencePage(7, 300)}, ChunkOptions{Size: 50, Overlap: 10}, 0, true},
		{"no overlap", []Page{sentencePage(1, 400)}, ChunkOptions{Size: 100, Overlap: -1}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			chunks := Split(tc.pages, tc.opts)
			switch {
			case tc.wantChunks < 0 && len(chunks) != 0:
				t.Fatalf("got %d chunks, want none", len(chunks))
			case tc.wantChunks > 0 && len(chunks) != tc.wantChunks:
				t.Fatalf("got %d chunks, want %d", len(chunks), tc.wantChunks)
			}
			size := tc.opts.Size
			if size == 0 {
				size = defaultChunkSize
			}
			checkChunks(t, tc.pages, chunks, size)
			crossed := false
			for _, c := range chunks {
				if c.PageEnd > c.PageStart {
					crossed = true
				}
			}
			if crossed != tc.wantCrossed {
				t.Errorf("chunk crossing a page boundary: got %v, want %v", crossed, tc.wantCrossed)
			}
		})
	}
}

// TestSplitPagesAndOverlap checks that every word lands in a chunk that
// names its page, and that consecutive chunks overlap.
func TestSplitPagesAndOverlap(t *testing.T) {
	pages := []Page{sentencePage(1, 250), sentencePage(2, 250), sentencePage(5, 250)}
	chunks := Split(pages, ChunkOptions{})
	if len(chunks) < 4 {
		t.Fatalf("got %d chunks for 750 words", len(chunks))
	}
	seen := map[string]bool{}
	for _, c := range chunks {
		for _, w := range strings.Fields(c.Text) {
			w = strings.TrimSuffix(w, ".")
			seen[w] = true
			if page := pageOf(w); page < c.PageStart || page > c.PageEnd {
				t.Errorf("word %s (page %d) in chunk %d with pages %d-%d", w, page, c.Ord, c.PageStart, c.PageEnd)
			}
		}
	}
	for _, p := range pages {
		for _, w := range strings.Fields(p.Text) {
			if !seen[strings.TrimSuffix(w, ".")] {
				t.Errorf("word %s of page %d is in no chunk", w, p.Number)
			}
		}
	}
	// Breaks place every word on its own page.
	crossing := 0
	for _, c := range chunks {
		if len(c.Breaks) != c.PageEnd-c.PageStart {
			t.Fatalf("chunk %d spans pages %d-%d with %d breaks", c.Ord, c.PageStart, c.PageEnd, len(c.Breaks))
		}
		if len(c.Breaks) > 0 {
			crossing++
		}
		for _, loc := range regexp.MustCompile(`\S+`).FindAllStringIndex(c.Text, -1) {
			w := strings.TrimSuffix(c.Text[loc[0]:loc[1]], ".")
			page := c.PageStart
			for _, b := range c.Breaks {
				if loc[0] >= b {
					page++
				}
			}
			if page != pageOf(w) {
				t.Fatalf("chunk %d: word %s at byte %d placed on page %d by Breaks %v", c.Ord, w, loc[0], page, c.Breaks)
			}
		}
	}
	if crossing == 0 {
		t.Fatal("no chunk crosses a page boundary")
	}
	for i := 1; i < len(chunks); i++ {
		prev := strings.Fields(chunks[i-1].Text)
		cur := strings.Fields(chunks[i].Text)
		shared := 0
		for shared < len(cur) && shared < len(prev) && strings.Contains(chunks[i-1].Text, cur[shared]) {
			shared++
		}
		if shared < 15 || shared > 60 {
			t.Errorf("chunks %d and %d share %d leading words, want about 40", i-1, i, shared)
		}
		// Chunks end at sentence ends when one is near.
		if last := prev[len(prev)-1]; !strings.HasSuffix(last, ".") {
			t.Errorf("chunk %d ends mid-sentence: %q", i-1, last)
		}
	}
}

func TestWordWeight(t *testing.T) {
	tests := []struct {
		word string
		want int // tenths of an average word
	}{
		{"the", 8},
		{"Objects,", 15},
		{"1,234,567.89", 54},
		{"東京都", 23},
	}
	for _, tc := range tests {
		if got := wordWeight(tc.word); got != tc.want {
			t.Errorf("wordWeight(%q) = %d, want %d", tc.word, got, tc.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("Hello world. This is a test.\n\nNew paragraph here.", "Second page text", 20, 5)
	f.Add("", "x", 0, 0)
	f.Add("a\n\n\n\nb", "東京都 の 削除", 3, 1)
	f.Fuzz(func(t *testing.T, a, b string, size, overlap int) {
		size %= 400
		overlap %= 400
		pages := []Page{{Number: 1, Text: a}, {Number: 2, Text: b}}
		chunks := Split(pages, ChunkOptions{Size: size, Overlap: overlap})
		if size <= 0 {
			size = defaultChunkSize
		}
		checkChunks(t, pages, chunks, size)
		words := len(strings.Fields(a)) + len(strings.Fields(b))
		if words > 0 && len(chunks) == 0 {
			t.Fatalf("%d words but no chunks", words)
		}
	})
}
