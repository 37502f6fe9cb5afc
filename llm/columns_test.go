package llm

import (
	"reflect"
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
		got := e.withColumns(q, []unit{row}, all)[0]
		if got.text != want || got.loc != row.text {
			t.Errorf("%q: got %q (loc %q), want %q", q, got.text, got.loc, want)
		}
	}
	// Without the chunk before, the years are not known: the row is
	// quoted as written.
	if got := (Extractive{}).withColumns("What is Netflix's total current liabilities at year end 2017?", []unit{row}, all)[0]; got.text != row.text {
		t.Errorf("without the chunk before: got %q, want the row as written", got.text)
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
