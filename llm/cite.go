package llm

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A model's citation marker: "[2]", "[1, 3]", "[1][2]" (two markers),
// "[1-2]", "[Source 2]". citeRE's group 1 is the white space before it,
// group 2 the numbers.
var citeRE = regexp.MustCompile(`(?i)([ \t]*)\[\s*(?:(?:sources?|src|doc(?:ument)?s?|passages?|ref)\s*:?\s*)?(\d{1,3}(?:\s*(?:,|;|and|&|-|–)\s*\d{1,3})*)\s*\]`)

var citeNumRE = regexp.MustCompile(`\d+|-|–`)

// markerNumbers reads a marker's numbers, ranges expanded (at most 20).
func markerNumbers(s string) []int {
	var ns []int
	toks := citeNumRE.FindAllString(s, -1)
	for i := 0; i < len(toks); i++ {
		n, err := strconv.Atoi(toks[i])
		if err != nil {
			continue
		}
		if i+2 < len(toks) && (toks[i+1] == "-" || toks[i+1] == "–") {
			if m, err := strconv.Atoi(toks[i+2]); err == nil && m >= n && m-n < 20 {
				for j := n; j <= m; j++ {
					ns = append(ns, j)
				}
				i += 2
				continue
			}
		}
		ns = append(ns, n)
	}
	return ns
}

// checkCitations rewrites every marker in text as "[n]" markers of the
// sources 1..k, removes the numbers outside that range (returned in
// invalid, once each) and a marker left with none, with the space before
// it.
func checkCitations(text string, k int) (out string, invalid []int) {
	return strings.TrimSpace(rewriteMarkers(text, k, &invalid)), invalid
}

func rewriteMarkers(text string, k int, invalid *[]int) string {
	return citeRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := citeRE.FindStringSubmatch(m)
		var b strings.Builder
		seen := map[int]bool{}
		for _, n := range markerNumbers(sub[2]) {
			if n < 1 || n > k {
				if !slices.Contains(*invalid, n) {
					*invalid = append(*invalid, n)
				}
				continue
			}
			if !seen[n] {
				seen[n] = true
				b.WriteString("[" + strconv.Itoa(n) + "]")
			}
		}
		if b.Len() == 0 {
			return ""
		}
		return sub[1] + b.String()
	})
}

// citeFilter passes streamed text on as it comes, except that a possible
// marker (and the blanks before it) is held back until it is complete,
// then passed on as checkCitations rewrites it: the user never sees "[7]"
// appear and vanish. Tokens cut a marker anywhere ("[", "1", "]").
type citeFilter struct {
	k      int
	out    func(string)
	blanks strings.Builder // spaces and tabs not passed on yet
	held   strings.Builder // a possible marker, from its '[' on
	none   []int           // numbers dropped (unused; checkCitations reports them)
}

// maxHeld bounds what is held back for one possible marker.
const maxHeld = 24

func (f *citeFilter) write(s string) {
	if f.out == nil {
		return
	}
	var pass strings.Builder
	release := func() {
		pass.WriteString(f.held.String())
		pass.WriteString(f.blanks.String())
		f.held.Reset()
		f.blanks.Reset()
	}
	for _, r := range s {
		switch {
		case r == '[':
			if f.held.Len() > 0 {
				release()
			}
			f.held.WriteString(f.blanks.String())
			f.blanks.Reset()
			f.held.WriteRune(r)
		case f.held.Len() == 0 && (r == ' ' || r == '\t'):
			f.blanks.WriteRune(r)
		case f.held.Len() == 0:
			release()
			pass.WriteRune(r)
		case r == ']':
			f.held.WriteRune(r)
			if h := f.held.String(); citeRE.MatchString(h) {
				pass.WriteString(rewriteMarkers(h, f.k, &f.none))
			} else {
				pass.WriteString(h)
			}
			f.held.Reset()
		case f.held.Len() < maxHeld && (r == ' ' || r == ',' || r == ';' || r == ':' || r == '-' || r == '–' || r == '&' ||
			r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			f.held.WriteRune(r)
		default:
			release()
			pass.WriteRune(r)
		}
	}
	if pass.Len() > 0 {
		f.out(pass.String())
	}
}

// flush passes on what is still held at the end of the reply.
func (f *citeFilter) flush() {
	if f.out != nil && f.held.Len()+f.blanks.Len() > 0 {
		f.out(f.held.String() + f.blanks.String())
	}
	f.held.Reset()
	f.blanks.Reset()
}

// claim is the text an answer's [n] marker vouches for.
type claim struct {
	n    int
	text string
}

var markerRE = regexp.MustCompile(`\[(\d+)\]`)

// claims pairs each marker in text with the text before it back to the
// previous marker: "A [1]. B [2][3]." gives (1, "A"), (2, "B"), (3, "B").
func claims(text string) []claim {
	var out []claim
	last, prev := 0, ""
	for _, m := range markerRE.FindAllStringSubmatchIndex(text, -1) {
		n, _ := strconv.Atoi(text[m[2]:m[3]])
		seg := strings.Trim(text[last:m[0]], " \t\n.,;:")
		if seg == "" {
			seg = prev
		}
		out = append(out, claim{n: n, text: seg})
		last, prev = m[1], seg
	}
	return out
}
