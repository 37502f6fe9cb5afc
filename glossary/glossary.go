// Package glossary finds the short forms a text defines and what they
// stand for: "Chief Executive Officer (“CEO”)", "Copayments (Copays)",
// "A copayment, also known as a copay". A question asks in the short
// form ("Who is the CEO of Netflix?", "the copay for a specialist") what
// a document may state only in the long one ("Reed Hastings, Chief
// Executive Officer", "the co-payment is $50 for specialist visits"),
// and the reverse; a library's own definitions say which words are one.
//
// A definition is taken only when its short form is made of its long
// form's letters, in order, its first letter beginning the long form
// (the test of Schwartz and Hearst, "A simple algorithm for identifying
// abbreviation definitions in biomedical text", 2003): "Chief Executive
// Officer (principal executive officer)" and "expense (see Note 4)"
// define nothing.
package glossary

import (
	"strings"
	"unicode"
)

// Definition is a short form a text defines and its long form, both in
// lower case as written ("ceo", "chief executive officer").
type Definition struct {
	Short, Long string
}

// maxShort bounds a short form's letters: "EBITDA", "HACCP", "copays".
const maxShort = 10

// Find returns the definitions text makes, in the order it makes them,
// each once.
func Find(text string) []Definition {
	var out []Definition
	seen := map[Definition]bool{}
	add := func(d Definition, ok bool) {
		if ok && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '(':
			if j := strings.IndexByte(text[i+1:min(len(text), i+2+maxShort+8)], ')'); j > 0 {
				add(parenthesised(text[:i], text[i+1:i+1+j]))
			}
		case 'k', 'K':
			if rest, ok := cutKnownAs(text[i:]); ok && i > 0 {
				add(knownAs(text[:i], rest))
			}
		}
	}
	return out
}

// parenthesised reads "Long Form (SF)": inside is what the brackets hold,
// before the text up to them.
func parenthesised(before, inside string) (Definition, bool) {
	short := strings.TrimFunc(inside, func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) })
	if !shortForm(short) {
		return Definition{}, false
	}
	return define(short, lastWords(before, maxLongWords(short)))
}

// knownAs reads "a copayment, also known as a copay": rest follows "known
// as", before precedes "known".
func knownAs(before, rest string) (Definition, bool) {
	before = strings.TrimSpace(before)
	before = strings.TrimSpace(strings.TrimSuffix(before, "also"))
	before = strings.TrimRight(before, ", ")
	words := strings.Fields(rest)
	if len(words) > 0 && articles[strings.ToLower(words[0])] {
		words = words[1:]
	}
	if len(words) == 0 {
		return Definition{}, false
	}
	short := strings.TrimRightFunc(words[0], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if !shortForm(short) {
		return Definition{}, false
	}
	return define(short, lastWords(before, maxLongWords(short)))
}

// cutKnownAs returns what follows "known as " at the start of s.
func cutKnownAs(s string) (string, bool) {
	const k = "known as "
	if len(s) < len(k) || !strings.EqualFold(s[:len(k)], k) {
		return "", false
	}
	return s[len(k):], true
}

var articles = map[string]bool{"a": true, "an": true, "the": true}

// shortForm: letters (with "&" or "-" inside), two to maxShort of them,
// at least two capitals or none: "CEO", "R&D", "PP&E", "copays"; not
// "Note", "see", "2021" or "i".
func shortForm(s string) bool {
	n, upper := 0, 0
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
			n++
			if unicode.IsUpper(r) {
				upper++
			}
		case (r == '&' || r == '-') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return n >= 2 && n <= maxShort && (upper >= 2 || n >= minClipped)
}

// minClipped is the fewest letters of a short form that is not in
// capitals: a clipped word ("copay"), not "see" or "or".
const minClipped = 4

// acronym: a short form of two capitals or more ("CEO", "R&D").
func acronym(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

// clipped: a word that a short form not in capitals may stand for is one
// word that begins as it does: "copayments" for "Copays".
func clipped(short, long string) bool {
	return !strings.ContainsFunc(long, unicode.IsSpace) && strings.HasPrefix(long, short[:3])
}

// maxLongWords is how many words a long form may have (Schwartz and
// Hearst: min(|A| + 5, 2|A|)).
func maxLongWords(short string) int {
	n := 0
	for _, r := range short {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return min(n+5, 2*n)
}

// lastWords returns at most n words that end before, back to the last
// sentence or clause break.
func lastWords(before string, n int) []string {
	if i := strings.LastIndexAny(before, ".;:()[]\n"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(before)
	return words[max(0, len(words)-n):]
}

// define returns the shortest run of the last words whose letters hold
// short's, or false. A long form is more than its short form: "BetMGM
// LLC (BetMGM)" defines nothing.
func define(short string, words []string) (Definition, bool) {
	for i := len(words) - 1; i >= 0; i-- {
		long := strings.Join(words[i:], " ")
		long = strings.TrimFunc(long, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if long == "" || !spells(strings.ToLower(short), strings.ToLower(long)) {
			continue
		}
		if acronym(short) && !initialled(strings.ToLower(short), strings.ToLower(long)) {
			continue
		}
		if !strings.ContainsFunc(long, unicode.IsLetter) || strings.ContainsFunc(long, unicode.IsDigit) {
			return Definition{}, false
		}
		s, l := strings.ToLower(short), strings.ToLower(long)
		if !acronym(short) && !clipped(s, l) || len(l) <= len(s) || strings.HasPrefix(l, s+" ") || strings.HasSuffix(l, " "+s) {
			return Definition{}, false
		}
		return Definition{Short: s, Long: l}, true
	}
	return Definition{}, false
}

// spells reports whether the letters and digits of short occur in long in
// order, short's first at the start of long's first word; matched from
// the end, as Schwartz and Hearst do, so that each letter takes its
// latest place.
func spells(short, long string) bool {
	s, l := []rune(short), []rune(long)
	li := len(l) - 1
	for si := len(s) - 1; si >= 0; si-- {
		c := s[si]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for li >= 0 && (l[li] != c || si == 0 && li > 0 && isWord(l[li-1])) {
			li--
		}
		if li < 0 {
			return false
		}
		li--
	}
	return true
}

// initialled reports whether the letters of an acronym begin words of
// long, in order, the first its first word and the last its last: "R&D"
// is "research, development and related expenses", not "related
// expenses"; words between ("and", "of") may begin with no letter of it.
func initialled(short, long string) bool {
	words := strings.FieldsFunc(long, func(r rune) bool { return !isWord(r) })
	var letters []rune
	for _, r := range short {
		if isWord(r) {
			letters = append(letters, r)
		}
	}
	if len(words) == 0 || len(letters) == 0 || []rune(words[0])[0] != letters[0] {
		return false
	}
	i := 0
	for _, w := range words {
		if i < len(letters) && []rune(w)[0] == letters[i] {
			i++
		}
	}
	return i == len(letters)
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isQuote(r rune) bool {
	return strings.ContainsRune(`"'“”‘’`, r)
}
