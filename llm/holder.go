package llm

import (
	"slices"
	"strings"
	"unicode"
)

// "Who is the CEO of Netflix?" asks who holds a post. A line that names
// the post and, twenty words on, the "Annual Report on Form 10-K" holds
// two capitalised words but no holder: the name that answers stands next
// to the post ("John J. Donahoe II, President and Chief Executive
// Officer", "CEO Iris Kallas"). A signature block writes the two on lines
// of their own ("Reed Hastings" / "Chief Executive Officer"); read as one
// unit they answer.

// maxHolderGap is how many words may stand between a post and the name
// of its holder: "Chief Executive Officer — Mr. Donahoe", "Mark G.
// Parker, Chairman, President and Chief Executive Officer".
const maxHolderGap = 3

// posts are the words of a post, lower-cased, that a line may name
// beside titleWords: the short forms of the usual ones.
var posts = map[string]bool{"ceo": true, "cfo": true, "coo": true, "cto": true, "cio": true, "cmo": true, "chro": true}

func postWord(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,;:()—–-"))
	return titleWords[w] || posts[w]
}

// spelledPosts are the usual posts a question may ask by their short
// form, with the long form a filing writes.
var spelledPosts = map[string]string{
	"ceo": "chief executive officer", "cfo": "chief financial officer", "coo": "chief operating officer",
	"cto": "chief technology officer", "cio": "chief information officer", "cmo": "chief marketing officer",
}

// askedPost returns the post a "who" question asks the holder of, as
// the words a line may write it with: "CEO" and "chief executive
// officer" for "Who is the CEO of Netflix?"; nil when it names none.
func askedPost(question string) [][]string {
	ws := strings.Fields(strings.ToLower(question))
	var run []string
	var out [][]string
	flush := func() {
		if len(run) > 0 {
			out = append(out, run)
			run = nil
		}
	}
	for i := 0; i < len(ws); i++ {
		w := strings.Trim(ws[i], "?.,;:()'’s")
		if long, ok := spelledPosts[w]; ok {
			flush()
			out = append(out, []string{w}, strings.Fields(long))
			continue
		}
		if titleWords[w] {
			run = append(run, w)
			if field, ok := headOf(ws, i); ok {
				run = append(run, "of", field)
				i += 2
				flush()
			}
			continue
		}
		flush()
	}
	flush()
	for _, p := range out {
		if len(p) == 3 && p[0] == "chief" {
			for short, long := range spelledPosts {
				if long == strings.Join(p, " ") {
					out = append(out, []string{short})
				}
			}
		}
	}
	return out
}

// headOf reads the field of a "head of" post at ws[i] ("Who is the Head
// of People?"): the post is the head's and its field's, and the field
// names no company whose name the holder's may not follow (see
// afterObjectWord). ws are lower-cased.
func headOf(ws []string, i int) (field string, ok bool) {
	if strings.Trim(ws[i], "?.,;:()") != "head" || i+2 >= len(ws) || ws[i+1] != "of" {
		return "", false
	}
	field = strings.Trim(ws[i+2], "?.,;:()")
	return field, field != "" && !objectWords[field]
}

// postWords returns a line's words lower-cased and without the
// punctuation around them, as nearPost compares them with a post.
func postWords(ws []string) []string {
	lower := make([]string, len(ws))
	for j, w := range ws {
		lower[j] = strings.ToLower(strings.Trim(w, ".,;:()—–-"))
	}
	return lower
}

// nearPost reports whether the line whose postWords are lower names the
// post asked (see askedPost) within maxHolderGap words of the name at
// lower[i:i+2], not counting the question's own words, the words that
// join a post to its holder ("The CEO of Zentara Robotics is Iris
// Kallas") and those that date it ("The escalation manager on call for
// Q1 2026 is Petra Lindqvist"); a question that names no post is
// answered by any name.
func nearPost(lower []string, i int, asked [][]string, inQ map[string]bool) bool {
	if len(asked) == 0 {
		return true
	}
	gap := func(from, to int) int {
		n := 0
		for _, w := range lower[from:to] {
			if w != "" && !inQ[w] && !joiners[w] && !periodWord(w) {
				n++
			}
		}
		return n
	}
	for _, p := range asked {
		for j := 0; j+len(p) <= len(lower); j++ {
			if !slices.Equal(lower[j:j+len(p)], p) {
				continue
			}
			end := j + len(p)
			if end <= i && gap(end, i) <= maxHolderGap || j >= i+2 && gap(i+2, j) <= maxHolderGap {
				return true
			}
		}
	}
	return false
}

// joiners are the words that join a post to its holder.
var joiners = map[string]bool{"of": true, "is": true, "was": true, "the": true, "a": true, "an": true, "our": true, "its": true, "their": true, "as": true, "has": true, "have": true, "been": true, "be": true, "and": true, "serves": true, "served": true, "mr": true, "ms": true, "mrs": true, "dr": true}

