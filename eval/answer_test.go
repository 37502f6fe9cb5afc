package eval

import (
	"strings"
	"testing"
)

// words is a plain analyzer for the matcher: lower case, no stop words
// beyond a few, no stems.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		switch w {
		case "the", "a", "of", "is", "in", "and", "to", "for":
		default:
			out = append(out, w)
		}
	}
	return out
}

func TestFoundReadsFiguresAsWritten(t *testing.T) {
	m := Matcher{Analyze: words}
	for _, c := range []struct {
		ref, text string
		want      bool
	}{
		{"$1577.00", "Capital expenditures were $1,577 million [1]", true},
		{"$1577.00", "Capital expenditures were 1.577 billion", true},
		{"$1577.00", "Capital expenditures were $1.6 billion", false},
		{"$1,577.00", "Purchases of property 1577", true},
		{"30.8%", "The gross margin was 30.8 % in 2022", true},
		{"30.8%", "The gross margin was 30.8 percent", true},
		{"30.8%", "The gross margin was 31.8%", false},
		{"-27.0%", "amortization fell 27.0%", true},
		// A percentage written to a precision is what rounds to it.
		{"12%", "Computed: 11.5% in 2015 (5,271 of 45,821)", true},
		{"70%", "Computed: 69.6% in 2015", true},
		{"9%", "Computed: 9.5% in 2016", false},
		{"12%", "11.5 loans", false},
		{"8%", "7.6%", false},
		{"€68,400 per unit", "Magpie-7 €68,400 per unit [1]", true},
		{"€68,400 per unit", "Magpie-4 €41,900 per unit [1]", false},
		{"2", "see [2] for details", false},
		{"287", "Employees 287 (as of 1 March 2026) [1]", true},
		{"14 September 2025", "Released 14 September 2025", true},
		{"$0.40", "dividend of $0.40 per share", true},
		{"$0.40", "dividend of 40 cents", false},
		{"Iris Kallas", "CEO Iris Kallas [1]", true},
		{"Iris Kallas", "Head of People Yuki Tanabe-Pereira", false},
		{"The deductible is $1,500 for individuals and $3,000 for families.", "Calendar year deductible: $1,500 individuals, $3,000 families [1]", true},
		{"The deductible is $1,500 for individuals and $3,000 for families.", "The plan has a calendar year deductible that applies to some services [1]", false},
	} {
		if got := m.Found(c.ref, c.text); got != c.want {
			t.Errorf("Found(%q, %q) = %v, want %v", c.ref, c.text, got, c.want)
		}
	}
}

// TestEveryReferenceFindsItself runs the matcher over every reference
// answer of the shared sets: each is found in its own text, and a figure
// answer is found again written another way.
func TestEveryReferenceFindsItself(t *testing.T) {
	m := Matcher{Analyze: words}
	n := 0
	for _, set := range []string{"zentara", "northwind", "financebench", "uda"} {
		qs, _, err := ReadQuestions("../../shared/evaldata/" + set + "/qa.jsonl")
		if err != nil {
			t.Skipf("shared evaluation data not available: %v", err)
		}
		for _, q := range qs {
			if strings.TrimSpace(q.Answer) == "" || len(words(q.Answer)) == 0 && len(figures(q.Answer)) == 0 {
				continue
			}
			n++
			if !m.Found(q.Answer, "Quire says: "+q.Answer+" [1]") {
				t.Errorf("%s: %q not found in itself", q.ID, q.Answer)
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d reference answers checked", n)
	}
}
