package search

import "testing"

// What a count question counts, and which lines state a count of it as
// a search may trust them.
func TestCountStated(t *testing.T) {
	if got := CountedNoun("How many full-time employees does Nike have?"); got != "employees" {
		t.Errorf("CountedNoun = %q", got)
	}
	re := CountStated("employees")
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

// NIKE_2019_10K.pdf p.1: a table of contents is no row of figures; a
// table whose figures are not page numbers is.
func TestIsContents(t *testing.T) {
	toc := "TABLE OF CONTE NTS\nPAGE\nPART I 1\nITEM 1. Business 1\nGeneral 1\nProducts 1\nSales and Marketing 2\nUnited States Market 2\nInternational Markets 3\nSignificant Customer 3\nProduct Research, Design and Development 4\nManufacturing 4\nEmployees 6\n"
	if !isContents(toc) {
		t.Errorf("not read as contents:\n%s", toc)
	}
	stores := "U.S. RETAIL STORES NUMBER\nNIKE Brand factory stores 204\nNIKE Brand in-line stores (including employee-only stores) 29\nConverse stores (including factory stores) 102\nHurley stores (including factory and employee-only stores) 29\nTOTAL 364\nNON-U.S. RETAIL STORES\nNIKE Brand factory stores 636\nNIKE Brand in-line stores (including employee-only stores) 62\n"
	if isContents(stores) {
		t.Errorf("read as contents:\n%s", stores)
	}
}

// A number after a point numbers an exhibit, not a count.
func TestExhibitNumberStatesNoCount(t *testing.T) {
	re := CountStated("employees")
	if re.MatchString("10.23 Employee Matters Agreement dated August 31, 2018") {
		t.Error("an exhibit's number read as a count of employees")
	}
	if !re.MatchString("As of February 5, 2020, we have 109 employees") {
		t.Error("109 employees not read as a count")
	}
}
