package store

import (
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

type charRule struct{ name, re, replace string }

// charRules run in order; the longer compounds first, so that the
// two-part rule does not split them half-way.
var charRules = []charRule{
	{"quire-fy4", `\b[Ff][Yy]\s?(\d{4})\b`, " $1 "},
	{"quire-fy2", `\b[Ff][Yy]\s?'?(\d{2})\b`, " 20$1 "},
	{"quire-quarter", `\b((?:19|20)\d{2})\s?([QqHh][1-4])\b`, " $1 $2 "},
	{"quire-hyphen4", `\b(\pL+)-(\pL+)-(\pL+)-(\pL+)\b`, " $1 $2 $3 $4 $1$2$3$4 "},
	{"quire-hyphen3", `\b(\pL+)-(\pL+)-(\pL+)\b`, " $1 $2 $3 $1$2$3 "},
	{"quire-hyphen2", `\b(\pL+)-(\pL+)\b`, " $1 $2 $1$2 "},
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
