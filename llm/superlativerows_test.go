package llm

import (
	"slices"
	"strings"
	"testing"
)

// The header of MGMRESORTS_2022Q4_EARNINGS.pdf p.13 as its chunk holds it.
var mgmHeader = strings.Split(`MGM RESORTS INTERNATIONAL AND SUBSIDIARIES
SUPPLEMENTAL DATA – ADJUSTED PROPERTY EBITDAR AND ADJUSTED EBITDAR
(In thousands)
(Unaudited)
Three months ended Twelve months ended
December 31,
2022

December 31,
2021

December 31,
2022

December 31,
2021`, "\n")

func TestPeriodHeader(t *testing.T) {
	years, periods, top := periodHeader(mgmHeader)
	if !slices.Equal(years, []int{2022, 2021, 2022, 2021}) {
		t.Errorf("years %v", years)
	}
	if !slices.Equal(periods, []string{"three months", "three months", "twelve months", "twelve months"}) {
		t.Errorf("periods %v", periods)
	}
	if top != 4 || !slices.Equal(titleAbove(mgmHeader[:top]), mgmHeader[:4]) {
		t.Errorf("title %q", titleAbove(mgmHeader[:top]))
	}
}

func TestColumnOfThePeriodAsked(t *testing.T) {
	years, periods, _ := periodHeader(mgmHeader)
	tab := rowTable{years: years, periods: periods}
	if c, ok := tab.column(2022, false); !ok || c != 2 {
		t.Errorf("year 2022: column %d, %v; want 2", c, ok)
	}
	if c, ok := tab.column(2022, true); !ok || c != 0 {
		t.Errorf("a quarter of 2022: column %d, %v; want 0", c, ok)
	}
	// Two columns of 2022 and no period words: no column rather than a guess.
	bare := rowTable{years: []int{2022, 2021, 2022, 2021}, periods: make([]string, 4)}
	if _, ok := bare.column(2022, false); ok {
		t.Error("an ambiguous column was chosen")
	}
}

// A quarterly report's table has one period for all its columns: a year
// asked is not answered from a quarter's figures.
func TestOnePeriodForEveryColumn(t *testing.T) {
	years, periods, _ := periodHeader([]string{"Three Months Ended March 31,", "2021 2020"})
	if !slices.Equal(years, []int{2021, 2020}) || !slices.Equal(periods, []string{"three months", "three months"}) {
		t.Fatalf("years %v, periods %q", years, periods)
	}
	tab := rowTable{years: years, periods: periods}
	if _, ok := tab.column(2021, false); ok {
		t.Error("a year was answered from a quarter's column")
	}
	if c, ok := tab.column(2021, true); !ok || c != 0 {
		t.Errorf("the quarter of 2021: column %d, %v; want 0", c, ok)
	}
}
