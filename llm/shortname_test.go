package llm

import (
	"strings"
	"testing"
)

// A short name finds its long form, and never another name of its family.
func TestShortNameOf(t *testing.T) {
	text := "Northwind Health Plus Benefits Details\nThe Northwind Standard plan"
	for name, want := range map[string]bool{
		"Northwind Plus":     true,
		"Northwind Health":   true, // written as is
		"Northwind Select":   false,
		"Northwind Benefits": false, // two words left out
		"Plus Northwind":     false,
		"Northwind":          false, // a one-word name is written as one
	} {
		if got := shortNameOf(strings.Fields(name), text); got != want {
			t.Errorf("shortNameOf(%q) = %v, want %v", name, got, want)
		}
	}
}
