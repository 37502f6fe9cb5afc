// Package lang tells which language a document is written in, from its
// most frequent short words: each language's function words (articles,
// pronouns, prepositions, conjunctions) make up a large share of any
// running text in it and are rare in the others, so counting them over a
// few thousand words is reliable for documents, where character n-gram
// models are needed only for short strings. The file name is never used.
package lang

import (
	"strings"
	"unicode"
)

// Codes are ISO 639-1 ("en", "de", …), the names Bleve's analyzers use.
const (
	English    = "en"
	German     = "de"
	French     = "fr"
	Spanish    = "es"
	Italian    = "it"
	Dutch      = "nl"
	Portuguese = "pt"
	Swedish    = "sv"
	Russian    = "ru"
)

// function words of each language: frequent, short, and not shared with
// another language of the list in the same role.
var function = map[string]string{
	English:    "the of and to in is that for it with as was on be by this are from or an which not have has at but were their been its",
	German:     "der die und das ist nicht ein eine den dem des mit sich auf für von zu im auch wird werden sind bei oder nach wie aus einer",
	French:     "le la les et des est une un du que pour dans pas qui sur au sont avec ce par il elle nous vous leur aux ne",
	Spanish:    "el los las del que y es en una por con para se su al lo como más pero sus le ha este está son también fue",
	Italian:    "il di che è la per non una sono della con del alla gli nel anche come più ma questo ha le dei delle",
	Dutch:      "de het een van en is dat niet op te voor met zijn er ook aan bij als om worden wordt naar uit deze",
	Portuguese: "o os as que do da em um uma para com não dos das se na no por mais ao é foi pelo pela são também",
	Swedish:    "och att det som en är av för på med till den har inte de om ett vi men var jag kan ska eller från",
	Russian:    "и в не на что с по как это он к но из у за от для то же все она так его был они",
}

var table = build()

func build() map[string][]string {
	t := map[string][]string{}
	for lang, words := range function {
		for _, w := range strings.Fields(words) {
			t[w] = append(t[w], lang)
		}
	}
	return t
}

// minHits is the fewest function words a text must hold to be told;
// shorter texts are taken as English, as Quire's index always was.
const minHits = 8

// maxWords bounds the words looked at: a few thousand tell any document.
const maxWords = 5000

// Detect returns the language of text, English when it is too short to
// tell or none stands out.
func Detect(text string) string {
	counts := map[string]int{}
	n := 0
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if n >= maxWords {
			break
		}
		n++
		for _, l := range table[strings.ToLower(f)] {
			counts[l]++
		}
	}
	best, second := "", 0
	for _, l := range []string{English, German, French, Spanish, Italian, Dutch, Portuguese, Swedish, Russian} {
		if best == "" || counts[l] > counts[best] {
			if best != "" {
				second = max(second, counts[best])
			}
			best = l
		} else {
			second = max(second, counts[l])
		}
	}
	// The winner must stand clear of the runner-up (Spanish and
	// Portuguese, Dutch and German share some words).
	if counts[best] < minHits || float64(counts[best]) < 1.3*float64(second) {
		return English
	}
	return best
}

// Name is the language's name in English, for the library row.
func Name(code string) string {
	switch code {
	case English:
		return "English"
	case German:
		return "German"
	case French:
		return "French"
	case Spanish:
		return "Spanish"
	case Italian:
		return "Italian"
	case Dutch:
		return "Dutch"
	case Portuguese:
		return "Portuguese"
	case Swedish:
		return "Swedish"
	case Russian:
		return "Russian"
	}
	return code
}
