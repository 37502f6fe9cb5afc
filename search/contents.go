package search

import (
	"regexp"
	"strconv"
	"strings"
)

// A report's table of contents is lines of a heading and a page number
// ("Employees 6", "Competition 5"): rows by their look, answers to
// nothing. "How many employees did Nike have in 2019?" was answered
// "Employees 6".

// pageRef matches a contents line: words, then a page number.
var pageRef = regexp.MustCompile(`^\D*\pL\D*?\s(\d{1,3})$`)

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
		m := pageRef.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		refs++
		n, _ := strconv.Atoi(m[1])
		if n < last {
			back++
		}
		last = n
	}
	return refs >= minContentsLines && 2*refs >= lines && 4*back <= refs
}
