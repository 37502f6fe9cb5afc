package app

// words.go holds every sentence the window shows that depends on data, as
// pure functions, so the wording in UX.md is tested in one place.

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"quire/lang"
	"quire/library"
	"quire/llm"
	"quire/store"
)

const (
	textEmptyLibrary = "Drop PDFs or a folder here to start."
	textNotFound     = "I couldn't find this in your documents."
	textBanner       = "Keyword search is on. Add the semantic models for better answers."
	textAskHint      = "Ask about your documents…"
	textSourceHint   = "Click a citation to see the passage it comes from."
	textWeakMatches  = "Closest passages (weak matches):"
	textNoneChosen   = "Tick at least one document in the library to search."
	textNoSearchable = "None of your documents has searchable text yet. Add PDFs with a text layer first."
	textOpening      = "Opening your library…"
	textNoDocuments  = "No documents yet."
	textRebuilt      = "The library was rebuilt from its PDFs."
)

// pagesText is "1 p" or "128 pp".
func pagesText(n int) string {
	if n == 1 {
		return "1 p"
	}
	return fmt.Sprintf("%d pp", n)
}

// docStatusLine is the line under a document's name in the LIBRARY pane.
func docStatusLine(d store.Document, ocr ocrState) string {
	switch d.Status {
	case store.StatusIndexed, store.StatusNoText:
		s := pagesText(d.Pages) + " · indexed"
		if d.Status == store.StatusNoText {
			s = pagesText(d.Pages) + " · no text layer"
		}
		if d.Lang != "" && d.Lang != lang.English {
			s += " · " + lang.Name(d.Lang)
		}
		if o := library.OCRStatus(d, ocr.installed, ocr.enabled); o != "" {
			s += " · " + o
		}
		return s
	case store.StatusError:
		// ingest.Reason phrases reasons to follow the file name:
		// "broken.pdf is damaged and could not be read".
		if needsPassword(d) {
			return d.Error + " — click to enter it"
		}
		if reason := strings.TrimSpace(d.Error); reason != "" {
			return reason
		}
		return "could not be read"
	default:
		return string(d.Status)
	}
}

// needsPassword reports whether a document failed only for want of the
// right password.
func needsPassword(d store.Document) bool {
	return d.Status == store.StatusError && d.NeedsPassword
}

// searchable reports whether a document can be chosen for questions.
func searchable(d store.Document) bool { return d.Status == store.StatusIndexed }

// searchingHeader is the CHAT header, e.g. "Searching 2 of 3 documents".
// of counts every document that was read (failed files are not counted).
func searchingHeader(chosen, of int) string {
	if of == 0 {
		return "No documents to search yet"
	}
	noun := "documents"
	if of == 1 {
		noun = "document"
	}
	return fmt.Sprintf("Searching %d of %d %s", chosen, of, noun)
}

// pageRef is "p.12" for the page an answer quotes, or "pp.12–13" for the
// span of a passage it does not quote from (as the CLI prints it).
func pageRef(c llm.Citation) string {
	if !c.Used && c.PageEnd > c.PageStart && c.PageStart > 0 {
		return fmt.Sprintf("pp.%d–%d", c.PageStart, c.PageEnd)
	}
	return fmt.Sprintf("p.%d", c.Page)
}

// citationLabel is the text of a citation button: "[1] file.pdf p.12",
// with " (OCR)" when the passage was read from a page image.
func citationLabel(c llm.Citation) string {
	s := fmt.Sprintf("[%d] %s %s", c.N, c.File, pageRef(c))
	if c.OCR > 0 {
		s += " (OCR)"
	}
	return s
}

// sourcePageLine is the SOURCE pane's "page 1 of 5" line, naming the
// passage's span when it runs over several pages; pages is 0 when the
// document is unknown.
func sourcePageLine(c llm.Citation, pages int) string {
	s := "page " + strconv.Itoa(c.Page)
	if pages > 0 {
		s += " of " + strconv.Itoa(pages)
	}
	if c.PageEnd > c.PageStart && c.PageStart > 0 {
		s += fmt.Sprintf(" · passage spans pp.%d–%d", c.PageStart, c.PageEnd)
	}
	if c.OCR > 0 {
		s += fmt.Sprintf(" · text read by OCR (confidence %.0f %%)", c.OCR)
	}
	return s
}

// searchedCount is "Searched 19 documents", shown under an abstention
// with a toggle for their names.
func searchedCount(n int) string {
	switch n {
	case 0:
		return "Searched: no documents"
	case 1:
		return "Searched 1 document"
	}
	return fmt.Sprintf("Searched %d documents", n)
}

// answerPart is a run of answer text, or a citation marker when Cite > 0.
type answerPart struct {
	Text string
	Cite int
}

var markerRE = regexp.MustCompile(`\[(\d+)\]`)

// splitAnswer cuts an answer's text at its [n] markers. Markers whose n is
// not in cited stay plain text, so a stray "[3]" never becomes a dead link.
func splitAnswer(text string, cited map[int]bool) []answerPart {
	var parts []answerPart
	last := 0
	for _, m := range markerRE.FindAllStringSubmatchIndex(text, -1) {
		n, err := strconv.Atoi(text[m[2]:m[3]])
		if err != nil || !cited[n] {
			continue
		}
		if m[0] > last {
			parts = append(parts, answerPart{Text: text[last:m[0]]})
		}
		parts = append(parts, answerPart{Text: text[m[0]:m[1]], Cite: n})
		last = m[1]
	}
	if last < len(text) {
		parts = append(parts, answerPart{Text: text[last:]})
	}
	return parts
}

