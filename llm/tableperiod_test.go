package llm

import "testing"

func TestBalancePeriod(t *testing.T) {
	for line, want := range map[string]string{
		"Balance, January 1, 2019 478 $ 19 9,332 $ 467":          "2019",
		"Balance, December 31, 2019 479 $ 17 9,369 $ 468":        "2020",
		"Balances at February 3, 2018 282 $ 28 $ — $ 3,270":      "2019",
		"BALANCE AT MAY 31, 2020 1,243 $ 3 $ 8,299 $ 56 $ 5,245": "2021",
		"Balance as of Sept. 30, 2021 (1,234)":                   "2022",
	} {
		if !balanceRE.MatchString(line) {
			t.Errorf("%q is not read as a balance line", line)
			continue
		}
		if got := balancePeriod(line); got != want {
			t.Errorf("balancePeriod(%q) = %q, want %q", line, got, want)
		}
	}
	for _, line := range []string{
		"Balance sheet data (in millions) 2021 2020",
		"Ending balance 1,234 1,100",
		"Net income 16,026 16,026 29 16,056",
	} {
		if balanceRE.MatchString(line) {
			t.Errorf("%q is read as a balance line", line)
		}
	}
}

// A row of a statement of equity is of the year its balance line opens:
// asked for 2021, the rows under "Balance, January 1, 2019" and
// "Balance, December 31, 2019" are other years'.
func TestOfAskedYearsReadsTheBalanceLine(t *testing.T) {
	lines := []string{
		"Balance, January 1, 2019 478 $ 19 9,332 $ 467 $ 86,253",
		"Net income 16,026 16,026 29 16,056",
		"Balance, December 31, 2019 479 $ 17 9,369 $ 468 $ 87,428",
		"Net income 9,159 9,159 36 9,195",
		"Balance, December 31, 2020 480 $ 17 9,407 $ 469 $ 88,674",
		"Net income 21,979 21,979 46 22,025",
	}
	var us []unit
	for i, l := range lines {
		us = append(us, unit{hit: 0, pos: i, text: l})
	}
	src := lineSource{at: placesOf(us), all: us}
	for pos, want := range map[int]bool{1: false, 3: false, 5: true} {
		if got := ofAskedYears([]int{2021}, us[pos].text, src.tablePeriod(us[pos])); got != want {
			t.Errorf("%q asked for 2021: %v, want %v (period %q)", us[pos].text, got, want, src.tablePeriod(us[pos]))
		}
	}
}

func TestPerShareFiguresKeepNoScale(t *testing.T) {
	if !exceptPerShare([]string{"(MILLIONS, EXCEPT PER COMMON SHARE DATA) 2021 2020 2019"}) {
		t.Error("Pfizer's header is not read as excepting per-share data")
	}
	if !exceptPerShare([]string{"2019 2018", "(in thousands, except share and per share data)"}) {
		t.Error("a unit line above the header is not read")
	}
	if exceptPerShare([]string{"(in millions) 2021 2020"}) {
		t.Error("a plain unit is read as excepting per-share data")
	}
	if !perShare([]string{"$ 3.92", "$ 1.65", "(0.45)"}) || perShare([]string{"$ 21,979", "$ 9,159"}) || perShare([]string{"3.92", "12"}) {
		t.Error("perShare misreads dollars and cents")
	}
}
