package llm

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"quire/search"
	"quire/store"
)

// A chunk of 180 words often holds the end of one section and the start
// of the next: the company history and the glossary, a product's
// specification table under "1. Magpie-7 product specifications". A unit
// speaks of what its own section is about, so the names a question uses
// must be in the unit's section, not merely somewhere in its chunk, and a
// heading that names a sibling ("Magpie-7" for a Magpie-4 question) makes
// every row under it the sibling's.

// numberedHeading: "1. Magpie-7 product specifications", "4.2 Deductibles",
// "B. Eligibility"; the number is a section's, not a year or an amount.
var numberedHeading = regexp.MustCompile(`^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)\s+\p{Lu}`)

// maxHeadingWords bounds a heading's length.
const (
	maxHeadingWords      = 12
	maxPlainHeadingWords = 6
)

// headingKind tells a numbered heading (it starts a section) from a short
// plain one ("Office locations", "Specification Value"), which starts a
// subsection, and from a line that is no heading.
type headingKind int

const (
	notHeading headingKind = iota
	plainHeading
	numbered
)

func headingOf(line string) headingKind {
	ws := strings.Fields(line)
	if len(ws) == 0 || len(ws) > maxHeadingWords || strings.ContainsRune(".,;:!?", rune(line[len(line)-1])) {
		return notHeading
	}
	if numberedHeading.MatchString(line) {
		if hasDigit(strings.Join(ws[1:], " ")) && !codeNameIn(ws[1:]) {
			return notHeading // a numbered row of figures
		}
		return numbered
	}
	// One word alone is more often a column's name ("Total") than a
	// heading.
	if len(ws) < 2 || len(ws) > maxPlainHeadingWords || hasDigit(line) || !unicode.IsUpper([]rune(line)[0]) {
		return notHeading
	}
	for _, w := range ws {
		if strings.IndexFunc(w, unicode.IsLetter) < 0 {
			return notHeading // "In thousands $ % $ %" heads columns
		}
	}
	return plainHeading
}

// codeNameIn: the words hold a name with a number in it (Magpie-7), which
// a heading may carry.
func codeNameIn(ws []string) bool {
	for _, w := range ws {
		if codeName.MatchString(w) && strings.IndexFunc(w, unicode.IsLetter) == 0 {
			return true
		}
	}
	return false
}

// sectionOf gives each of one chunk's lines (in order) its scope, the
// lines from the heading above it to the next heading, and its heading
// path: the last numbered heading above it and the plain heading under
// that. A short plain line next to another is a row of a table of label
// rows ("CEO Iris Kallas", "CTO Bogdan Vrabiescu"), not a heading, and so
// is a chunk's last line. Lines above the chunk's first heading have no
// path, and their scope reaches from the chunk's start.
func sectionOf(lines []string) (scope, path []string) {
	kinds := make([]headingKind, len(lines))
	for i, l := range lines {
		kinds[i] = headingOf(l)
	}
	plain := slices.Clone(kinds)
	for i := range kinds {
		if kinds[i] != plainHeading {
			continue
		}
		if i > 0 && plain[i-1] == plainHeading || i+1 == len(lines) || plain[i+1] == plainHeading {
			kinds[i] = notHeading
		}
	}
	scope, path = make([]string, len(lines)), make([]string, len(lines))
	var section, sub string // the headings above
	for from := 0; from < len(lines); {
		switch kinds[from] {
		case numbered:
			section, sub = lines[from], ""
		case plainHeading:
			sub = lines[from]
		}
		to := from + 1
		for to < len(lines) && kinds[to] == notHeading {
			to++
		}
		// Every line of a section shares its scope and path.
		text, head := strings.Join(lines[from:to], "\n"), strings.TrimSpace(section+"\n"+sub)
		for i := from; i < to; i++ {
			scope[i], path[i] = text, head
		}
		from = to
	}
	return scope, path
}

// onTopic leaves out the units that name a sibling of a name the question
// uses, in their text or their headings, and not the name itself: the
// Magpie-7's "Top travel speed 2.4 m/s" is no second source for a
// question about the Magpie-1.
func onTopic(question string, us []unit, res search.Result) []unit {
	var out []unit
	for _, u := range us {
		if !namesSibling(question, u.text+"\n"+u.path, ownText(res.Hits[u.hit].Doc)) {
			out = append(out, u)
		}
	}
	return out
}

// namedAsides leaves out the units of documents other than first's whose
// section and document do not say the question's names (see
// namesPresent): the answer to "What's included in the Standard tier?"
// quoted the handbook's Standard row, then a bank's sentence on its
// "Standardized" capital ratios.
func namedAsides(question string, first unit, us []unit, res search.Result) []unit {
	if len(names(question)) == 0 {
		return us
	}
	doc := res.Hits[first.hit].Doc.ID
	var common map[string]bool // of the hits' text, read at the first unit of another document
	var out []unit
	for _, u := range us {
		if d := res.Hits[u.hit].Doc; d.ID != doc {
			if common == nil {
				var all strings.Builder
				for _, h := range res.Hits {
					all.WriteString(h.Chunk.Text + "\n")
				}
				common = commonWords(all.String())
			}
			if own := ownText(d) + d.NameWords(); !namesPresent(question, u.scope+"\n"+u.path+"\n"+own, own, common) {
				continue
			}
		}
		out = append(out, u)
	}
	return out
}

// ofItsDocument leaves out the units of documents other than first's:
// a list is one document's, and in a library of many documents a line of
// a PDF manual that shares "from" and "onwards" with "List all company
// history milestones from 2020 onwards" is no item of the handbook's
// milestones.
func ofItsDocument(first unit, us []unit, res search.Result) []unit {
	doc := res.Hits[first.hit].Doc.ID
	var out []unit
	for _, u := range us {
		if res.Hits[u.hit].Doc.ID == doc {
			out = append(out, u)
		}
	}
	return out
}

// ownText is what names a document's subject wherever in it a unit
// stands: its file name, its heading and its running heads.
func ownText(d store.Document) string {
	return d.Name + "\n" + d.Heading + "\n" + strings.Join(d.Running, "\n") + "\n"
}
