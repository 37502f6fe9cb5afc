package llm

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"quire/store"
)

// A formula's terms are lines of the company's financial statements, and
// the statements are rarely all among the passages a search returns: the
// income statement ranks for "revenue", and the capital expenditures of
// "EBITDA less capex" are a page further, in the cash flow statement.
// An analyst opens the statements themselves; so does this: the filing's
// chunks are read in order, and the rows under each statement's title
// and column years are its line items.

// stmtRow is one row of a financial statement with its figure for each
// column year.
type stmtRow struct {
	kind   statementKind
	labels []string // normalised: the row's own, and with a wrapped line before it
	header string   // the column years as written, for the quote
	scale  string   // the statement's unit ("in thousands"), "" when it states none
	text   string   // the row as quoted
	loc    string   // the row as written
	// section is the heading the row is under ("liabilities"),
	// normalised, "" when none was read.
	section string
	values  series
	chunk   int // index of the chunk it is read from, in the document's order
}

// stmtDoc is a document's statements.
type stmtDoc struct {
	doc    store.Document
	chunks []store.Chunk
	rows   []stmtRow
}

// maxStatementLines bounds how far below its title a statement's rows
// are read.
const maxStatementLines = 160

// statementRows reads the rows of every financial statement among a
// document's chunks, given in order.
func statementRows(chunks []store.Chunk) []stmtRow {
	lines, from := mergedLines(chunks)
	var out []stmtRow
	var kind statementKind
	var years []int
	var header, pending, section, scale string
	since, read := 0, false // read: a row of this statement was read
	for i, l := range lines {
		low := strings.ToLower(l)
		if k, ok := titleKind(l); ok {
			kind, years, header, pending, section, since, read = k, nil, "", "", "", 0, false
			scale = scaleOf(l)
			continue
		}
		if kind != 0 && !read && scale == "" {
			scale = scaleOf(l) // "(in thousands, except per share data)" below the title
		}
		since++
		if kind == 0 || since > maxStatementLines || statementEnd.MatchString(low) || strings.Contains(low, "statement") && otherStatement.MatchString(low) && len(strings.Fields(low)) <= maxStatementTitleWords {
			kind = 0
			continue
		}
		if !read && since <= maxHeaderLines && interimRE.MatchString(low) && len(strings.Fields(l)) <= maxStatementTitleWords {
			// A quarter's statements: their years are not fiscal years,
			// and the balance sheet beside them is at the quarter's end.
			return nil
		}
		if ys, ok := yearsLine(l); ok {
			if len(ys) >= 2 {
				years, header = ys, strings.TrimSpace(l)
			} else {
				years, header = append(years, ys...), strings.TrimSpace(header+" "+l)
			}
			continue
		}
		label, cells := splitCells(l)
		if len(cells) == 0 {
			pending, section = label, label
			continue
		}
		text := strings.TrimSpace(l)
		if label == "" && section != "" {
			// A section's total is often unlabelled ("Revenues", its
			// lines, then "5,162,082 12,899,672 11,763,096").
			label, text = section, section+" … "+text
		}
		if label == "" || len(cells) != len(years) {
			pending = ""
			continue
		}
		s := series{}
		for j, c := range cells {
			if !c.blank {
				s[years[j]] = c.amount
			}
		}
		labels := []string{normLabel(label)}
		if pending != "" {
			labels = append(labels, normLabel(pending+" "+label))
		}
		read = true
		out = append(out, stmtRow{kind: kind, labels: labels, header: header, scale: scale, text: text, loc: strings.TrimSpace(l), section: normLabel(section), values: s, chunk: from[i]})
		pending = ""
	}
	return out
}

// scaleOf is the unit a line states for a table's figures, "" if none.
func scaleOf(line string) string {
	if m := scaleRE.FindStringSubmatch(line); m != nil {
		if m[3] != "" {
			return "in " + strings.ToLower(m[3]) + "s" // "$ million"
		}
		return "in " + strings.ToLower(m[1]+m[2])
	}
	return ""
}

// interimRE: a statement's columns are a quarter's or a half's ("Three
// Months Ended June 30,"): a filing with such statements is an interim
// report, whose "2023" is not fiscal 2023.
var interimRE = regexp.MustCompile(`\b(?:three|six|nine|thirteen|twenty-six|3|6|9|13|16|24|26|28|36|39|40) (?:months|weeks)\b|\bquarters? ended\b`)

// maxHeaderLines bounds how far below its title a statement's column
// header is.
const maxHeaderLines = 8

