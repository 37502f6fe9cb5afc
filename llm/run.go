package llm

// longestRun is the length of the longest run of terms that q and s share
// in the same order, one after another, leaving out the terms of name: 4
// for the question "… of choosing an out-of-network provider under the
// Northwind Standard Benefits Details?" and the sentence "If you choose
// an out-of-network provider, …" (both say "choos out network provid"
// once analysed), 3 for "If you choose to receive services … from an
// out-of-network provider". A term of the document's name says which
// document, not what is asked about it: "Imaging Services: Northwind
// Health Plus covers …" says no more of "What services does Northwind
// Health cover?" than "Northwind Health Plus covers a variety of …
// services" does.
//
// One word is no run: it is coverage, which orders units before runs do.
func longestRun(q, s []string, name map[string]bool) int {
	best := 0
	for i := range s {
		for j := range q {
			n := 0
			for i+n < len(s) && j+n < len(q) && s[i+n] == q[j+n] && !name[s[i+n]] {
				n++
			}
			best = max(best, n)
		}
	}
	if best < 2 {
		return 0
	}
	return best
}
