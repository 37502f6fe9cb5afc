package llm

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A passage's lines are quoted as the answer's lines, and some of them
// state nothing: a table's column headers broken over lines ("Number of
// Shares", "(in thousands)", "Weighted Average", "Grant Date"), a caption
// ("American Express Company"), the heading of the section that follows
// ("HOW PROVIDERS AFFECT YOUR COSTS", "SIGNATURES"). Quoted without the
// rows they head they read as noise, and make the answer look careless.

// maxLabelWords: a label is a few words.
const maxLabelWords = 6

// bareLabel: a line of a few words with no figure that is not a sentence
// or a list item.
func bareLabel(text string) bool {
	t := strings.TrimSpace(text)
	n := len(strings.Fields(t))
	if n == 0 || n > maxLabelWords || hasDigit(t) || isListItem(t) {
		return false
	}
	if companySuffix.MatchString(t) {
		return true // "Ulta Beauty, Inc.": its stop ends a name, not a sentence
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".:;?!,", last)
}

// companySuffix ends a company's name.
var companySuffix = regexp.MustCompile(`(?i)\b(?:inc|corp|co|ltd|plc|llc|l\.p|n\.v|s\.a|ag|se)\.?$`)

// headsSomething: u, a label, is followed in the answer by a line of its
// own passage that it may head: a row with figures or a list item.
func headsSomething(u unit, next []unit) bool {
	if len(next) == 0 || next[0].hit != u.hit {
		return false
	}
	t := strings.TrimSpace(next[0].text)
	return isDataRow(t) || isListItem(t)
}

// wrapsOn: u goes on with the line before it, which the page wrapped
// ("… for the treatment of Atopic Dermatitis" / "(AD) and Hidradenitis
// Suppurativa (HS)").
func wrapsOn(prev, u unit) bool {
	if prev.hit != u.hit || u.pos != prev.pos+1 || endsSentenceMark(prev.text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(u.text))
	return r == '(' || unicode.IsLower(r)
}

// withoutBareLabels drops, of units in the order quoted, the bare labels
// that head nothing, but for the first unit: it is the answer ("CEO Iris
// Kallas").
func withoutBareLabels(us []unit) []unit {
	out := us[:0:0]
	for i, u := range us {
		if i > 0 && bareLabel(u.text) && !headsSomething(u, us[i+1:]) && !wrapsOn(us[i-1], u) {
			continue
		}
		out = append(out, u)
	}
	return out
}
