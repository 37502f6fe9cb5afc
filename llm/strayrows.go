package llm

import (
	"slices"
	"strconv"

	"quire/search"
)

// An answer that starts with a table row is that row; another row is
// worth quoting after it only when it answers a part of the question the
// first does not. "What is Netflix's total current liabilities at year
// end 2017?" is answered by "Total current liabilities 5,466,312
// 4,586,657"; "Cash and cash equivalents, end of year $ 2,822,795 …" adds
// only the words of the period ("end", "year"), which every row of the
// statement has, and a row of Oleg Khaykin's 2019 says nothing of his
// 2018.

// periodWords are words that place a figure in time rather than say what
// it measures.
const periodWords = "year years yearly annual end ended ending fiscal period periods quarter quarterly month months"

// withoutStrayRows drops, from the units after the lead of an answer that
// starts with a table row, the rows labelled with years the question does
// not ask for when it asks for some, and the rows that hold neither the
// question's words the lead holds (the same measure in another table) nor
// a word of the question the lead lacks, the words of the period aside.
func (e Extractive) withoutStrayRows(question string, chosen []unit, lead int) []unit {
	if len(chosen) <= lead || !tableRow(rowText(chosen[0])) {
		return chosen
	}
	period := e.termSet(periodWords)
	have := map[string]bool{}
	for _, u := range chosen[:lead] {
		for t := range u.terms {
			have[t] = true
		}
	}
	asked, q := search.AskedYears(question), e.Analyze(question)
	out := slices.Clone(chosen[:lead])
	for _, u := range chosen[lead:] {
		if !tableRow(rowText(u)) || (alike(q, u, have, period) || adds(q, u, have, period)) && !otherYears(u.text, asked) {
			out = append(out, u)
		}
	}
	return out
}

// alike: u holds every question word the lead holds, the period's aside.
func alike(question []string, u unit, have, period map[string]bool) bool {
	for _, t := range question {
		if have[t] && !period[t] && !u.terms[t] {
			return false
		}
	}
	return true
}

// rowText is the table row a unit quotes, without a header it carries.
func rowText(u unit) string {
	if u.loc != "" {
		return u.loc
	}
	return u.text
}

// adds: u holds a question word that have lacks, other than a word of the
// period.
func adds(question []string, u unit, have, period map[string]bool) bool {
	for _, t := range question {
		if u.terms[t] && !have[t] && !period[t] {
			return true
		}
	}
	return false
}

// otherYears: the question asks for years and the row's text names years,
// none of them asked.
func otherYears(text string, asked []int) bool {
	if len(asked) == 0 {
		return false
	}
	named := false
	for _, w := range yearRE.FindAllString(text, -1) {
		y, _ := strconv.Atoi(w)
		if slices.Contains(asked, y) {
			return false
		}
		named = true
	}
	return named
}
