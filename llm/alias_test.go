package llm

import "testing"

// A former or other name in parentheses pairs with the name before it.
func TestAliases(t *testing.T) {
	got := aliases("What is Block's (formerly known as Square) FY2016 working capital ratio?")
	if got["Block"] != "Square" || got["Square"] != "Block" {
		t.Errorf("Block (formerly known as Square): %v", got)
	}
	if got := aliases("What is the deductible of Northwind Standard (the basic plan)?"); len(got) != 0 {
		t.Errorf("a parenthesis that gives no other name: %v", got)
	}
}
