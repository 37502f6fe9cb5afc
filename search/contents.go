package search

import (
	"strconv"
	"strings"
	"unicode"
)

// A report's table of contents is lines of a heading and a page number
// ("Employees 6", "Competition 5"): rows by their look, answers to
// nothing. "How many employees did Nike have in 2019?" was answered
// "Employees 6".

// minContentsLines is the fewest page references a contents chunk holds.
const minContentsLines = 6

// isContents reports whether most of text's lines refer to pages, their
// numbers never going back by more than a few.
func isContents(text string) bool {
	lines, refs, last, back := 0, 0, 0, 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lines++
		n, ok := pageRef(line)
		if !ok {
			continue
		}
		refs++
		if n < last {
			back++
		}
		last = n
	}
	return refs >= minContentsLines && 2*refs >= lines && 4*back <= refs
}

// pageRef reads a contents line: words without digits, a space, then a
// page number of one to three digits ("Employees 6"). It is the pattern
// ^\D*\pL\D*?\s(\d{1,3})$ read by hand: as a regular expression it
// backtracked over every line of every candidate chunk, a fifth of a
// search's time.
func pageRef(line string) (int, bool) {
	i := len(line)
	for i > 0 && isDigit(line[i-1]) {
		i--
	}
	if d := len(line) - i; d < 1 || d > 3 || i == 0 || !isSpace(line[i-1]) {
		return 0, false
	}
	words := line[:i-1]
	if strings.ContainsAny(words, "0123456789") || !strings.ContainsFunc(words, unicode.IsLetter) {
		return 0, false
	}
	n, err := strconv.Atoi(line[i:])
	return n, err == nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isSpace is the regular expressions' \s: ASCII white space.
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}
