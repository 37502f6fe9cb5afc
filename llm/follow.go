package llm

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The unit that best matches a question is not always the one that
// answers it: a definition ("The plan has a calendar year deductible that
// applies to some services.") is followed by its value ("$1,500 for
// individuals and $3,000 for families."), a question in a FAQ by its
// answer, a heading or a lead-in ending in a colon by the list it
// introduces. follow brings those along.

// maxFollow bounds the units one unit brings along.
const maxFollow = 4

// same reports whether u and v quote the same line (a table row alone and
// with its header are one fact), or one quotes a piece of the other: two
// overlapping chunks cut a sentence at different places, so one of them
// holds only its tail ("and following the tips outlined above, …").
func (u unit) same(v unit) bool {
	if u.hit == v.hit && u.pos == v.pos {
		return true
	}
	a, b := squash(u.text), squash(v.text)
	if a == b {
		return true
	}
	short, long, words := a, b, u.text
	if len(a) > len(b) {
		short, long, words = b, a, v.text
	}
	return len(strings.Fields(words)) > minPieceWords && strings.Contains(long, short)
}

// minPieceWords: a piece this short ("Deductible", "Total 1,234") may
// stand on its own line and inside a longer one and still be a fact of
// its own.
const minPieceWords = 4

// squash is text reduced to its letters and digits, lower case (flatten
// without its spaces), so the same sentence in two overlapping chunks (or
// wrapped differently) is seen as one.
func squash(s string) string { return strings.ReplaceAll(flatten(s), " ", "") }

// places finds a unit by its hit and position, so follow and passage can
// read the lines after a unit; where a line is both a unit of its own and
// a table row with its header, the line itself is kept.
type places map[[2]int]unit

func placesOf(all []unit) places {
	at := places{}
	for _, u := range all {
		k := [2]int{u.hit, u.pos}
		if _, ok := at[k]; !ok || u.loc == "" {
			at[k] = u
		}
	}
	return at
}

// follow adds to chosen the units that complete them, from the same
// chunk; a FAQ question is replaced by its answer, a lead-in is followed
// by the items of its list that the question asks for.
func follow(chosen []unit, at places, wantFigure bool, list listAsk) []unit {
	var out []unit
	add := func(u unit) {
		for _, v := range out {
			if v.same(u) {
				return
			}
		}
		out = append(out, u)
	}
	for _, u := range chosen {
		next := func(i int) (unit, bool) {
			v, ok := at[[2]int{u.hit, u.pos + i}]
			return v, ok
		}
		switch {
		case strings.HasSuffix(u.text, "?"):
			n := 0
			for i := 1; i <= maxFollow; i++ {
				v, ok := next(i)
				if !ok || strings.HasSuffix(v.text, "?") {
					break
				}
				if n == 0 && bareReply(v.text) {
					v = withQuestion(u, v)
				}
				add(v)
				n++
				if endsSentenceMark(v.text) {
					break
				}
			}
			if n == 0 {
				add(u)
			}
		case strings.HasSuffix(u.text, ":") || isLeadIn(u.text, next) || tableLeadIn.MatchString(u.text):
			add(u)
			n := 0
			for _, v := range at.listAfter(u, list.limit()+maxListItems) {
				if n == list.limit() {
					break
				}
				if list.keeps(v.text) {
					add(v)
					n++
				}
			}
		case wantFigure && !hasFigure(u.text):
			add(u)
			for i := 1; i <= 2; i++ {
				v, ok := next(i)
				if !ok || isListItem(u.text) && isListItem(v.text) {
					break // the next item of a list ("2020 Series A …") is no value of this one
				}
				if strings.HasSuffix(v.text, "?") {
					break // a FAQ's next question: what follows answers it, not this
				}
				if hasFigure(v.text) {
					add(v)
					break
				}
			}
		default:
			add(u)
		}
	}
	return out
}

// isLeadIn: a short heading without figures whose next line starts a list.
func isLeadIn(text string, next func(int) (unit, bool)) bool {
	if len(strings.Fields(text)) > 8 || hasFigure(text) || endsSentenceMark(text) {
		return false
	}
	v, ok := next(1)
	return ok && isListItem(v.text)
}

// tableLeadIn: a sentence that introduces the table under it.
var tableLeadIn = regexp.MustCompile(`(?i)\b(?:table below|following table|as follows|set forth below|summari[sz]ed below)\b`)

// listItem: a bullet, a numbered item or a line that starts with a year.
var listItem = regexp.MustCompile(`^(?:[•·▪◦‣∙*–-]|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|(?:19|20)\d\d\b)`)