// statementEnd is the line that closes a statement.
var statementEnd = regexp.MustCompile(`^(?:see (?:the )?accompanying notes|the accompanying notes\b|notes to (?:the )?consolidated financial statements)`)

// otherStatement is the title of a statement no formula reads (of
// comprehensive income, of equity): it ends the one before.
var otherStatement = regexp.MustCompile(`^(?:[a-z0-9.,&' -]*?\b(?:inc|corp|corporation|company|co|ltd|plc|llc|group|holdings)\.?,? )?(?:consolidated |combined )?statements? of\b`)

// titleKind: the line is a statement's title.
func titleKind(line string) (statementKind, bool) {
	if len(strings.Fields(line)) > maxStatementTitleWords || endsSentenceMark(line) {
		return 0, false
	}
	low := strings.ToLower(line)
	if !strings.Contains(low, "statement") && !strings.Contains(low, "balance sheet") {
		return 0, false // every title says one or the other
	}
	for _, k := range []statementKind{incomeStatement, balanceSheet, cashFlowStatement} {
		if statementTitles[k].MatchString(low) {
			return k, true
		}
		// "SQUARE, INC. CONSOLIDATED BALANCE SHEETS", "NIKE, Inc.
		// Consolidated Statements of Income": after the company's name.
		if loc := companyTitleRE.FindStringIndex(low); loc != nil && statementTitles[k].MatchString(low[loc[1]:]) {
			return k, true
		}
	}
	return 0, false
}

// companyTitleRE is a company's name before a statement's title.
var companyTitleRE = regexp.MustCompile(`^[a-z0-9.,&' -]*?\b(?:inc|corp|corporation|company|co|ltd|plc|llc|group|holdings|n\.v|s\.a|ag)\.?,? `)

// maxStatementTitleWords bounds a title line; a sentence that begins with a
// statement's name is longer.
const maxStatementTitleWords = 14

// yearsLine reads a line of column years ("2019 2018 2017", "May 26,"
// then "2019", "Fiscal Years Ended January 31, (Amounts in millions) 2020
// 2019 2018"): years and words, no other figure.
func yearsLine(line string) ([]int, bool) {
	if len(strings.Fields(line)) > maxStatementTitleWords || endsSentenceMark(line) || strings.Contains(line, ". ") || !onlyYearFigures(line) {
		return nil, false
	}
	var ys []int
	for _, r := range readings(line) {
		if r.year == 0 || slices.Contains(ys, r.year) { // "2023 2022 2023 2022": two periods' columns
			return nil, false
		}
		ys = append(ys, r.year)
	}
	return ys, len(ys) > 0
}

// onlyYearFigures: every word of line with a digit may be a year or a
// date's day; a row's figures ("1,234") are neither. It spares the
// figure reading of every row of a statement.
func onlyYearFigures(line string) bool {
	for _, w := range strings.Fields(line) {
		d := strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return r
			}
			return -1
		}, w)
		if len(d) > 2 && !(len(d) == 4 && (strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20"))) {
			return false
		}
	}
	return true
}

// cell is one figure of a row, or a dash for none.
type cell struct {
	amount amount
	blank  bool
}

var (
	cellRE  = regexp.MustCompile(`^(?:[-−]?\$?\d[\d,]*(?:\.\d+)?|\$?\([-−]?\$?\d[\d,]*(?:\.\d+)?\))$`)
	blankRE = regexp.MustCompile(`^[—–-]+$`)
)

// splitCells splits a row into its label and its figures, read from the
// right: a row's figures end it, a currency sign may stand alone.
func splitCells(line string) (string, []cell) {
	words := strings.Fields(line)
	var cells []cell
	i := len(words)
	for i > 0 {
		w := words[i-1]
		switch {
		case w == "$" || w == "€" || w == "£":
		case blankRE.MatchString(w):
			cells = append(cells, cell{blank: true})
		case cellRE.MatchString(w):
			a, ok := parseCell(w)
			if !ok {
				return strings.Join(words[:i], " "), reverse(cells)
			}
			cells = append(cells, cell{amount: a})
		default:
			if monthRE.MatchString(w) {
				return line, nil // a date's day ("December 31"), no figure
			}
			return strings.Join(words[:i], " "), reverse(cells)
		}
		i--
	}
	return "", reverse(cells)
}

func reverse(cs []cell) []cell {
	for i, j := 0, len(cs)-1; i < j; i, j = i+1, j-1 {
		cs[i], cs[j] = cs[j], cs[i]
	}
	return cs
}

