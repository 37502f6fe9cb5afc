package llm

import (
	"slices"
	"strings"
	"testing"
)

func TestAskedArithmetic(t *testing.T) {
	for _, c := range []struct {
		q     string
		kind  opKind
		years []int
	}{
		{"what is the growth rate in amortization expense in 2009?", opPercentChange, []int{2008, 2009}},
		{"What is Amazon's year-over-year change in revenue from FY2016 to FY2017 (in units of percents and round to one decimal place)?", opPercentChange, []int{2016, 2017}},
		{"what is the net change in the balance of total amounts of uncertain tax positions from 2007 to 2009?", opChange, []int{2007, 2009}},
		{"what was total rent expense for fiscal years 2010 to 2012 , in millions?", opSum, []int{2010, 2011, 2012}},
		{"What is the average Restricted cash for 2018 and 2019?", opMean, []int{2018, 2019}},
		{"What is the change in Audit Fees as a percentage between 2018 and 2019?", opPercentChange, []int{2018, 2019}},
		// Look-ups, formulas of two measures and lists are not computed.
		{"What was Netflix's total revenue in 2017?", 0, nil},
		{"What is the FY2019 fixed asset turnover ratio for Activision Blizzard?", 0, nil},
		{"What is the provision (benefit) for total current income taxes for 2018 and 2019 respectively?", 0, nil},
		{"What is the average age of the fleet?", 0, nil},
	} {
		a, ok := askedArithmetic(c.q)
		if ok != (c.kind != 0) || a.kind != c.kind || !slices.Equal(a.years, c.years) {
			t.Errorf("%q: %v %v %v, want %v %v", c.q, ok, a.kind, a.years, c.kind, c.years)
		}
	}
}

func TestSeries(t *testing.T) {
	for _, c := range []struct {
		u    unit
		want map[int]float64
	}{
		// Days of the month are neither years nor amounts.
		{unit{text: "Total rent expense approximated $1.6 million, $2.7 million and $2.2 million for the fiscal years ended March 31, 2012, 2011, and 2010, respectively."},
			map[int]float64{2012: 1.6, 2011: 2.7, 2010: 2.2}},
		// Extraction glues words to figures.
		{unit{text: "The statements ofincome forfiscalyear2009andfiscalyear2008include $1.7millionand$1.3million, respectively,of interest and penalties."},
			map[int]float64{2009: 1.7, 2008: 1.3}},
		// A row's columns are its header's years; parentheses are negatives.
		{unit{text: "2019 2018: Accumulated amortization (8,092 ) (7,900 )", loc: "Accumulated amortization (8,092 ) (7,900 )"},
			map[int]float64{2019: -8092, 2018: -7900}},
		{unit{text: "$ in millions 2016 2015 2014: Equity securities $2,573 $3,781 $4,579", loc: "Equity securities $2,573 $3,781 $4,579"},
			map[int]float64{2016: 2573, 2015: 3781, 2014: 4579}},
		// A footnote's number after the label is not a figure.
		{unit{text: "Fiscal 2019 Fiscal 2018: Audit Fees (1) $ 3,631,575 $ 3,784,488", loc: "Audit Fees (1) $ 3,631,575 $ 3,784,488"},
			map[int]float64{2019: 3631575, 2018: 3784488}},
		{unit{text: "2019 2018: Other (1) (2)", loc: "Other (1) (2)"}, map[int]float64{2019: -1, 2018: -2}},
		// A row with more figures than the header has years is not read.
		{unit{text: "2016 2015: Equity securities $2,573 $3,781 $4,579", loc: "Equity securities $2,573 $3,781 $4,579"}, nil},
		// Each figure with its year, in turn.
		{unit{text: "Rent charged to operating expense was $244 million for 2016, $249millionfor 2015and$309millionfor 2014."},
			map[int]float64{2016: 244, 2015: 249, 2014: 309}},
		{unit{text: "In 2016 revenue was $5.1 million, in 2015 $4.2 million."}, map[int]float64{2016: 5.1, 2015: 4.2}},
		{unit{text: "In 2016 we paid $5 million for the 2015 acquisition."}, nil},
		{unit{text: "Net increase in cash of $838 during the year ended December 31, 2019 compared to a net decrease of $1,980 in the same period in 2018."}, nil},
		// A range's dash is not a minus.
		{unit{text: "The base rent for 2008-2010 and 2010-2014 was $40,000 and $64,350, respectively."}, nil},
	} {
		s, _, ok := seriesFor(c.u, nil)
		if ok != (c.want != nil) {
			t.Errorf("%q: read %v, want %v", c.u.text, s, c.want)
			continue
		}
		for y, v := range c.want {
			if s[y].value != v {
				t.Errorf("%q: %d = %v, want %v", c.u.text, y, s[y].value, v)
			}
		}
	}
}

