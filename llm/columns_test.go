package llm

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

// netflixBalance is chunks 211–213 of NETFLIX_2017_10K.pdf (shared
// FinanceBench set) as Quire stores them: the end of the cash flow
// statement, the balance sheet's title, unit and column years, and its
// liabilities in the chunk after them.
var netflixBalance = []string{
	"Net increase (decrease) in cash and cash equivalents 1,355,219 (341,754) 695,722\nCash and cash equivalents, beginning of year 1,467,576 1,809,330 1,113,608\nCash and cash equivalents, end of year $ 2,822,795 $ 1,467,576 $ 1,809,330\n\nSupplemental disclosure:\n\nIncome taxes paid $ 113,591 $ 26,806 $ 27,658\nInterest paid 213,313 138,566 111,761\nIncrease (decrease) in investing activities included in liabilities (32,643) 27,504 (4,978)\n\nSee accompanying notes to consolidated financial statements.\n\n42\n\nTable of Contents\n\nNETFLIX, INC.\n\nCONSOLIDATED BALANCE SHEETS\n(in thousands, except share and per share data)\n\nAs of December 31,",
	"See accompanying notes to consolidated financial statements.\n\n42\n\nTable of Contents\n\nNETFLIX, INC.\n\nCONSOLIDATED BALANCE SHEETS\n(in thousands, except share and per share data)\n\nAs of December 31,\n\n2017 2016\nAssets\nCurrent assets: Cash and cash equivalents $ 2,822,795 $ 1,467,576\nShort-term investments — 266,206\nCurrent content assets, net 4,310,934 3,726,307\nOther current assets 536,245 260,202\nTotal current assets 7,669,974 5,720,291\nNon-current content assets, net 10,371,055 7,274,501\nProperty and equipment, net 319,404 250,395\nOther non-current assets 652,309 341,423\nTotal assets $ 19,012,742 $ 13,586,610\n\nLiabilities and Stockholders’ Equity",
	"7,274,501\nProperty and equipment, net 319,404 250,395\nOther non-current assets 652,309 341,423\nTotal assets $ 19,012,742 $ 13,586,610\n\nLiabilities and Stockholders’ Equity\n\nCurrent liabilities: Current content liabilities $ 4,173,041 $ 3,632,711\nAccounts payable 359,555 312,842\nAccrued expenses 315,094 197,632\nDeferred revenue 618,622 443,472\nTotal current liabilities 5,466,312 4,586,657\nNon-current content liabilities 3,329,796 2,894,654\nLong-term debt 6,499,432 3,364,311\nOther non-current liabilities 135,246 61,188\nTotal liabilities 15,430,786 10,906,810\nCommitments and contingencies (Note 5)\nStockholders’ equity: Preferred stock, $0.001 par value; 10,000,000 shares authorized at December 31, 2017 and 2016; no shares\nissued and outstanding at December 31, 2017 and 2016 — —\nCommon stock, $0.001 par value;",
}

func TestCellsSplitARowIntoLabelAndFigures(t *testing.T) {
	for _, c := range []struct {
		row, label string
		cells      []string
	}{
		{"Total current liabilities 5,466,312 4,586,657", "Total current liabilities", []string{"5,466,312", "4,586,657"}},
		{"Cash and cash equivalents, end of year $ 2,822,795 $ 1,467,576 $ 1,809,330", "Cash and cash equivalents, end of year", []string{"$2,822,795", "$1,467,576", "$1,809,330"}},
		{"Provision (benefit) for income taxes $ 782 $ (225 )", "Provision (benefit) for income taxes", []string{"$782", "$(225)"}},
		{"Short-term investments — 266,206", "Short-term investments", []string{"—", "266,206"}},
		{"% of JPM mutual fund assets rated as 4- or 5-star(a) 60 % 62 %", "% of JPM mutual fund assets rated as 4- or 5-star(a)", []string{"60 %", "62 %"}},
	} {
		label, cs, ok := cells(c.row)
		if !ok || label != c.label || !reflect.DeepEqual(cs, c.cells) {
			t.Errorf("cells(%q) = %q %q %v, want %q %q", c.row, label, cs, ok, c.label, c.cells)
		}
	}
	// A row whose label ends in its year is no row of year columns.
	if _, _, ok := cells("Oleg Khaykin 2019 4,067,526 —"); ok {
		t.Error("a row labelled with a year was split into columns")
	}
}

