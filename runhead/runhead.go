// Package runhead finds a document's running heads and feet — the lines
// it repeats at the top or bottom of its pages: a company name and report
// title, a section name, "Page 12 of 40", a bare page number — and strips
// them from text. Answers should not quote them, and what they say about
// the document (whose report, which year) is worth indexing once per
// document, as its heading.
//
// It is plain text work with no dependency, shared by ingest (which finds
// them) and llm (which leaves them out of answers).
package runhead

import (
	"sort"
	"strings"
	"unicode"
)

// runningEdge is how many lines at each end of a page may be running.
const runningEdge = 2

// A running line that heads only a part in the middle of a long
// document (an exhibit) is not the document's heading: PepsiCo's 2022
// 10-K runs "PepsiCo Pension Equalization Plan –409A Program" over pages
// 246 to 432 of 503, and answers from the 10-K were said to come from the
// pension plan. A line that runs from early on, or on to the end, may
// name the company ("ANALOG DEVICES, INC." over the statements and notes
// that end ADI's report), and the index reads the heading as the
// document's title.
const (
	partStart    = 3  // a part starts past the first 1/partStart of the pages
	partEnd      = 10 // and ends before the last 1/partEnd
	minPartPages = 50 // of a document of at least this many pages
)

// headsPart: a running line found from page first to page last
// (0-based) of n heads a part in the middle of the document.
func headsPart(first, last, n int) bool {
	return n >= minPartPages && first >= n/partStart && last < n-n/partEnd
}

// HeadingSep joins the running lines of a document's heading (see Find).
const HeadingSep = " · "

// Find finds the running heads and feet of a document's pages (their
// texts, in order, pages without text left out), most
// frequent first, and the document's heading: what they say about the
// document, without page numbers and "page of" words (e.g. "3M Company ·
// 2018 Form 10-K"), from the lines that do not head a part in its middle
// (see headsPart). A line counts when, with its digits ignored, it opens
// or closes at least 30 % of the pages with text, and at least 3.
func Find(pages []string) (lines []string, heading string) {
	if len(pages) < 3 {
		return nil, ""
	}
	count := map[string]int{}
	first, last := map[string]int{}, map[string]int{} // key → the first and last page it runs on
	forms := map[string]map[string]int{}              // key → exact form → pages
	for i, p := range pages {
		seen := map[string]bool{}
		for _, line := range edgeLines(p) {
			k := lineKey(line)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			if count[k] == 0 {
				first[k] = i
			}
			last[k] = i
			count[k]++
			if forms[k] == nil {
				forms[k] = map[string]int{}
			}
			forms[k][line]++
		}
	}
	need := max(3, (len(pages)*3+9)/10)
	var keys []string
	for k, n := range count {
		if n >= need {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for _, k := range keys {
		form, n := commonForm(forms[k])
		lines = append(lines, form)
		if !informative(form) || len(parts) == 3 || headsPart(first[k], last[k], len(pages)) {
			continue
		}
		if n*2 <= count[k] { // the digits change: a page number
			form = strings.TrimRightFunc(form, func(c rune) bool {
				return unicode.IsDigit(c) || unicode.IsSpace(c) || unicode.IsPunct(c)
			})
		}
		parts = append(parts, form)
	}
	heading = strings.Join(parts, HeadingSep)
	if len(heading) > 240 {
		heading = heading[:240]
	}
	return lines, heading
}

// commonForm is the most frequent exact form of a line and its count.
func commonForm(forms map[string]int) (string, int) {
	best, n := "", 0
	for f, c := range forms {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	return best, n
}

// Set recognises a document's running lines, whatever page number they
// carry.
type Set map[string]bool

// NewSet makes the set of the lines Find found.
func NewSet(running []string) Set {
	set := Set{}
	for _, r := range running {
		set[lineKey(r)] = true
	}
	return set
}

// Strip removes the running lines from text, wherever they are: a chunk
// that crosses a page break has them in its middle. Text that is nothing
// but such lines (a page of one line, a title slide) is returned whole:
// it is the passage itself, not a frame around one.
func (s Set) Strip(text string) string {
	if len(s) == 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	var kept []string
	content := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || !s[lineKey(t)] {
			kept = append(kept, l)
			content = content || t != ""
		}
	}
	if !content {
		return text
	}
	return strings.Join(kept, "\n")
}

// edgeLines are the first and last lines of a page's text.
func edgeLines(text string) []string {
	lines := nonEmptyLines(text)
	if len(lines) <= 2*runningEdge {
		return lines
	}
	return append(lines[:runningEdge:runningEdge], lines[len(lines)-runningEdge:]...)
}

func nonEmptyLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// lineKey identifies a line with its numbers ignored (page numbers change
// from page to page); lines too long to be running heads have none.
func lineKey(line string) string {
	if len(line) > 160 {
		return ""
	}
	var b strings.Builder
	digits := false
	for _, r := range strings.ToLower(line) {
		switch {
		case unicode.IsDigit(r):
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		case unicode.IsSpace(r):
			r = ' '
		}
		digits = false
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// informative reports whether a running line names something: it has a
// word of three letters or more other than "page" and "of".
func informative(line string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 3 && w != "page" && w != "pages" {
			return true
		}
	}
	return false
}
