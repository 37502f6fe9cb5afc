package llm

import "strings"

// A table's head is the lines above its rows that say what they are: its
// title ("CONSOLIDATED BALANCE SHEETS"), the sentence that introduces it
// ("… is set forth in the table below:") and its column names, often one
// word a line. A row alone holds none of those words; the units made here
// hold them too, for the rows whose label is what the question asks.

// headTerms are the words of the head of the table row i is in: the
// lines without figures above its rows (the column names, often one word
// a line: "Maximum", "Possible", "Value of MSUs") and the sentence that
// introduces the table ("… is set forth in the table below:").
func headTerms(us []unit, i int) map[string]bool {
	terms := map[string]bool{}
	for k := i - 1; k >= 0 && i-k <= maxHeadLines; k-- {
		l := us[k].text
		if isDataRow(l) && hasFigure(l) {
			continue // a row of the table above this one
		}
		head := isRowLike(l)
		if head || strings.HasSuffix(l, ":") || tableLeadIn.MatchString(l) {
			for t := range us[k].terms {
				terms[t] = true
			}
		}
		if !head {
			break
		}
	}
	return terms
}

// maxHeadLines bounds how far above a row its table's head is looked for.
const maxHeadLines = 40

// union is the set of the terms of every set.
func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for t := range s {
			out[t] = true
		}
	}
	return out
}

// headedRows returns, for each table row among one chunk's units whose
// label is made of the question's asked words alone ("TOTAL ASSETS" for
// "how much total assets did Costco have … within the balance sheet"), a
// unit that quotes it with the words of its table's head: the row is the
// measure asked, and its table ("CONSOLIDATED BALANCE SHEETS") says where
// it is stated. Rows of other measures keep their own words, so a head's
// words do not make every row of a table match alike.
func (e Extractive) headedRows(asked map[string]bool, us []unit) []unit {
	var out []unit
	for i, u := range us {
		label, _, ok := cells(u.text)
		if u.loc != "" || !ok || !tableRow(u.text) || !e.allAsked(label, asked) {
			continue
		}
		head := headTerms(us, i)
		if len(head) == 0 {
			continue
		}
		out = append(out, unit{hit: u.hit, pos: u.pos, text: u.text, loc: u.text, terms: union(u.terms, head), scope: u.scope, path: u.path, chunk: u.chunk})
	}
	return out
}

// allAsked: every word of text is an asked word of the question.
func (e Extractive) allAsked(text string, asked map[string]bool) bool {
	ts := e.Analyze(text)
	for _, t := range ts {
		if !asked[t] {
			return false
		}
	}
	return len(ts) > 0
}