var goldmanPage = "The table below presents the amount of common stock repurchased by the firm.\n" +
	"Year Ended December\n" +
	"in millions, except per share amounts 2016 2015 2014\n" +
	"Common share repurchases 36.6 22.1 31.8\n" +
	"Average cost per share $165.88 $189.41 $171.79\n" +
	"Total cost of common share repurchases $ 6,069 $ 4,195 $ 5,469\n" +
	"Total operating expenses $20,304 $25,042 $22,171"

func TestComputedAnswerShowsItsWork(t *testing.T) {
	s := newNamedSearcher(t, "GS_2016.pdf", goldmanPage)
	ans := ask(t, s, "What was the difference in millions between the total cost of common share repurchases from 2015 to 2016?")
	lines := strings.Split(ans.Text, "\n")
	if ans.Abstained || lines[0] != "Computed: +1,874 from 2015 to 2016 (4,195 to 6,069) [1]" {
		t.Fatalf("answer %q", ans.Text)
	}
	// The row is quoted with its column years and its table's unit, the
	// first year asked first.
	if len(lines) < 2 || lines[1] != "Total cost of common share repurchases, 2016: $6,069 (in millions; 2015: $4,195; 2014: $5,469) [1]" {
		t.Errorf("the row the figures come from is not quoted with its columns: %q", ans.Text)
	}
	ans = ask(t, s, "What was the average cost per share for 2014 and 2015?")
	if !strings.HasPrefix(ans.Text, "Computed: 180.60 on average for 2014 and 2015 (171.79, 189.41) [1]") {
		t.Errorf("mean: %q", ans.Text)
	}
}

// A row that names part of the measure asked is another measure: "Total
// operating expenses" does not give the rent charged to them.
func TestNoComputationFromAnotherMeasure(t *testing.T) {
	s := newNamedSearcher(t, "GS_2016.pdf", goldmanPage)
	ans := ask(t, s, "What was total rent charged to operating expense in millions for 2016, 2015 and 2014?")
	if strings.HasPrefix(ans.Text, "Computed") {
		t.Errorf("computed from another measure: %q", ans.Text)
	}
}

var lendingPage = "The table below presents the operating results of our Investing & Lending segment.\n" +
	"Year Ended December\n" +
	"$ in millions 2016 2015 2014\n" +
	"Equity securities $2,573 $3,781 $4,579\n" +
	"Debt securities and loans 1,507 1,655 2,246\n" +
	"Total net revenues 4,080 5,436 6,825\n" +
	"Operating expenses 2,386 2,402 2,819"

func TestComputedShareOfTheTotalRow(t *testing.T) {
	s := newNamedSearcher(t, "GS_2016.pdf", lendingPage)
	ans := ask(t, s, "What percentage of total net revenue of the investing & lending segment is due to equity securities in 2015?")
	lines := strings.Split(ans.Text, "\n")
	if lines[0] != "Computed: 69.6% in 2015 (3,781 of 5,436) [1]" || len(lines) != 3 {
		t.Fatalf("answer %q", ans.Text)
	}
	if !strings.Contains(lines[1], "Equity securities") || !strings.Contains(lines[2], "Total net revenues") {
		t.Errorf("the rows used are not quoted: %q", ans.Text)
	}
	// A part the table does not have is not computed.
	if ans := ask(t, s, "What percentage of total net revenue is due to real estate in 2015?"); strings.HasPrefix(ans.Text, "Computed") {
		t.Errorf("computed a share of a row the table lacks: %q", ans.Text)
	}
}