// clock is "0:12" or "1:02:03".
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s < 0 {
		s = 0
	}
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// summaryLine says what an ingest run did, in one line.
func summaryLine(s library.Summary, err error) string {
	var parts []string
	added := s.Indexed + s.NoText
	switch {
	case added == 1:
		parts = append(parts, fmt.Sprintf("Added 1 file (%s)", pagesText(s.Pages)))
	case added > 1:
		parts = append(parts, fmt.Sprintf("Added %d files (%s)", added, pagesText(s.Pages)))
	}
	if s.NoText > 0 {
		parts = append(parts, fmt.Sprintf("%d need OCR", s.NoText))
	}
	if s.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d could not be read", s.Failed))
	}
	if s.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d already in the library", s.Skipped))
	}
	switch {
	case s.Removed == 1:
		parts = append(parts, "1 removed: its file was deleted")
	case s.Removed > 1:
		parts = append(parts, fmt.Sprintf("%d removed: their files were deleted", s.Removed))
	}
	switch {
	case errors.Is(err, context.Canceled):
		parts = append(parts, "indexing cancelled")
	case err != nil && len(parts) == 0:
		return "Could not add: " + plainError(err) + "."
	case err != nil:
		parts = append(parts, "then stopped: "+plainError(err))
	case len(parts) == 0:
		return "No PDFs found there."
	}
	return strings.Join(parts, " · ") + "."
}

// plainError turns an error into one short sentence for the window: the
// first line only, no Go type names, never a stack trace.
func plainError(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, context.Canceled) {
		return "stopped"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "took too long and was stopped"
	}
	if errors.Is(err, store.ErrReadOnly) {
		return "the disk is full, so the library is open for questions only. Free some space, then start Quire again"
	}
	if errors.Is(err, library.ErrDiskFull) {
		return "the disk is full. Free some space, then add the files again; nothing already in the library was lost"
	}
	msg := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	if msg == "" {
		return "something went wrong"
	}
	return msg
}

// oneLine collapses runs of white space, newlines included, to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// excerptRunes bounds a citation's excerpt: the row cuts it to its width
// anyway, and a whole chunk would be measured for nothing.
const excerptRunes = 200

// citationExcerpt is the text beside a citation in the list under an
// answer: what the answer quoted from it, else the start of its passage
// (a weak match under an abstention quotes nothing, and a bare file name
// and page do not say whether it is worth opening).
func citationExcerpt(c llm.Citation) string {
	s := oneLine(c.Snippet)
	if s == "" {
		s = oneLine(c.Text)
	}
	if r := []rune(s); len(r) > excerptRunes {
		s = string(r[:excerptRunes]) + "…"
	}
	return s
}

// highlight cuts text around the first exact occurrence of snippet (less
// any "…" the snippet was trimmed with) and returns before, match, after;
// match is empty when the snippet is not found verbatim.
func highlight(text, snippet string) (before, match, after string) {
	snippet = strings.TrimSpace(strings.Trim(strings.TrimSpace(snippet), "…"))
	if snippet == "" {
		return text, "", ""
	}
	i := strings.Index(text, snippet)
	if i < 0 {
		return text, "", ""
	}
	return text[:i], snippet, text[i+len(snippet):]
}

var paragraphRE = regexp.MustCompile(`\n[ \t]*\n\s*`)

// reflow joins the hard line breaks PDF text keeps inside paragraphs, so a
// passage wraps to the pane; blank lines still separate paragraphs.
func reflow(text string) string {
	paras := paragraphRE.Split(strings.TrimSpace(text), -1)
	for i, p := range paras {
		paras[i] = oneLine(p)
	}
	return strings.Join(paras, "\n\n")
}

// textSearchExact asks again with the question's words as typed, after
// an answer to the question corrected.
const textSearchExact = "Search as typed"

// correctedLine is "Showing results for: What types of hearing care…",
// above the answer to a question searched with its typos corrected.
func correctedLine(corrected string) string {
	return "Showing results for: " + oneLine(corrected)
}

// askedAgainLine is "Searched every document, as asked." above the answer
// to a question asked again by Search all documents, or "Searched the
// words as typed, as asked." by Search as typed; "" for a question asked
// once.
func askedAgainLine(widened, asTyped bool) string {
	switch {
	case widened:
		return "Searched every document, as asked."
	case asTyped:
		return "Searched the words as typed, as asked."
	}
	return ""
}

// textSearchAll widens an answer kept to the documents a question named.
const textSearchAll = "Search all documents"

// maxListedNames is the most documents a scope note names in its line;
// past it the names are behind a toggle, as an abstention's are.
const maxListedNames = 10

// scopedLine is "Searched only GENERALMILLS_2019_10K.pdf, named in the
// question", beside an answer kept to the documents the question named, or
// "Searched only the documents about Northwind: …" when the question named
// none but said their subject. Past maxListedNames documents it counts
// them instead ("Searched only the 12 documents about Northwind"). The
// named documents left out for a later filing of theirs (earlier) are
// said too, so the user knows to name a year.
func scopedLine(names, about, earlier []string) string {
	line := scopedNames(names, about)
	if len(earlier) > 0 && len(about) == 0 {
		line += ", not the earlier " + strings.Join(earlier, ", ") + ": a year in the question searches that year's"
	}
	return line
}

// scopedNames is scopedLine's list of the documents searched.
func scopedNames(names, about []string) string {
	if len(names) > maxListedNames {
		if len(about) > 0 {
			return fmt.Sprintf("Searched only the %d documents about %s", len(names), strings.Join(about, ", "))
		}
		return fmt.Sprintf("Searched only the %d documents named in the question", len(names))
	}
	if len(about) > 0 {
		return "Searched only the documents about " + strings.Join(about, ", ") + ": " + strings.Join(names, ", ")
	}
	return "Searched only " + strings.Join(names, ", ") + ", named in the question"
}
