package search

import (
	"regexp"
	"slices"
	"strings"
)

// "What is Nike's revenue?" in a library of Nike's 2018, 2019 and 2021
// 10-Ks was answered from 2018: each filing has a revenue row, and the
// oldest ranked first. A question that names a company and no year asks
// about it as it stands now, so of the filings of one kind the latest
// answers; an earlier one is searched when the question names its year.

// filingKindRE is the filing type a file name gives: "10K" of
// NIKE_2018_10K.pdf, "8K" of AMCOR_2022_8K_dated-2022-07-01.pdf,
// "EARNINGS" of AMCOR_2023Q4_EARNINGS.pdf.
var filingKindRE = regexp.MustCompile(`(?i)(?:^|[^a-z0-9])(\d+[kq]|earnings)(?:[^a-z0-9]|$)`)

// filingKind is the lower-case filing type of a file name, "" if it
// gives none.
func filingKind(file string) string {
	m := filingKindRE.FindStringSubmatch(file)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1])
}

// supersededIn: of the named documents docs, a later one of d's name and
// kind stands in for d. A name without a year supersedes nothing and is
// superseded by nothing.
func supersededIn(d scopeDoc, docs []scopeDoc) bool {
	return d.year > 0 && slices.ContainsFunc(docs, func(o scopeDoc) bool {
		return o.name == d.name && o.kind == d.kind && o.year > d.year
	})
}