func isListItem(text string) bool { return listItem.MatchString(text) }

// hasFigure: the text holds a number that is not only a year, nor part
// of a name (Magpie-4, Q3) or a list's numbering ("2.").
func hasFigure(text string) bool {
	fs := strings.Fields(text)
	for i, w := range fs {
		w = strings.TrimLeft(w, "($€£¥~≈+-–")
		if w == "" || !unicode.IsDigit([]rune(w)[0]) || isYear(w) || listNumber.MatchString(w) {
			continue
		}
		if i > 0 && referenceWord.MatchString(fs[i-1]) {
			continue // "(Figure 2)" points to a figure, it states none
		}
		return true
	}
	return false
}

// referenceWord: a word that numbers a part of the document ("Figure 2",
// "Table 3", "Section 4.1", "Eq. 5").
var referenceWord = regexp.MustCompile(`^\(?(?:Figure|Fig\.|Table|Section|Sec\.|Eq\.|Equation|Appendix|Chapter|Algorithm)$`)

// listNumber: the number of a list item or section ("2.", "3)").
var listNumber = regexp.MustCompile(`^\d{1,2}[.)]$`)

// figureQuestion: questions whose answer is an amount.
var figureQuestion = regexp.MustCompile(`(?i)\bhow (?:many|much|long|often|old|far|big|large|fast|heavy)\b|\bwhat (?:percentage|percent|proportion|share|amount|number|size)\b|\b(?:price|cost|fee|rate|amount|total|deductible|copay|co-pay|coinsurance|limit|maximum|minimum|ratio|margin|revenue|income|salary|expense|sales|growth|capex|backlog|dividend|payload|mass|weight|speed|runtime|warranty)s?\b`)

func expectsFigure(question string) bool {
	return figureQuestion.MatchString(question) && !explainQuestion.MatchString(question)
}

// explainQuestion asks what a thing is for, not its amount: "What is the
// role of coinsurance in Northwind Health Plus?"
var explainQuestion = regexp.MustCompile(`(?i)\b(?:role|purpose|meaning|definition|importance|significance)s? of\b`)

// sourceMarker is a bracketed number in a document's own text (its
// reference list), which must not read as one of Quire's citations.
var sourceMarker = regexp.MustCompile(`\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]`)

// escapeMarkers writes a document's own "[4]" as "［4］", so it is shown as
// the document wrote it but never taken for a citation.
func escapeMarkers(text string) string {
	return sourceMarker.ReplaceAllString(text, "［$1］")
}

// numbering gives the hits an answer quotes the numbers 1, 2, … in the
// order the answer first cites them.
func numbering(chosen []unit) map[int]int {
	num := map[int]int{}
	for _, u := range chosen {
		if _, ok := num[u.hit]; !ok {
			num[u.hit] = len(num) + 1
		}
	}
	return num
}

