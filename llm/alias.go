package llm

import (
	"regexp"
	"strings"
)

// A question may give a company's former name beside its new one:
// "Block (formerly known as Square)". Either names it, and a report
// filed under one of them need not write the other: Block's 10-K of
// 2020 is Square, Inc.'s, its file BLOCK_2020_10K.pdf.

// aliasRE: a name followed by another name of the same thing in
// parentheses ("Block (formerly known as Square)", "Meta (formerly
// Facebook)", "Alphabet (also known as Google)").
var aliasRE = regexp.MustCompile(`(\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*)*)\s*\((?:formerly|previously|now|also|aka|a\.k\.a\.)(?:\s+(?:known\s+as|called|named))?\s+(\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*)*)\)`)

// aliases maps each name of such a pair to the other.
func aliases(question string) map[string]string {
	out := map[string]string{}
	for _, m := range aliasRE.FindAllStringSubmatch(question, -1) {
		a := strings.TrimSuffix(strings.TrimSuffix(m[1], "'s"), "’s")
		out[a], out[m[2]] = m[2], a
	}
	return out
}
