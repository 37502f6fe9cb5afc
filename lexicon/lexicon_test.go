package lexicon

import (
	"bufio"
	"os"
	"regexp"
	"testing"
)

// words.txt is exactly the lower-case words of four or more letters of
// the vocabulary models/ embeds.
func TestWordsAreTheVocabularysWords(t *testing.T) {
	f, err := os.Open("../models/bert-base-uncased-vocab.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	word := regexp.MustCompile(`^[a-z]{4,}$`)
	want := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if word.MatchString(sc.Text()) {
			want[sc.Text()] = true
		}
	}
	s := English()
	for w := range want {
		if !s[w] {
			t.Errorf("%q of the vocabulary is missing", w)
		}
	}
	for w := range s {
		if !want[w] && !contains(jargon, w) {
			t.Errorf("%q is neither in the vocabulary nor jargon", w)
		}
	}
}

func TestHas(t *testing.T) {
	s := English()
	for _, w := range []string{"many", "Hearing", "services", "capex", "COGS", "altogether"} {
		if !s.Has(w) {
			t.Errorf("%q not known", w)
		}
	}
	for _, w := range []string{"typs", "hearin", "servises", "gendr", "Helth", "lobor"} {
		if s.Has(w) {
			t.Errorf("typo %q taken for a word", w)
		}
	}
}

func contains(ss []string, w string) bool {
	for _, s := range ss {
		if s == w {
			return true
		}
	}
	return false
}