// renumber orders the citations as numbered (see numbering), the ones
// the answer does not quote after them, and sets each one's N.
func renumber(cs []Citation, num map[int]int) []Citation {
	out := make([]Citation, 0, len(cs))
	byNum := make([]int, len(num))
	for hit, n := range num {
		byNum[n-1] = hit
	}
	for _, hit := range byNum {
		out = append(out, cs[hit])
	}
	for i, c := range cs {
		if _, ok := num[i]; !ok {
			out = append(out, c)
		}
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

func marker(n int) string { return "[" + strconv.Itoa(n) + "]" }

// capitalised reports whether a word starts with an upper-case letter.
func capitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// introduces reports whether a line may introduce the list below it: it
// ends with a colon ("These include:"), or is a heading, short
// (maxHeadingWords) and with no sentence's stop ("Vision Care").
func introduces(line string) bool {
	line = strings.TrimSpace(line)
	return strings.HasSuffix(line, ":") || len(strings.Fields(line)) <= maxHeadingWords && !stopsSentence(line)
}

// stopsSentence reports whether a line ends with a sentence's stop.
func stopsSentence(line string) bool {
	line = strings.TrimRight(strings.TrimSpace(line), "”\"’)")
	return strings.HasSuffix(line, ".") || strings.HasSuffix(line, "!") || strings.HasSuffix(line, "?")
}

// minSentenceWords is the fewest words a line needs to be taken for a
// sentence.
const minSentenceWords = 5

// proseSentence: a line that starts in capitals, ends a sentence and is
// neither a list item nor a table row.
func proseSentence(line string) bool {
	r := []rune(line)
	return len(strings.Fields(line)) >= minSentenceWords && unicode.IsUpper(r[0]) && stopsSentence(line) && !isBullet(line) && !tableRow(line)
}

// wholeSentence: a list item that is a sentence of its own ("• Be aware
// that Northwind Standard does not cover emergency services, …") says
// what it says without its list's lead-in.
func wholeSentence(item string) bool {
	text := strings.TrimSpace(strings.TrimLeft(item, "•◦▪-–* "))
	return text != "" && proseSentence(text)
}

// Most list items alone say nothing of the list they are in: "• Routine eye
// exams" may be what a plan covers or what needs no prior authorization.
// withLeadIn puts before an answer that starts with a list item the line
// that introduces its list, and the sentence before it when that line is
// only "These include:".
func withLeadIn(primary []unit, at places) []unit {
	u := primary[0]
	if !isBullet(u.text) || wholeSentence(u.text) {
		return primary
	}
	var lead []unit
	for i := 1; i <= maxTableRows; i++ {
		v, ok := at[[2]int{u.hit, u.pos - i}]
		if !ok {
			break
		}
		if isBullet(v.text) {
			continue
		}
		if len(lead) == 0 && !introduces(v.text) {
			// A sentence above the item is the end of the item before
			// it ("• … called up to serve as part" / "of the U.S.
			// COVID-19 response.") or of a paragraph, which introduces
			// no list.
			return primary
		}
		lead = append(lead, v)
		if len(strings.Fields(v.text)) > 4 || !strings.HasSuffix(v.text, ":") {
			break
		}
	}
	if len(lead) > 0 {
		slices.Reverse(lead)
		return merge(lead, primary)
	}
	// The chunk starts inside the list: the line after it is what is
	// left to say what the list is ("the list of services … exempt from
	// prior authorization is subject to change").
	for i := 1; i <= maxTableRows; i++ {
		v, ok := at[[2]int{u.hit, u.pos + i}]
		if !ok {
			break
		}
		if !isBullet(v.text) {
			return merge(primary, []unit{v})
		}
	}
	return primary
}

// isBullet: a line that is an item of a list.
func isBullet(line string) bool {
	return strings.HasPrefix(line, "•") || strings.HasPrefix(line, "◦") || strings.HasPrefix(line, "▪") ||
		strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "– ") || strings.HasPrefix(line, "* ")
}

// listAfter are the list items or rows that follow u, at most n: in u's
// hit, and where the list runs to the end of that hit's chunk, on in the
// hit of the next chunk, which overlaps it (a list of milestones is cut
// between two chunks that both rank).
func (at places) listAfter(u unit, n int) []unit {
	var items []unit
	for last := u; len(items) < n; {
		v, ok := at[[2]int{last.hit, last.pos + 1}]
		if !ok {
			if v, ok = at.inNextChunk(last); !ok {
				break
			}
		}
		listed := len(items) > 0 && isListItem(items[0].text)
		if !isListItem(v.text) && (!isRowLike(v.text) || listed && !hasFigure(v.text)) {
			break // a list ends at a heading ("Office locations")
		}
		if !slices.ContainsFunc(items, v.same) {
			items = append(items, v)
		}
		last = v
	}
	return items
}

// inNextChunk finds the line after u in another hit whose chunk is the
// next one of u's document and holds u's line too.
func (at places) inNextChunk(u unit) (unit, bool) {
	if u.chunk == nil {
		return unit{}, false
	}
	for k, v := range at {
		c := v.chunk
		if k[0] == u.hit || c == nil || c.DocID != u.chunk.DocID || c.Ord != u.chunk.Ord+1 || v.text != u.text {
			continue
		}
		next, ok := at[[2]int{k[0], k[1] + 1}]
		return next, ok
	}
	return unit{}, false
}

// bareReplyRE is a reply that says nothing without its question: "No.",
// "Yes, it does."
var bareReplyRE = regexp.MustCompile(`(?i)^(?:yes|no)\b[^.!]{0,20}[.!]?$`)

// bareReply: text answers a FAQ's question only beside it.
func bareReply(text string) bool { return bareReplyRE.MatchString(strings.TrimSpace(text)) }

// withQuestion is the reply v quoted after its FAQ question q, as one
// line: "Can the Magpie-7 work outdoors? No." rather than "No.", which
// answered "Can I return a Magpie-7?" as if it were asked. Its page is
// the reply's.
func withQuestion(q, v unit) unit {
	if v.loc == "" {
		v.loc = v.text
	}
	v.text = q.text + " " + v.text
	return v
}
