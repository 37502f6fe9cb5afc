package llm

import (
	"regexp"
	"slices"
	"strings"
)

// A document that prices the Magpie-7 does not price the Magpie-4, and
// Series A is not Series B: when the question names one member of a family
// and the quoted units name another member of it instead, the units answer
// a different question. Every word of the question is in the library, so
// coverage cannot see this; the units themselves must.

// classNouns follow a name to say what kind of thing it is ("Starter
// tier", "Health Plus plan"); two names of one class are siblings.
// Nouns of one class ("tier", "plan") stand for each other.
var classNouns = map[string]string{
	"tier": "tier", "plan": "tier", "package": "tier", "level": "tier", "edition": "tier", "option": "tier", "subscription": "tier",
	"program": "program", "programme": "program",
	"series": "series", "model": "model", "version": "model",
	"office": "office", "centre": "office", "center": "office", "site": "office", "plant": "office",
	"segment": "segment", "division": "segment", "unit": "segment", "fund": "fund",
}

func isClassNoun(w string) bool {
	_, ok := classNouns[strings.TrimSuffix(strings.ToLower(w), "s")]
	return ok
}

// codeName: a name with a number in it (Magpie-4, ZR-7); its family is
// the letters before the number.
var codeName = regexp.MustCompile(`^(\pL[\pL-]*?)[- ]?(\d+\pL?)$`)

// namesSibling reports whether units name a sibling of one of the
// question's names and not the name itself. own is the text that names the
// units' document (file name and heading): a name found there is the
// units' subject even when the units do not repeat it.
func namesSibling(question, units, own string) bool {
	flat, flatOwn := flatten(units), flatten(own)
	words := strings.Fields(question)
	ns := names(question)
	for _, n := range ns {
		if quotesPeer(question, n, ns, units) {
			continue // "Compare the Starter and Enterprise tiers": a Starter row is on topic
		}
		f := flatten(n)
		if len(strings.Fields(n)) == 1 && !strings.Contains(units, n) && !hasDigit(n) {
			f = "\x00" // one ordinary word as a name must be written as one ("Basic", not "basic")
		}
		if strings.Contains(flat, f) || strings.Contains(strings.ReplaceAll(flatOwn, " ", ""), strings.ReplaceAll(f, " ", "")) || shortNameOf(strings.Fields(n), units+"\n"+own) {
			continue
		}
		if siblingOf(n, nextWord(words, n), units) {
			return true
		}
	}
	return false
}

// siblingOf: units name another member of name's family.
func siblingOf(name, class, units string) bool {
	ws := strings.Fields(name)
	if m := codeName.FindStringSubmatch(ws[len(ws)-1]); m != nil {
		re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(m[1]) + `[- ]?(\d+\pL?)\b`)
		for _, got := range re.FindAllStringSubmatch(units, -1) {
			if !strings.EqualFold(got[1], m[2]) {
				return true
			}
		}
	}
	if len(ws) >= 2 {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(ws[0]) + `\s+(\p{Lu}[\pL]*|[^\pL\s])`)
		for _, got := range re.FindAllStringSubmatch(units, -1) {
			if !strings.EqualFold(got[1], ws[1]) {
				return true // Series A; a table row labelled "Enterprise €4,800"
			}
		}
	}
	if c, ok := classNouns[strings.TrimSuffix(strings.ToLower(class), "s")]; ok {
		var alts []string
		for n, k := range classNouns {
			if k == c {
				alts = append(alts, n)
			}
		}
		re := regexp.MustCompile(`(?i)\b(\pL+)\s+(?:` + strings.Join(alts, "|") + `)s?\b`)
		for _, got := range re.FindAllStringSubmatch(units, -1) {
			if w := got[1]; capitalised(w) && !strings.EqualFold(w, ws[len(ws)-1]) {
				return true
			}
		}
	}
	return false
}

// nextWord is the word of the question that follows the phrase n.
func nextWord(words []string, n string) string {
	ns := strings.Fields(n)
	for i := 0; i+len(ns) < len(words); i++ {
		match := true
		for j, w := range ns {
			if !strings.HasPrefix(strings.Trim(words[i+j], `"“(`), w) {
				match = false
				break
			}
		}
		if match {
			return strings.Trim(words[i+len(ns)], `?.,;:!"”)`)
		}
	}
	return ""
}

// quotesPeer: units name another of the question's names that the
// question joins with n ("the Starter and Enterprise tiers", "Magpie-4 vs
// Magpie-7"): a question about both is answered by either's units.
func quotesPeer(question, n string, names []string, units string) bool {
	return slices.ContainsFunc(peers(question, n, names), func(m string) bool { return strings.Contains(units, m) })
}

// peers are the question's names that it joins to n.
func peers(question, n string, names []string) []string {
	var out []string
	for _, m := range names {
		if m != n && (joined(question, n, m) || joined(question, m, n)) {
			out = append(out, m)
		}
	}
	return out
}

// joinWords join two names the question asks about together.
var joinWords = map[string]bool{"and": true, "or": true, "vs": true, "vs.": true, "versus": true, "&": true, "to": true, "with": true, "the": true, ",": true}

// joined: a is followed in q by b with only joining words between.
func joined(q, a, b string) bool {
	i := strings.Index(q, a)
	if i < 0 {
		return false
	}
	rest := q[i+len(a):]
	j := strings.Index(rest, b)
	if j < 0 {
		return false
	}
	for _, w := range strings.Fields(strings.ReplaceAll(rest[:j], ",", " , ")) {
		if !joinWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// withPeers adds, for each name the question joins to another ("Compare
// the Starter and Enterprise tiers") that no chosen unit names, the best
// unit that names it, of the first unit's kind (a table row beside a
// table row): a comparison quotes both sides.
func withPeers(question string, chosen, units []unit) []unit {
	ns := names(question)
	for _, m := range ns {
		if len(peers(question, m, ns)) == 0 || slices.ContainsFunc(chosen, func(u unit) bool { return strings.Contains(u.text, m) }) {
			continue
		}
		row := chosen[0].loc != ""
		for _, u := range units {
			if strings.Contains(u.text, m) && (u.loc != "") == row && !slices.ContainsFunc(chosen, u.same) {
				chosen = append(chosen, u)
				break
			}
		}
	}
	return chosen
}