// netflixUnits are the units of chunk 213 alone, as one hit.
func netflixUnits(t *testing.T) (all []unit, row unit) {
	t.Helper()
	c := store.Chunk{DocID: 338, Ord: 213, PageStart: 45, PageEnd: 45, Text: netflixBalance[2]}
	lines, from := hitLines(search.Hit{Chunk: c})
	for j, l := range lines {
		all = append(all, unit{pos: j, text: l, chunk: from[j]})
	}
	for _, u := range all {
		if strings.HasPrefix(u.text, "Total current liabilities") {
			return all, u
		}
	}
	t.Fatal("no total current liabilities row in chunk 213")
	return nil, unit{}
}

func TestRowTakesItsColumnYearsFromTheChunkBefore(t *testing.T) {
	all, row := netflixUnits(t)
	before := store.Chunk{DocID: 338, Ord: 212, Text: netflixBalance[1]}
	e := Extractive{Chunk: func(id string) (store.Chunk, error) {
		if id != before.ID() {
			t.Errorf("read chunk %s, want the one before 338-213", id)
		}
		return before, nil
	}}
	for q, want := range map[string]string{
		"What is Netflix's total current liabilities at year end 2017?": "Total current liabilities, 2017: 5,466,312 (in thousands; 2016: 4,586,657)",
		"What is Netflix's total current liabilities at year end 2016?": "Total current liabilities, 2016: 4,586,657 (in thousands; 2017: 5,466,312)",
		"What are Netflix's total current liabilities?":                 "Total current liabilities: 5,466,312 (2017) · 4,586,657 (2016) (in thousands)",
	} {
		ws, _ := e.withColumns(q, []unit{row}, all, 1)
		got := ws[0]
		if got.text != want || got.loc != row.text {
			t.Errorf("%q: got %q (loc %q), want %q", q, got.text, got.loc, want)
		}
	}
	// Without the chunk before, the years are not known: the row is
	// quoted as written.
	if ws, _ := (Extractive{}).withColumns("What is Netflix's total current liabilities at year end 2017?", []unit{row}, all, 1); ws[0].text != row.text {
		t.Errorf("without the chunk before: got %q, want the row as written", ws[0].text)
	}
}

func TestStrayRowsAreLeftOut(t *testing.T) {
	analyze := newSearcher(t, "x").Analyze
	row := func(text string) unit {
		set := map[string]bool{}
		for _, w := range analyze(text) {
			set[w] = true
		}
		return unit{text: text, terms: set}
	}
	e := Extractive{Analyze: analyze}
	lead := row("Total current liabilities 5,466,312 4,586,657")
	// The cash flow statement's last row shares only the period's words
	// with the question.
	stray := row("Cash and cash equivalents, end of year $ 2,822,795 $ 1,467,576 $ 1,809,330")
	got := e.withoutStrayRows("What is Netflix's total current liabilities at year end 2017?", []unit{lead, stray}, 1)
	if len(got) != 1 {
		t.Errorf("kept %d units, want the lead alone", len(got))
	}
	// A row that adds a word of the question is kept.
	debt := row("Long-term debt 6,499,432 3,364,311")
	got = e.withoutStrayRows("What were Netflix's total current liabilities and long-term debt in 2017?", []unit{lead, debt, stray}, 1)
	if len(got) != 2 || got[1].text != debt.text {
		t.Errorf("kept %d units, want the lead and the debt row", len(got))
	}
	// So is the same measure in another table (inpixon_2019.pdf and
	// another UDA filing both have "Finished goods" rows): which is asked,
	// the reader can tell from their years and sources.
	goods := []unit{row("Finished goods 387 425"), row("Finished goods 2,220 2,165")}
	if got := e.withoutStrayRows("What is the value of finished goods in 2019?", goods, 1); len(got) != 2 {
		t.Errorf("kept %d units, want both finished goods rows", len(got))
	}
	// A row of a year not asked is left out when the question asks one.
	y18 := row("Oleg Khaykin 2018 2,457,750 909,900")
	y19 := row("Oleg Khaykin 2019 4,067,526 —")
	got = e.withoutStrayRows("What was the maximum possible value of MSU's for Oleg Khaykin in 2018?", []unit{y18, y19}, 1)
	if len(got) != 1 {
		t.Errorf("kept %d units, want the 2018 row alone", len(got))
	}
}

