package search

import "strings"

// A typist's slips, and how likely each is: a letter left out ("typs"),
// two letters swapped, a neighbouring key hit instead of the right one or
// as well ("tyoes", "typpes") are the common ones; a letter written as
// it sounds ("servises", "lobor", "prise") is a speller's error, common
// too; any other letter for another is rare (Kernighan, Church and Gale's
// confusion counts put most substitutions on neighbouring keys and
// like sounds). The weights order the corrections of one word; their
// product with a word's frequency must reach minSpellScore. So "relased"
// is "released" (a letter left out) and not the twenty times as frequent
// "related" (t for s, far apart on the keyboard and in sound).
// A letter left out is the most common slip of all, so among equally
// frequent words it wins ("typs" is "types" rather than "type").
const (
	leftOutWeight   = 1.0  // a letter left out, or two swapped
	slipWeight      = 0.9  // a neighbouring key hit instead or as well, a key doubled
	soundWeight     = 0.5  // a letter for one that sounds alike
	farWeight       = 0.05 // any other letter for another, or an extra one
	slipPrior       = 0.1  // each slip beyond the first makes a word ten times less likely
	spellAlphabet   = "abcdefghijklmnopqrstuvwxyz"
	keyboardRowsLen = 3
)

// keyboardRows is the QWERTY layout's letter rows; a key's neighbours
// are those beside it and the nearest ones in the rows above and below.
var keyboardRows = [keyboardRowsLen]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// neighbours reports whether keys a and b are next to each other.
func neighbours(a, b rune) bool {
	ra, ca, oka := keyAt(a)
	rb, cb, okb := keyAt(b)
	if !oka || !okb || a == b {
		return false
	}
	switch ra - rb {
	case 0:
		return ca-cb == 1 || cb-ca == 1
	case 1: // a is a row below b: a row is offset half a key to the right
		return cb == ca || cb == ca+1
	case -1:
		return ca == cb || ca == cb+1
	}
	return false
}

func keyAt(r rune) (row, col int, ok bool) {
	for i, keys := range keyboardRows {
		for j, k := range keys {
			if k == r {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// soundAlike are groups of letters written for each other by ear.
var soundAlike = []string{"aeiou", "csz", "ckq", "gj", "fv", "mn", "dt", "bp"}

// sameSound reports whether a and b are written for each other by ear.
func sameSound(a, b rune) bool {
	for _, g := range soundAlike {
		if strings.ContainsRune(g, a) && strings.ContainsRune(g, b) {
			return true
		}
	}
	return false
}

// substitution is the likelihood of typing got for want.
func substitution(want, got rune) float64 {
	switch {
	case neighbours(want, got):
		return slipWeight
	case sameSound(want, got):
		return soundWeight
	}
	return farWeight
}

// edit is a word one slip away from the typed one, with the slip's
// likelihood.
type edit struct {
	word   string
	weight float64
}

// oneEdit lists the words one slip away from w: what the typist may have
// meant, each with the likelihood of the slip that gives w from it.
func oneEdit(w string) []edit {
	r := []rune(w)
	var out []edit
	add := func(s []rune, wt float64) { out = append(out, edit{string(s), wt}) }
	for i := 0; i <= len(r); i++ {
		// The typist left a letter out: it is inserted back.
		for _, c := range spellAlphabet {
			add(splice(r, i, 0, c), leftOutWeight)
		}
		if i == len(r) {
			break
		}
		// The typist hit a key too many: it is taken out.
		add(splice(r, i, 1), extra(r, i))
		// The typist hit a wrong key, or wrote a letter by ear.
		for _, c := range spellAlphabet {
			if c != r[i] {
				add(splice(r, i, 1, c), substitution(c, r[i]))
			}
		}
		// The typist swapped two letters.
		if i+1 < len(r) && r[i] != r[i+1] {
			s := append([]rune(nil), r...)
			s[i], s[i+1] = s[i+1], s[i]
			add(s, leftOutWeight)
		}
	}
	return out
}

// extra is the likelihood that typed letter r[i] is one too many: likely
// when it doubles a letter or neighbours the letter beside it.
func extra(r []rune, i int) float64 {
	if i > 0 && (r[i-1] == r[i] || neighbours(r[i-1], r[i])) || i+1 < len(r) && (r[i+1] == r[i] || neighbours(r[i+1], r[i])) {
		return slipWeight
	}
	return farWeight
}

// slips is the likelihood of the likeliest slips that turn meant into
// typed: the product of their weights as in oneEdit, each times
// slipPrior, so that fewer slips are likelier; 1 for the word itself.
func slips(typed, meant string) float64 {
	t, m := []rune(typed), []rune(meant)
	// p[i][j]: likeliest way to type t[:i] meaning m[:j].
	p := make([][]float64, len(t)+1)
	for i := range p {
		p[i] = make([]float64, len(m)+1)
	}
	p[0][0] = 1
	for i := 0; i <= len(t); i++ {
		for j := 0; j <= len(m); j++ {
			v := p[i][j]
			if i > 0 && j > 0 {
				w := 1.0
				if t[i-1] != m[j-1] {
					w = substitution(m[j-1], t[i-1]) * slipPrior
				}
				v = max(v, p[i-1][j-1]*w)
			}
			if j > 0 {
				v = max(v, p[i][j-1]*leftOutWeight*slipPrior) // m[j-1] left out
			}
			if i > 0 {
				v = max(v, p[i-1][j]*extra(t, i-1)*slipPrior) // t[i-1] one too many
			}
			if i > 1 && j > 1 && t[i-1] == m[j-2] && t[i-2] == m[j-1] && t[i-1] != t[i-2] {
				v = max(v, p[i-2][j-2]*leftOutWeight*slipPrior) // swapped
			}
			p[i][j] = v
		}
	}
	return p[len(t)][len(m)]
}

// splice is r with n runes at i replaced by with.
func splice(r []rune, i, n int, with ...rune) []rune {
	out := make([]rune, 0, len(r)+len(with))
	out = append(out, r[:i]...)
	out = append(out, with...)
	return append(out, r[i+n:]...)
}
