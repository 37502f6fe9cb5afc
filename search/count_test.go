package search

import "testing"

// What a count question counts, and which lines state a count of it as
// a search may trust them.
func TestCountStated(t *testing.T) {
	if got := CountedNoun("How many full-time employees does Nike have?"); got != "employees" {
		t.Errorf("CountedNoun = %q", got)
	}
	re := countStated("employees")
	for text, want := range map[string]bool{
		"As of May 31, 2021, we had approximately 73,300 employees worldwide":  true,
		"Employees 287 (as of 1 March 2026)":                                   true,
		"the Company employs 287 full-time employees":                          true,
		"EMPLOYEE owes 12 months of Additional Consideration":                  false,
		"our employees, 2019 through 2021, received training":                  false,
		"Verizon is committed to being an employer of choice for 2022 college": false,
	} {
		if got := re.MatchString(text); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}