// verizonBenefits are chunks 568–572 of VERIZON_2021_10K.pdf (shared
// FinanceBench set), p.93–94: a note on pension plans whose benefit
// payments table's rows are years.
var verizonBenefits = []string{
	"reports prepared by either independent real estate appraisers or the investment\nmanager using discounted cash flows or market comparable data. Loans secured by mortgages are carried at the lesser of the unpaid balance\nor appraised value of the underlying properties. The values assigned to these investments are based upon available and current market\ninformation and do not necessarily represent amounts that might ultimately be realized. Because of the inherent uncertainty of valuation,\nestimated fair values might differ significantly from the values that would have been used had a ready market for the securities existed. These\ndifferences could be material.\n\nForward currency contracts, futures, and options are valued by the trustee at the exchange rates and market prices prevailing on the last\nbusiness day of the year. Both exchange rates and market prices are readily available from published sources. These securities are classified\nby the asset class of the underlying holdings.",
	"Both exchange rates and market prices are readily available from published sources. These securities are classified\nby the asset class of the underlying holdings.\n\nHedge funds are valued by the custodian at NAV based on statements received from the investment manager. These funds are valued in\naccordance with the terms of their corresponding offering or private placement memoranda.\n\nCommingled funds, hedge funds, venture capital, corporate finance, natural resource and real estate limited partnership investments for which\n\nVerizon 2021 Annual Report on Form 10-K\n\nfair value is measured using the NAV per share as a practical expedient are not leveled within the fair value hierarchy but are included in total\ninvestments.",
	"\nfair value is measured using the NAV per share as a practical expedient are not leveled within the fair value hierarchy but are included in total\ninvestments.\n\nEmployer Contributions\nIn 2021, we made no discretionary contribution to our qualified pension plans, $58 million of contributions to our nonqualified pension plans\nand $885 million of contributions to our other postretirement benefit plans. No qualified pension plans contributions are expected to be made\nin 2022. Nonqualified pension plans contributions are estimated to be approximately $60 million and contributions to our other postretirement\nbenefit plans are estimated to be approximately $860 million in 2022.\n\nEstimated Future Benefit Payments\nThe benefit payments to retirees are expected to be paid as follows: (dollars in millions)\nYear Pension Benefits Health Care and Life\n2022 $ 2,049 $ 906\n2023 1,648 883\n2024 1,097 862\n2025 1,066 850\n2026 1,034 840\n2027 to 2031 5,097 4,139",
	"Year Pension Benefits Health Care and Life\n2022 $ 2,049 $ 906\n2023 1,648 883\n2024 1,097 862\n2025 1,066 850\n2026 1,034 840\n2027 to 2031 5,097 4,139\n\nSavings Plan and Employee Stock Ownership Plans\nWe maintain four leveraged employee stock ownership plans (ESOP). We match a certain percentage of eligible employee contributions to\ncertain savings plans with shares of our common stock from this ESOP. At December 31, 2021, the number of allocated shares of common\nstock in this ESOP was 44 million. There were no unallocated shares of common stock in this ESOP at December 31, 2021. All leveraged\nESOP shares are included in earnings per share computations.\n\nTotal savings plan costs were $690 million in 2021, $730 million in 2020 and $897 million in 2019.\n\nSeverance Benefits\nThe following table provides an analysis of our severance liability: (dollars in millions)\n\nYear\n\nBeginning of\nYear",
	"Severance Benefits\nThe following table provides an analysis of our severance liability: (dollars in millions)\n\nYear\n\nBeginning of\nYear\n\nCharged to\nExpense Payments Other End of Year\n2019 $ 2,156 $ 260 $ (1,847) $ (4) $ 565\n2020 565 309 (248) (24) 602\n2021 602 233 (258) (29) 548\n\nSeverance, Pension and Benefits (Credits) Charges\n\nDuring 2021, in accordance with our accounting policy to recognize actuarial gains and losses in the period in which they occur, we recorded\nnet pre-tax pension and benefits credits of $2.4 billion in our pension and postretirement benefit plans.",
}

