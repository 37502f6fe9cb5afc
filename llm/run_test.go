package llm

import (
	"strings"
	"testing"
)

func TestLongestRun(t *testing.T) {
	words := func(s string) []string { return strings.Fields(s) }
	q := words("financi implic choos out network provid northwind standard benefit detail")
	name := map[string]bool{"northwind": true, "standard": true, "benefit": true, "detail": true}
	for s, want := range map[string]int{
		"you choos out network provid you mai respons entir cost": 4,
		"you choos receiv servic suppli from out network provid":  3,
		"northwind standard benefit detail cover hear care":       0, // the document's name is no run
		"provid network out":           0, // not in the question's order
		"financi respons choos provid": 0, // one word is no run
		"cover northwind standard choos out network provid financi im": 4,
	} {
		if got := longestRun(q, words(s), name); got != want {
			t.Errorf("longestRun(%q) = %d, want %d", s, got, want)
		}
	}
}

// A list item that is a sentence stands without its list's lead-in; one
// that is not ("• Routine eye exams") needs it.
func TestWholeSentenceItem(t *testing.T) {
	for item, want := range map[string]bool{
		"• Be aware that Northwind Standard does not cover emergency services, mental health and substance abuse coverage, or out-of-network services.": true,
		"• Routine eye exams": false,
		"• changes in regulatory requirements or other executive branch actions, such as Executive Orders;": false,
	} {
		if got := wholeSentence(item); got != want {
			t.Errorf("wholeSentence(%q) = %v, want %v", item, got, want)
		}
	}
}