// holderFirst moves to the front of a "who" question's units the best
// one that names the holder of the post asked (see firstOfKind).
func holderFirst(question string, units []unit, year func(unit) int) []unit {
	if !whoQuestion.MatchString(question) {
		return units
	}
	return firstOfKind(units, func(text string) bool { return holdsHolder(question, text) }, year)
}

// signedUnits returns, for each line of one chunk's units that is a name
// alone and is followed by a line that is a post alone, the two as one
// unit: "Reed Hastings, Chief Executive Officer".
func signedUnits(us []unit) []unit {
	var out []unit
	for i := 0; i+1 < len(us); i++ {
		name, post := us[i], us[i+1]
		if !nameLine(name.text) || !postLine(post.text) {
			continue
		}
		out = append(out, unit{hit: name.hit, pos: name.pos, text: name.text + ", " + post.text, loc: name.text,
			terms: union(name.terms, post.terms), scope: name.scope, path: name.path, chunk: name.chunk})
	}
	return out
}

// nameLine: two to five capitalised words, initials and suffixes among
// them ("John J. Donahoe II"), and nothing else.
func nameLine(l string) bool {
	ws := strings.Fields(l)
	if len(ws) < 2 || len(ws) > 5 || strings.ContainsFunc(l, unicode.IsDigit) {
		return false
	}
	for _, w := range ws {
		if !capitalised(w) || isAllCaps(strings.Trim(w, ".")) && len(strings.Trim(w, ".")) > 3 || postWord(w) || strings.ContainsAny(w, "/:;()|") {
			return false
		}
	}
	return true
}

// postLine: a post alone, "Chief Executive Officer", "Executive Vice
// President and Chief Financial Officer": capitalised words and joining
// words, one of them a post's.
func postLine(l string) bool {
	ws := strings.Fields(l)
	if len(ws) == 0 || len(ws) > 10 || strings.ContainsFunc(l, unicode.IsDigit) {
		return false
	}
	post := false
	for _, w := range ws {
		t := strings.Trim(w, ",")
		switch {
		case postWord(t):
			post = true
		case t == "and" || t == "of" || t == "&" || t == "the":
		case !capitalised(t):
			return false
		}
	}
	return post
}

// objectWords stand before a name that is a post's object or an
// organisation's, not its holder: "the CEO of a Singapore Subsidiary",
// "Pfizer Policies on Business Conduct affecting our Chief Executive
// Officer".
var objectWords = map[string]bool{"of": true, "on": true, "at": true, "for": true, "to": true, "from": true, "in": true, "with": true, "a": true, "an": true, "the": true}

// afterObjectWord reports whether the word before ws[i] is one of
// objectWords, or a capitalised word of the question that begins the
// name: "Boeing Commercial Airplanes" is the asked company's, not its
// chief executive.
func afterObjectWord(ws []string, i int, named map[string]bool) bool {
	if i == 0 {
		return false
	}
	w := strings.Trim(ws[i-1], ".,;:()")
	return objectWords[strings.ToLower(w)] || named[strings.ToLower(w)] && !strings.ContainsAny(ws[i-1], ",;:")
}

// nameWords are the lower-cased words of the names a question says, but
// a post's ("CEO", "Head of People"): "boeing" of "Who is the CEO of
// Boeing?".
func nameWords(question string) map[string]bool {
	post := map[string]bool{}
	for _, p := range askedPost(question) {
		for _, w := range p {
			post[w] = true
		}
	}
	out := map[string]bool{}
	for _, n := range names(question) {
		for _, w := range strings.Fields(n) {
			lw := strings.ToLower(strings.Trim(w, ".,;:()'’s"))
			if !postWord(w) && !post[strings.ToLower(strings.Trim(w, ".,;:()"))] {
				out[lw] = true
			}
		}
	}
	return out
}

// postModifier reports whether the capitalised words at ws[i:i+2] are
// the start of a post, not a name: "Principal Accounting Officer".
func postModifier(ws []string, i int) bool {
	return i+2 < len(ws) && !strings.ContainsAny(ws[i+1], ",—–") && postWord(ws[i+2])
}

// holdersOnly keeps, of the asides to a "who" question, those that name
// someone: with a post asked, a holder of it ("our Chief Executive Officer
// and Chief Financial Officer concluded …" added nothing to "Reed
// Hastings, Chief Executive Officer"); with none, anyone ("Who do I call
// if the robot breaks?" came with a code comment's "NEVER return from
// here. 'break' can be"). Other questions keep them all.
func holdersOnly(question string, asides []unit) []unit {
	if !whoQuestion.MatchString(question) {
		return asides
	}
	return slices.DeleteFunc(slices.Clone(asides), func(u unit) bool { return !holdsHolder(question, u.text) })
}
