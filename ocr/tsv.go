package ocr

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"unicode"
)

// Tesseract's TSV output has one row per layout element:
//
//	level page_num block_num par_num line_num word_num left top width height conf text
//
// Level 5 rows are words; the block, paragraph and line numbers group
// them. parseTSV keeps the words and rebuilds the text from the groups.

// tsvWord is a word row with its grouping.
type tsvWord struct {
	block, par, line int
	Word
}

// parseTSV reads Tesseract's TSV for an image w × h pixels into a Page.
func parseTSV(data []byte, w, h int) Page {
	var words []tsvWord
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		n := make([]float64, 11)
		ok := true
		for i := 1; i <= 10; i++ {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			n[i] = v
		}
		if !ok || noise(text, n[10]) {
			continue
		}
		fw, fh := float64(max(w, 1)), float64(max(h, 1))
		words = append(words, tsvWord{block: int(n[2]), par: int(n[3]), line: int(n[4]), Word: Word{
			Text: text,
			X0:   float32(n[6] / fw), Y0: float32(n[7] / fh),
			X1: float32((n[6] + n[8]) / fw), Y1: float32((n[7] + n[9]) / fh),
			Conf: float32(max(n[10], 0)),
		}})
	}
	return assemble(words)
}

// noise reports a "word" that is most likely a speck, a rule or a piece
// of a picture read as text: no letter or digit and low confidence.
func noise(text string, conf float64) bool {
	if conf >= 60 {
		return false
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// assemble joins words into lines and paragraphs, rejoining words
// hyphenated at a line end (the part after the break starts in lower
// case).
func assemble(words []tsvWord) Page {
	var pg Page
	var b []byte
	sum := 0.0
	for i, w := range words {
		if i > 0 {
			prev := words[i-1]
			switch {
			case prev.block != w.block || prev.par != w.par:
				b = append(b, "\n\n"...)
			case prev.line != w.line:
				if n := len(b); n > 1 && b[n-1] == '-' && unicode.IsLetter(rune(b[n-2])) && startsLower(w.Text) {
					b = b[:n-1] // "recom-" + "mended": drop the hyphen, no space
				} else {
					b = append(b, '\n')
				}
			default:
				b = append(b, ' ')
			}
		}
		b = append(b, w.Text...)
		pg.Words = append(pg.Words, w.Word)
		sum += float64(w.Conf)
	}
	pg.Text = string(b)
	if len(words) > 0 {
		pg.Conf = sum / float64(len(words))
	}
	return pg
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}
