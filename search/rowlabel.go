package search

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// A question often names a table's row: "What is the value of packaging
// in 2019?" names "Packaging 2,230 2,072" of an inventories table under
// "2019 2018". BM25 weighs "packaging" where it is said most, in prose
// about packaging costs; the row that states the figure says it once, in
// a chunk of other rows. A hit that holds a row whose label the question
// says word for word, with figures, in a chunk that holds the year
// asked, is moved ahead of the others, in rank order.

// genericLabel are labels that name no measure of their own: a total or
// a remainder of whatever the table is about.
var genericLabel = map[string]bool{"total": true, "other": true, "net": true, "all other": true, "subtotal": true, "balance": true}

// arithmeticWords say what is done with a row's figures, not which row:
// "the average value of packaging for years 2018 and 2019" names
// packaging.
const arithmeticWords = `value values amount amounts total totals sum combined altogether average mean change changes
	difference percentage percent growth rate increase decrease year years fiscal respectively between from
	in for of the and to as at during ended ending`

// minRowShare is the share of the question's measure words a row's label
// must say: "Packaging" is half of "value of packaging"; "Shares" is not
// half of "the net change in the number of shares for restricted stock
// and restricted stock units".
const minRowShare = 0.5

// rowsFirst moves to the front of hits the best one that holds a row the
// question names (see namesRow); the others follow in order. When none
// of them does, the chunks of docs (all when nil) that say every
// measure word and a year asked are searched for one (see rowSearch).
func (s *Searcher) rowsFirst(ctx context.Context, question string, hits []Hit, docs []uint64) ([]Hit, error) {
	years := AskedYears(question)
	if len(years) == 0 || len(hits) < 2 {
		return hits, nil
	}
	measure := s.measureWords(question)
	if len(measure) == 0 {
		return hits, nil
	}
	q := " " + strings.Join(measure, " ") + " "
	lower := strings.ToLower(question)
	for i, h := range hits {
		if s.namesRow(h.Chunk.Text, q, lower, len(measure), years) {
			h.Row = true
			out := append([]Hit{h}, hits[:i]...)
			return append(out, hits[i+1:]...), nil
		}
	}
	h, ok, err := s.rowSearch(ctx, measure, years, docs, hits, func(text string) bool {
		return s.namesRow(text, q, lower, len(measure), years)
	})
	if err != nil || !ok {
		return hits, err
	}
	h.Row = true
	return append([]Hit{h}, hits...), nil
}

// rowSearchDepth is how many of the chunks that say every measure word
// rowSearch reads.
const rowSearchDepth = 10

// rowSearch is the best chunk of docs, not among hits, that says every
// measure word and a year asked and of which names holds.
func (s *Searcher) rowSearch(ctx context.Context, measure []string, years []int, docs []uint64, hits []Hit, names func(string) bool) (Hit, bool, error) {
	some := make([]string, len(years))
	for i, y := range years {
		some[i] = strconv.Itoa(y)
	}
	found, err := s.store.SearchEvery(ctx, measure, some, rowSearchDepth, docs)
	if err != nil || len(found) == 0 {
		return Hit{}, false, err
	}
	had := map[rowRef]bool{}
	for _, h := range hits {
		had[rowRef{h.Doc.ID, h.Chunk.Ord}] = true
	}
	refs := slices.DeleteFunc(rankedOf(found), func(r ranked) bool { return had[r.ref] })
	more, err := s.load(refs)
	if err != nil {
		return Hit{}, false, err
	}
	for _, h := range more {
		if names(h.Chunk.Text) {
			return h, true, nil
		}
	}
	return Hit{}, false, nil
}

// measureWords are the question's analysed words, in order, but for those
// that shape a question or an arithmetic and figures.
func (s *Searcher) measureWords(question string) []string {
	var out []string
	for _, t := range s.store.Analyze(question) {
		if !s.asking[t] && !s.arithmetic[t] && !strings.ContainsFunc(t, unicode.IsDigit) {
			out = append(out, t)
		}
	}
	return out
}