// The sentence that introduces a table matches "how much … expect to pay
// for its retirees" best, but the row of the year asked answers it, and
// goes first with its table's header.
func TestAskedRowGoesBeforeItsTablesLeadIn(t *testing.T) {
	s := newNamedSearcher(t, "VERIZON_2021_10K.pdf", verizonBenefits...)
	ans := ask(t, s, "As of FY 2021, how much did Verizon expect to pay for its retirees in 2024?")
	lines := strings.Split(ans.Text, "\n")
	if ans.Abstained || lines[0] != "Year Pension Benefits Health Care and Life: 2024 1,097 862 [1]" {
		t.Fatalf("answer:\n%s", ans.Text)
	}
	for _, l := range lines[1:] {
		if l == "Year Pension Benefits Health Care and Life [1]" {
			t.Errorf("the header the first row carries is quoted again:\n%s", ans.Text)
		}
	}
}

// Once the rows of an answer say their years, the lines that only gave
// them ("As of December 31,", "2017 2016") are not quoted.
func TestColumnsLinesAreLeftOutWhenRowsSayTheirYears(t *testing.T) {
	c := store.Chunk{DocID: 338, Ord: 212, Text: netflixBalance[1]}
	lines, from := hitLines(search.Hit{Chunk: c})
	var all, chosen []unit
	for j, l := range lines {
		u := unit{pos: j, text: l, chunk: from[j]}
		all = append(all, u)
		if l == "As of December 31," || l == "2017 2016" || strings.HasPrefix(l, "Total current assets") {
			chosen = append(chosen, u)
		}
	}
	got, lead := Extractive{}.withColumns("What were Netflix's total current assets in 2017?", chosen, all, len(chosen))
	if len(got) != 1 || lead != 1 || got[0].text != "Total current assets, 2017: 7,669,974 (in thousands; 2016: 5,720,291)" {
		t.Errorf("got %d units (lead %d): %+v", len(got), lead, got)
	}
	// Nor is such a line quoted alone, from a passage with no row of its
	// table after it.
	lone := chosen[0]
	lone.hit = 1
	got, _ = Extractive{}.withColumns("What were Netflix's total current assets in 2017?", []unit{chosen[2], lone}, all, 1)
	if len(got) != 1 {
		t.Errorf("a lone 'As of December 31,' is quoted: %+v", got)
	}
}

// bestBuyCash is chunk 96 of BESTBUY_2024Q2_10Q.pdf (shared FinanceBench
// set), p.20: a quarterly report's columns are dates, two of one year.
const bestBuyCash = "We have a disciplined approach to capital allocation, which focuses on investing in key priorities that support our strategy.\n\nCash and cash equivalents were as follows ($ in millions):\n\nJuly 29, 2023 January 28, 2023 July 30, 2022\nCash and cash equivalents $ 1,093 $ 1,874 $ 840\n\nThe decrease in cash and cash equivalents from January 28, 2023, was primarily due to the timing and volume of inventory purchases and payments, dividend\npayments and capital expenditures, partially offset by earnings."

func TestRowUnderDateColumnsSaysItsDates(t *testing.T) {
	lines, from := hitLines(search.Hit{Chunk: store.Chunk{Text: bestBuyCash}})
	var all []unit
	var row unit
	for j, l := range lines {
		all = append(all, unit{pos: j, text: l, chunk: from[j]})
		if strings.HasPrefix(l, "Cash and cash equivalents $") {
			row = all[j]
		}
	}
	got, _ := Extractive{}.withColumns("Was there any drop in Cash & Cash equivalents between FY 2023 and Q2 of FY2024?", []unit{row}, all, 1)
	want := "Cash and cash equivalents: $1,093 (July 29, 2023) · $1,874 (January 28, 2023) · $840 (July 30, 2022) (in millions)"
	if got[0].text != want {
		t.Errorf("got %q, want %q", got[0].text, want)
	}
	if isDataRow("July 29, 2023 January 28, 2023 July 30, 2022") || !isHeader("July 29, 2023 January 28, 2023 July 30, 2022") {
		t.Error("a line of column dates is read as a row of figures")
	}
}

// In inpixon_2019.pdf's income tax note (UDA set, p.106) "State and local
// -- --" is a row whose cells are blank, not the header of the rows
// under it ("Current -- 7").
func TestRowOfBlankCellsIsNoHeader(t *testing.T) {
	if isHeader("State and local -- --") || isHeader("U.S. federal -- --") {
		t.Error("a row of blank cells is read as a header")
	}
	if !isHeader("Low High") || !isHeader("2019 2018") {
		t.Error("a header is no longer read as one")
	}
}

