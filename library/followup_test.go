package library

import "testing"

func TestStandaloneQuestion(t *testing.T) {
	for _, c := range []struct {
		before []string
		q      string
		want   string
	}{
		{[]string{"Who is the CEO of Zentara?"}, "And how many employees does it have?", "How many employees does Zentara have?"},
		{[]string{"Who is the CEO of Zentara Robotics?"}, "Where is its headquarters?", "Where is Zentara Robotics's headquarters?"},
		{[]string{"What is the list price of the Magpie-7?"}, "What is its IP rating?", "What is Magpie-7's IP rating?"},
		{[]string{"what is copay for Northwind Health Plus?"}, "and what about the deductible?", "What about the deductible (Northwind Health Plus)?"},
		{[]string{"Who is the CEO of Zentara?", "How many employees does Zentara have?"}, "When was it founded?", "When was Zentara founded?"},
		// Standalone questions stay as they are.
		{[]string{"Who is the CEO of Zentara?"}, "What is the list price of the Magpie-7?", "What is the list price of the Magpie-7?"},
		{nil, "And how many employees does it have?", "And how many employees does it have?"},
		// The subject already named: nothing to add.
		{[]string{"Who is the CEO of Zentara?"}, "And how many employees does Zentara have?", "And how many employees does Zentara have?"},
	} {
		var h []Exchange
		for _, q := range c.before {
			h = append(h, Exchange{Question: q})
		}
		if got := StandaloneQuestion(h, c.q); got != c.want {
			t.Errorf("after %q, %q → %q, want %q", c.before, c.q, got, c.want)
		}
	}
}