// namesRow: text holds a year asked and a row with figures whose label's
// analysed words the question says in a row and are at least minRowShare
// of its n measure words (q: those words, space-separated and -padded;
// lower: the question in lower case).
func (s *Searcher) namesRow(text, q, lower string, n int, years []int) bool {
	if isContents(text) {
		return false
	}
	if !slices.ContainsFunc(years, func(y int) bool { return strings.Contains(text, strconv.Itoa(y)) }) {
		return false
	}
	if namesColumn(text, lower, years) {
		return true
	}
	for line := range strings.Lines(text) {
		label, ok := rowLabelOf(line)
		if !ok || genericLabel[label] || !strings.Contains(lower, strings.Fields(label)[0]) {
			continue
		}
		terms := s.store.Analyze(label)
		if len(terms) > 0 && float64(len(terms)) >= minRowShare*float64(n) && strings.Contains(q, " "+strings.Join(terms, " ")+" ") {
			return true
		}
	}
	return false
}

// namesColumn: text holds a block headed by a year asked, on a line of
// its own, whose next line names columns of which the question says one
// and whose first row has a figure in each ("2018" / "Low High" / "First
// Quarter $ 5.99 $ 8.40" for "the average quarterly low price in 2018").
func namesColumn(text, lower string, years []int) bool {
	lines := strings.Split(text, "\n")
	for i := 0; i+1 < len(lines); i++ {
		y, err := strconv.Atoi(strings.TrimSpace(lines[i]))
		if err != nil || !slices.Contains(years, y) {
			continue
		}
		cols := strings.Fields(strings.ToLower(lines[i+1]))
		if len(cols) < 2 || len(cols) > 4 || strings.ContainsFunc(lines[i+1], unicode.IsDigit) ||
			i+2 == len(lines) || figureCount(lines[i+2]) != len(cols) {
			continue // not a block of rows with a figure in each column
		}
		for _, c := range cols {
			if len(c) > 2 && containsWord(lower, c) {
				return true
			}
		}
	}
	return false
}

// figureCount is how many of a row's words after its label are figures,
// 0 when it has no label.
func figureCount(line string) int {
	label, ok := rowLabelOf(line)
	if !ok || label == "" {
		return 0
	}
	n := 0
	for _, w := range strings.Fields(line) {
		if strings.ContainsFunc(w, unicode.IsDigit) {
			n++
		}
	}
	return n
}

// containsWord: s holds w as a whole word, or its plural.
func containsWord(s, w string) bool {
	for i := strings.Index(s, w); i >= 0; {
		end := i + len(w)
		if end < len(s) && s[end] == 's' {
			end++
		}
		if (i == 0 || !isLetter(s[i-1])) && (end == len(s) || !isLetter(s[end])) {
			return true
		}
		j := strings.Index(s[i+1:], w)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// rowLabelOf is a table row's label in lower case, its footnote number
// left out: the words before its first figure, when figures follow
// ("Packaging 2,230 2,072" → "packaging"); ok is false for a line that is
// not such a row.
func rowLabelOf(line string) (string, bool) {
	line = strings.TrimSpace(line)
	i := strings.IndexFunc(line, func(r rune) bool { return unicode.IsDigit(r) || r == '$' || r == '€' || r == '£' })
	if i <= 0 || !figuresFrom(line[i:]) {
		return "", false
	}
	label := strings.ToLower(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[:i]), "($€£:")))
	label = strings.TrimSpace(strings.TrimSuffix(label, "("))
	if label == "" || len(strings.Fields(label)) > maxLabelWords || !strings.ContainsFunc(label, unicode.IsLetter) {
		return "", false
	}
	return label, true
}

// maxLabelWords bounds a row's label; a sentence with a figure is longer.
const maxLabelWords = 8

// figuresFrom: the rest of a row is figures: digits, separators,
// currency signs, brackets, dashes and percent signs only, and at least
// one digit.
func figuresFrom(rest string) bool {
	for _, r := range rest {
		if !(unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune("$€£,.()%—–-*", r)) {
			return false
		}
	}
	return strings.ContainsFunc(rest, unicode.IsDigit) // "All Other Fees $ -- $ --" states none
}