// A row wrapped into one long line above the row asked ("Accounts
// receivable, net of allowance … respectively 6,692 6,276", 27 words) is
// a row of the table, not prose that ends it: the column years above it
// are read. Lifeway Foods' balance sheet (UDA, lifeway-foods-inc_2019.pdf
// p.54) as Quire stores it.
func TestLongRowDoesNotEndTheTable(t *testing.T) {
	s := newSearcher(t, "LIFEWAY FOODS, INC. AND SUBSIDIARIES\nConsolidated Balance Sheets\nDecember 31, 2019 and 2018\n(In thousands)\n\nDecember 31,\n2019 2018\n"+
		"Current assets\nCash and cash equivalents $ 3,836 $ 2,998\n"+
		"Accounts receivable, net of allowance for doubtful accounts and discounts & allowances of $1,100 and $1,220 at December 31, 2019 and 2018, respectively 6,692 6,276\n"+
		"Inventories, net 6,392 5,817\nTotal current assets 19,199 18,916\nTotal assets $ 56,987 $ 56,807\n\n"+
		"Current liabilities\nAccounts payable $ 5,282 $ 4,570\nAccrued expenses 4,087 2,777\nAccrued income taxes 154 106\nTotal current liabilities 9,523 7,453",
		"Our accrued expenses are reviewed each quarter.")
	a := ask(t, s, "What were the accrued expenses in 2019?")
	if want := "Accrued expenses, 2019: 4,087 (in thousands; 2018: 2,777) [1]"; !strings.HasPrefix(a.Text, want) {
		t.Errorf("answered:\n%s\nwant first %q", a.Text, want)
	}
}

// A header that names the change after its years with a sign alone
// ("2019 2018 $ %") heads rows of four figures, the last two of no year:
// Lifeway Foods' results table (UDA, lifeway-foods-inc_2019.pdf p.39).
func TestChangeColumnsAfterTheYears(t *testing.T) {
	h, ok := headerColumns("2019 2018 $ %")
	if want := []string{"2019", "2018", "$ change", "% change"}; !ok || !reflect.DeepEqual(h.names, want) || !reflect.DeepEqual(h.years, []int{2019, 2018, 0, 0}) {
		t.Errorf("header %+v %v, want the columns %q", h, ok, want)
	}
	if h, _ := headerColumns("Fiscal years 2019 2018 $ %"); len(h.names) != 4 {
		t.Errorf("after a head's words: %q, want four columns", h.names)
	}
	if h, _ := headerColumns("2019 2018 Change"); len(h.names) != 2 {
		t.Errorf("a word after the years is no change column: %q", h.names)
	}
	s := newSearcher(t, "2019 2018 $ %\n\nNet sales $ 93,662 $ 103,350 $ (9,688 ) (9.4% )\n\nGross profit $ 22,149 $ 25,858 $ (3,709 ) (14.3% )\n\n"+
		"Selling expenses $ 11,062 $ 13,477 $ 2,415 17.9%\nSelling expenses % to net sales 11.8% 13.0%\n\nGeneral & administrative expenses $ 12,828 $ 13,616 $ 788 5.8%",
		"Our selling expenses fell as advertising was cut.",
		"For the years ended December 31, 2019 and 2018 the total of all costs was reviewed altogether.")
	a := ask(t, s, "What is the total selling expenses altogether for years ended December 31, 2018 and 2019?")
	if want := "Computed: 24,539 in total for 2018 and 2019 (13,477 + 11,062) [1]\nSelling expenses, 2019: $11,062 (2018: $13,477; $ change: $2,415; % change: 17.9%) [1]"; !strings.HasPrefix(a.Text, want) {
		t.Errorf("answered:\n%s\nwant first:\n%s", a.Text, want)
	}
}

// AMCOR_2023Q4_EARNINGS.pdf p.1, the lines above "Adjusted non-GAAP
// results 2022 $ million 2023 $ million", nearest first.
func TestChangesNamedAbove(t *testing.T) {
	above := []string{"currency ∆%", "constant", "Comparable", "", "Reported ∆%", "", "Twelve Months Ended June 30,", "", "EPS (diluted US cents) 52.9 70.5"}
	want := []string{"Reported ∆%", "Comparable constant currency ∆%"}
	if got := changesNamedAbove(above); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// The title of a table with no change columns names none.
	if got := changesNamedAbove([]string{"Twelve Months Ended June 30,", "Net income 805 1,048"}); got != nil {
		t.Errorf("got %q from a table's period", got)
	}
}
