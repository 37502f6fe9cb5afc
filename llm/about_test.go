package llm

import "testing"

func TestNamesTopic(t *testing.T) {
	e := Extractive{Analyze: newSearcher(t, "x").Analyze}
	for _, c := range []struct {
		question, units string
		want            bool
	}{
		{"What does the employee handbook say about remote work?", "We are committed to a safe work environment for our employees.", false},
		{"What does the employee handbook say about remote work?", "Employees may work remotely two days a week; remote work needs a manager's approval.", true},
		// A body part is named by its field; a name is the name check's.
		{"What does Northwind Standard say about eye exams?", "Northwind Standard only offers coverage for vision exams and glasses.", true},
		{"What does the handbook say about the Magpie-7 warranty?", "Warranty 24 months parts and labour", true},
		// No topic asked.
		{"What is the warranty on the Magpie-7?", "Outdoor deployment voids it.", true},
	} {
		if got := e.namesTopic(c.question, c.units); got != c.want {
			t.Errorf("namesTopic(%q, %q) = %v, want %v", c.question, c.units, got, c.want)
		}
	}
}