func TestComputedShareOfAYearRow(t *testing.T) {
	page := "The table below presents future minimum rental payments, net of minimum sublease rentals.\n" +
		"$ in millions\nAs of\nDecember 2016\n2017 $ 290\n2018 282\n2019 238\n2020 206\n2021 159\n2022 - thereafter 766\nTotal $1,941"
	// A filing has more pages than the table: the question's words
	// "percentage" and "due" are the library's.
	other := "Rent payments are due on the first day of each month. Occupancy expenses were 2.1 percentage points of net revenues."
	s := newNamedSearcher(t, "GS_2016.pdf", page, other)
	ans := ask(t, s, "What percentage of future minimum rental payments are due in 2018?")
	lines := strings.Split(ans.Text, "\n")
	if lines[0] != "Computed: 14.5% in 2018 (282 of 1,941) [1]" || len(lines) != 4 {
		t.Fatalf("answer %q", ans.Text)
	}
	// The rows are quoted with the lead-in that says what they are of.
	if !strings.HasPrefix(lines[1], "The table below presents future minimum rental payments") || !strings.HasPrefix(lines[2], "2018 282") || !strings.HasPrefix(lines[3], "Total $1,941") {
		t.Errorf("quoted %q", lines[1:])
	}
	if ans := ask(t, s, "What percentage of future minimum rental payments are due in 2030?"); strings.HasPrefix(ans.Text, "Computed") {
		t.Errorf("computed for a year the table lacks: %q", ans.Text)
	}
}

func TestComputedFromRowsLabelledWithTheirYear(t *testing.T) {
	page := "The following table summarizes the changes in the total amounts of uncertain tax positions for fiscal 2008 and fiscal 2009.\n" +
		"Balance, November 3, 2007 . . . . . . . . . . $ 9,889\n" +
		"Additions for tax positions of current year . . . . . . 3,861\n" +
		"Balance, November 1, 2008 . . . . . . . . . . $13,750\n" +
		"Additions for tax positions of current year . . . . . . 4,411\n" +
		"Balance, October 31, 2009 . . . . . . . . . . $18,161"
	s := newNamedSearcher(t, "ADI_2009.pdf", page)
	ans := ask(t, s, "What is the net change in the balance of total amounts of uncertain tax positions from 2007 to 2009?")
	if !strings.HasPrefix(ans.Text, "Computed: +8,272 from 2007 to 2009 (9,889 to 18,161) [1]") {
		t.Fatalf("answer %q", ans.Text)
	}
	if strings.Contains(ans.Text, "13,750") {
		t.Errorf("quotes the row of a year not used: %q", ans.Text)
	}
}

// Figures written as percentages are another measure than the one asked
// unless it is a percentage itself.
func TestComputedMeasureIsNotItsPercentage(t *testing.T) {
	page := "The following table sets forth net sales and gross profit.\n" +
		"2019 2018\n" +
		"Gross Profit % to net sales 23.6% 25.0%\n" +
		"Net sales $ 93,662 $ 103,350\n" +
		"Gross Profit 22,104 25,838"
	other := "The average order was larger, and total volume grew."
	s := newNamedSearcher(t, "LIFEWAY_2019.pdf", page, other)
	ans := ask(t, s, "What is the average total net sales for 2018 and 2019?")
	if !strings.HasPrefix(ans.Text, "Computed: 98,506 on average for 2018 and 2019 (103,350, 93,662) [1]") {
		t.Errorf("answer %q", ans.Text)
	}
}
