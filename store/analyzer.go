package store

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
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
}

// charRules run in order; the longer compounds first, so that the
// two-part rule does not split them half-way.
var charRules = []charRule{
	{"quire-fy4", `\b[Ff][Yy]\s?(\d{4})\b`, " $1 ", mayFY},
	{"quire-fy2", `\b[Ff][Yy]\s?'?(\d{2})\b`, " 20$1 ", mayFY},
	{"quire-quarter", `\b((?:19|20)\d{2})\s?([QqHh][1-4])\b`, " $1 $2 ", mayQuarter},
	{"quire-hyphen4", `\b(\pL+)-(\pL+)-(\pL+)-(\pL+)\b`, " $1 $2 $3 $4 $1$2$3$4 ", mayHyphen},
	{"quire-hyphen3", `\b(\pL+)-(\pL+)-(\pL+)\b`, " $1 $2 $3 $1$2$3 ", mayHyphen},
	{"quire-hyphen2", `\b(\pL+)-(\pL+)\b`, " $1 $2 $1$2 ", mayHyphen},
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

// filtersFor is a's analysis of text with the character filters that
// cannot match it left out: the same terms, with less work. a must be
// analyzerName's, whose filters are charRules in order.
func filtersFor(a *analysis.DefaultAnalyzer, text string) *analysis.DefaultAnalyzer {
	if len(a.CharFilters) != len(charRules) {
		return a
	}
	b := *a
	b.CharFilters = nil
	for i, r := range charRules {
		if r.may(text) {
			b.CharFilters = append(b.CharFilters, a.CharFilters[i])
		}
	}
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
		"tokenizer":     unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	})
}
