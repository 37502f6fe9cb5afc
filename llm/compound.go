package llm

import (
	"slices"
	"strings"
	"unicode"

	"quire/internal/stats"
	"quire/search"
)

// A question may ask two things: "How does the clinical review process
// ensure timely and cost-effective medical service provision, and what
// are the documentation requirements for filing a claim?" The units that
// cover most of it answer the first, whose words are most of it, and the
// answer said nothing of the second. The unit that best covers the words
// only the second part says (search places a chunk on it among the hits;
// see search.QuestionParts) is quoted after the first passage.

// secondPassageWords bounds the prose quoted after the second part's
// unit: "It's also important … to include all necessary documentation."
// is followed by "This includes itemized bills, a completed claim form,
// …".
const secondPassageWords = 30

// minSecondTerms is the fewest terms of its own a second part must say
// to ask something else: "and what are the implications of using
// out-of-network providers", after a part on in-network providers, says
// only "implications" of its own, and the page that says it most is on
// hospice care.
const minSecondTerms = 2

// minSecondShare is the least share of the second part's terms of its
// own, and of all its terms, a unit must hold to answer it. Terms are
// counted, not weighed: a word one line of the pool says ("implications")
// weighs more than all the others together.
const minSecondShare = 0.5

// secondAnswer returns the unit of units that holds most of the terms
// only the question's second part says, when it holds more of them than
// the quoted units together, and at least minSecondShare of them and of
// all the part's terms: "members should provide any necessary
// documentation that may be required" is not what a claim needs, and
// "the implications of not receiving these treatments" are not those "of
// using out-of-network providers". Of units that hold alike, the one that
// says more of the part's words in its order goes ("when filing a claim"
// for "for filing a claim", before "timely filing … with your claims"),
// then the one whose passage covers the question more. The unit must
// name what the part names with capitals.
func (e Extractive) secondAnswer(question string, terms []search.Term, units, quoted []unit) (unit, bool) {
	first, second, ok := search.QuestionParts(question)
	if !ok {
		return unit{}, false
	}
	own, all := e.ownTerms(first, second, terms)
	if len(own) < minSecondTerms {
		return unit{}, false
	}
	said := map[string]bool{}
	for _, u := range quoted {
		for t := range u.terms {
			said[t] = true
		}
	}
	pairs := adjacent(e.Analyze(second))
	named := e.capitalTerms(second)
	type score struct {
		share float64
		pairs int
		pcov  float64
	}
	better := func(a, b score) bool {
		if a.share != b.share {
			return a.share > b.share
		}
		if a.pairs != b.pairs {
			return a.pairs > b.pairs
		}
		return a.pcov > b.pcov
	}
	best, at := score{share: max(minSecondShare, stats.ShareIn(own, said)), pairs: -1}, -1
	for i, u := range units {
		sc := score{stats.ShareIn(own, u.terms), 0, u.pcov}
		if sc.share < best.share {
			continue
		}
		sc.pairs = adjacent(e.Analyze(u.text)).shared(pairs)
		if better(sc, best) && stats.ShareIn(all, u.terms) >= minSecondShare && (len(named) == 0 || stats.ShareIn(named, u.terms) == 1) && !slices.ContainsFunc(quoted, u.same) && isProse(u.text) && !isExample(u.text) && !mayBeTorn(u) {
			best, at = sc, i
		}
	}
	if at < 0 {
		return unit{}, false
	}
	return units[at], true
}

// pairSet holds adjacent terms of a text.
type pairSet map[[2]string]bool

// adjacent returns the pairs of adjacent terms of seq.
func adjacent(seq []string) pairSet {
	out := pairSet{}
	for i := 1; i < len(seq); i++ {
		out[[2]string{seq[i-1], seq[i]}] = true
	}
	return out
}

// shared counts the pairs both sets hold.
func (p pairSet) shared(q pairSet) int {
	n := 0
	for k := range p {
		if q[k] {
			n++
		}
	}
	return n
}

// capitalTerms are the terms of the words of part written with a capital,
// but for its first: what it names ("TMJ"), which a line on cosmetic
// treatments does not answer.
func (e Extractive) capitalTerms(part string) []string {
	var out []string
	for i, w := range strings.Fields(part) {
		if i > 0 && strings.ContainsFunc(w, unicode.IsUpper) {
			out = append(out, e.Analyze(w)...)
		}
	}
	return out
}

// ownTerms are the question's terms (of terms) that its second part says
// and its first does not, and all those it says.
func (e Extractive) ownTerms(first, second string, terms []search.Term) (own, all []string) {
	a, b := e.termSet(first), e.termSet(second)
	for _, t := range terms {
		if b[t.Text] {
			all = append(all, t.Text)
			if !a[t.Text] {
				own = append(own, t.Text)
			}
		}
	}
	return own, all
}

// apart splits units into those of the first n hits, and those of the
// second part's chunks (see search.Result.Second): the hits past n and
// the first n's chunks part holds. The first part's answer is chosen
// among the hits searched for the whole question.
func apart(units []unit, n int, part map[string]bool) (first, second []unit) {
	for _, u := range units {
		if u.hit < n {
			first = append(first, u)
		}
		if u.hit >= n || u.chunk != nil && part[u.chunk.ID()] {
			second = append(second, u)
		}
	}
	return first, second
}

// withoutUnquoted drops the citations of extra hits that text does not
// quote, and numbers the rest anew; the ones quoted come first and keep
// their numbers (see renumber).
func withoutUnquoted(cs []Citation, text string, extra []search.Hit) []Citation {
	if len(extra) == 0 {
		return cs
	}
	out := cs[:0:0]
	for _, c := range cs {
		if slices.ContainsFunc(extra, func(h search.Hit) bool { return h.Chunk.ID() == c.ChunkID }) && !strings.Contains(text, marker(c.N)) {
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}
