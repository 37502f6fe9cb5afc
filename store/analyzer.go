package store

import (
	goregexp "regexp"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	unitok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// analyzerName is Bleve's English analyzer (unicode words, possessives,
// lower case, English stop words, Porter stems) behind character filters
// that write alike what documents and questions write differently:
//
//   - Hyphenated compounds are indexed split and joined: "pre-authorization"
//     gives pre, authorization and preauthorization, so it meets
//     "preauthorization" and "pre authorization" alike.
//   - Fiscal periods lose their prefix: "FY2022" and "FY 22" are the year
//     2022 (as one unknown token "fy2022" they matched nothing, and "fy"
//     alone pulled in every filing that prints it), and "2023Q2" is
//     "2023 q2".
//
// The filters are regular expressions stored in the index mapping, so an
// index opens without code registering them.
const analyzerName = "quire-en"

// charRule is one character filter. may is a cheap test that the text
// could hold a match: most text holds none, and the regular expressions
// cost Analyze 40 % of a search's CPU when run on every chunk quoted.
type charRule struct {
	name, re, replace string
	may               func(string) bool
	word              bool // its matches hold no space
}

// charRules run in order; the longer compounds first, so that the
// two-part rule does not split them half-way.
var charRules = []charRule{
	{"quire-fy4", `\b[Ff][Yy]\s?(\d{4})\b`, " $1 ", mayFY, false},
	{"quire-fy2", `\b[Ff][Yy]\s?'?(\d{2})\b`, " 20$1 ", mayFY, false},
	{"quire-quarter", `\b((?:19|20)\d{2})\s?([QqHh][1-4])\b`, " $1 $2 ", mayQuarter, false},
	{"quire-hyphen4", `\b(\pL+)-(\pL+)-(\pL+)-(\pL+)\b`, " $1 $2 $3 $4 $1$2$3$4 ", mayHyphen, true},
	{"quire-hyphen3", `\b(\pL+)-(\pL+)-(\pL+)\b`, " $1 $2 $3 $1$2$3 ", mayHyphen, true},
	{"quire-hyphen2", `\b(\pL+)-(\pL+)\b`, " $1 $2 $1$2 ", mayHyphen, true},
}

func mayFY(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == 'f' || s[i] == 'F') && (s[i+1] == 'y' || s[i+1] == 'Y') {
			return true
		}
	}
	return false
}

func mayQuarter(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case 'q', 'Q', 'h', 'H':
			if s[i+1] >= '1' && s[i+1] <= '4' {
				return true
			}
		}
	}
	return false
}

func mayHyphen(s string) bool { return strings.IndexByte(s, '-') >= 0 }

// filteredText is text after the character filters, run in order as the
// index analyzer runs them, each only where it may match (see charRule),
// and the hyphen rules, which never match across a space, only on the
// words that hold a hyphen: run over a whole chunk they took a tenth of a
// question's time. It gives the same text as the index analyzer's
// filters (TestAnalyzeSkipsOnlyFiltersThatCannotMatch).
func filteredText(text string) string {
	for i, r := range charRules {
		switch {
		case !r.may(text):
		case r.word:
			text = replaceInWords(text, compiledRules[i], r.replace)
		default:
			text = compiledRules[i].ReplaceAllString(text, r.replace)
		}
	}
	return text
}

// compiledRules are charRules' expressions.
var compiledRules = func() []*goregexp.Regexp {
	out := make([]*goregexp.Regexp, len(charRules))
	for i, r := range charRules {
		out[i] = goregexp.MustCompile(r.re)
	}
	return out
}()

// replaceInWords replaces the matches of re in each run of text between
// spaces that holds a hyphen.
func replaceInWords(text string, re *goregexp.Regexp, replace string) string {
	var b strings.Builder
	start := -1 // start of the current word
	flush := func(end int) {
		if w := text[start:end]; strings.IndexByte(w, '-') >= 0 {
			b.WriteString(re.ReplaceAllString(w, replace))
		} else {
			b.WriteString(w)
		}
		start = -1
	}
	for i, r := range text {
		if unicode.IsSpace(r) {
			if start >= 0 {
				flush(i)
			}
			b.WriteRune(r)
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		flush(len(text))
	}
	return b.String()
}

// withoutFilters is a with no character filters: for text filteredText
// has filtered. a must be analyzerName's, whose filters are charRules in
// order; nil if it is not.
func withoutFilters(a *analysis.DefaultAnalyzer) *analysis.DefaultAnalyzer {
	if len(a.CharFilters) != len(charRules) {
		return nil
	}
	b := *a
	b.CharFilters = nil
	return &b
}

// addAnalyzer defines analyzerName in m.
func addAnalyzer(m *mapping.IndexMappingImpl) error {
	var names []string
	for _, r := range charRules {
		err := m.AddCustomCharFilter(r.name, map[string]any{
			"type":    regexp.Name,
			"regexp":  r.re,
			"replace": r.replace,
		})
		if err != nil {
			return err
		}
		names = append(names, r.name)
	}
	return m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"char_filters":  names,
		"tokenizer":     unitok.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	})
}