// parseCell reads one figure: in parentheses or with a minus, negative.
func parseCell(w string) (amount, bool) {
	neg := strings.HasPrefix(w, "(") || strings.HasPrefix(w, "-") || strings.HasPrefix(w, "−")
	digits := strings.Trim(w, "()$-−")
	v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
	if err != nil {
		return amount{}, false
	}
	if neg {
		v = -v
	}
	a := amount{value: v, grouped: strings.Contains(digits, ",")}
	if _, frac, ok := strings.Cut(digits, "."); ok {
		a.decimals = len(frac)
	}
	return a, true
}

var (
	footnoteRE = regexp.MustCompile(`(?:\s*\((?:[a-z]|\d{1,2}|(?:see )?notes? [\d, and]+)\))+$`)
	spacesRE   = regexp.MustCompile(`\s+`)
	leaderRE   = regexp.MustCompile(`(?:\s*\.{2,})+[\s.]*`)
)

// normLabel is a label as matched: lower case, after its section's
// prefix ("Current assets: Cash and cash equivalents"), without
// footnote marks.
func normLabel(label string) string {
	l := strings.ToLower(strings.NewReplacer("’", "'", "—", "-", "–", "-").Replace(label))
	if i := strings.LastIndex(l, ": "); i >= 0 {
		l = l[i+2:]
	}
	l = leaderRE.ReplaceAllString(l, " ") // "activities.......... ....."
	l = footnoteRE.ReplaceAllString(strings.TrimSpace(l), "")
	return strings.Trim(spacesRE.ReplaceAllString(l, " "), " ,:")
}

// mergedLines are the lines of chunks in order, each with the index of
// its chunk. Chunks overlap: the lines a chunk begins with that the
// previous chunk holds, or the tail of one it holds (the chunk began
// inside it), are read once. Later lines are read even when the same
// words came before: every statement has its "(in millions)".
func mergedLines(chunks []store.Chunk) (lines []string, from []int) {
	var prev []string
	for ci, c := range chunks {
		var cur []string
		overlap := true // the chunk's first lines repeat the previous chunk's last
		for _, l := range strings.Split(c.Text, "\n") {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			cur = append(cur, l)
			if overlap = overlap && heldBy(l, prev); overlap {
				continue
			}
			lines = append(lines, l)
			from = append(from, ci)
		}
		prev = cur
	}
	return lines, from
}

// heldBy: l is one of lines, or the end of one.
func heldBy(l string, lines []string) bool {
	for _, p := range lines {
		if p == l || len(p) > len(l) && strings.HasSuffix(p, l) && p[len(p)-len(l)-1] == ' ' {
			return true
		}
	}
	return false
}

// docChunks reads a document's chunks that may hold its statements, in
// order: from each statement's title (its record says where,
// search.FindStatements) as far as statementRows reads below it, else
// every chunk. Reading a 10-K's ~500 chunks for every formula cost more
// than its search.
func docChunks(doc store.Document, chunk func(id string) (store.Chunk, error)) ([]store.Chunk, error) {
	read := map[int]store.Chunk{}
	get := func(ord int) (store.Chunk, error) {
		if c, ok := read[ord]; ok {
			return c, nil
		}
		c, err := chunk(store.ChunkID(doc.ID, ord))
		if err != nil {
			return c, fmt.Errorf("statements of %s: %w", doc.Name, err)
		}
		read[ord] = c
		return c, nil
	}
	titles := statementTitleOrds(doc)
	for _, o := range titles {
		// The chunks from the title until maxStatementLines lines below it.
		for c, lines := o, 0; c < doc.Chunks && lines <= maxStatementLines; c++ {
			ch, err := get(c)
			if err != nil {
				return nil, err
			}
			lines += strings.Count(ch.Text, "\n") + 1
		}
	}
	if titles == nil {
		for o := range doc.Chunks {
			if _, err := get(o); err != nil {
				return nil, err
			}
		}
	}
	ords := slices.Sorted(maps.Keys(read))
	out := make([]store.Chunk, len(ords))
	for i, o := range ords {
		out[i] = read[o]
	}
	return out, nil
}

// statementTitleOrds are the ordinals of the chunks that carry a
// statement's title, when the document's record is current and names
// any; else nil.
func statementTitleOrds(doc store.Document) []int {
	st := doc.Statements
	if st == nil || st.Chunks != doc.Chunks {
		return nil
	}
	var ords []int
	for _, kind := range st.Ords {
		ords = append(ords, kind...)
	}
	return ords
}
