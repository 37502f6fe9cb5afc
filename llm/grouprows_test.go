package llm

import (
	"strings"
	"testing"
)

// viaviMSUs is chunk 262 of viavi-solutions-inc_2019.pdf (shared UDA
// set), p.50, as Quire stores it: the end of a multi-line header, then one
// group of rows per officer, the name on the first row alone.
const viaviMSUs = "Maximum\nPossible\nValue of PSUs\nUsing\nGrant Date Fair\nValue\nOleg Khaykin 2019 4,067,526 —\n\n2018 2,457,750 909,900\n2017 659,618 —\nAmar Maletira 2019 1,379,350 —\n\n2018 1,015,870 454,950\n2017 574,500 —\nPaul McNab 2019 591,150 —\n\n2018 442,395 —\n2017 373,425 —\nLuke Scrivanich 2019 591,150 —\n\n2018 442,395 —\n2017 393,600 —\nGary Staley 2019 591,150 —\n\n2018 943,527 —\n2017 303,948 —\n\nThe assumptions used to calculate these amounts for fiscal 2019 are set forth under Note 16 of the Notes to Consolidated Financial Statements\nincluded in the Company’s Annual Report on Form 10-K for fiscal year 2019 filed with the SEC on August 27, 2019."

// viaviSalaries is chunk 258 (p.49): the summary compensation table, each
// officer's name and title on lines of their own above the first row.
const viaviSalaries = "Salary\n($)\n\nBonus\n($)\n\nStock\nAwards\n($) (1)\n\nOption\nAwards\n($) (2)\n\nNon-Equity\nIncentive\nPlan\nCompensation\n($) (3)\n\nAll Other\nCompensation\n($) (4)\n\nTotal\n($)\nOleg Khaykin\nPresident and\nChief Executive\nOfficer 2019 800,000 — 5,081,397 — 1,056,681 4,000 6,942,078\n2018 750,000 — 4,064,900 — 135,000 4,000 4,953,900\n2017 750,000 — 941,873 — — 123,000 1,814,873\n\nAmar Maletira\nExecutive Vice\nPresident and\nChief Financial\nOfficer 2019 500,000 — 2,067,567 — 452,093 4,000 3,023,660\n2018 425,000 180,000(5) 1,759,017 — 65,024 4,000 2,433,041\n2017 425,000 — 820,334 — — 4,000 1,249,334"

// groupTexts are the texts of the group units of one chunk.
func groupTexts(chunk string) []string {
	var us []unit
	for j, l := range Sentences(chunk) {
		us = append(us, unit{pos: j, text: l})
	}
	var out []string
	for _, u := range groupUnits(us) {
		out = append(out, u.text)
	}
	return out
}

func TestYearRowsCarryTheirGroupsName(t *testing.T) {
	got := strings.Join(groupTexts(viaviMSUs), "\n")
	for _, want := range []string{
		"Oleg Khaykin 2018 2,457,750 909,900",
		"Amar Maletira 2018 1,015,870 454,950",
		"Paul McNab 2019 591,150 —",
		"Paul McNab 2017 373,425 —",
		"Gary Staley 2018 943,527 —",
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("no unit %q among:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Oleg Khaykin 2018 1,015,870") || strings.Contains(got, "The assumptions") {
		t.Errorf("a row was given another group's name, or prose a name:\n%s", got)
	}
}

func TestGroupLabelOnLinesAboveIsCarried(t *testing.T) {
	got := strings.Join(groupTexts(viaviSalaries), "\n")
	want := "Amar Maletira Executive Vice President and Chief Financial Officer 2018 425,000 180,000(5) 1,759,017 — 65,024 4,000 2,433,041"
	if !strings.Contains(got, want) {
		t.Errorf("no unit %q among:\n%s", want, got)
	}
	// Above the first group, the column's unit "($)" ends the header.
	want = "Oleg Khaykin President and Chief Executive Officer 2018 750,000 — 4,064,900 — 135,000 4,000 4,953,900"
	if !strings.Contains(got, want) {
		t.Errorf("no unit %q among:\n%s", want, got)
	}
}
