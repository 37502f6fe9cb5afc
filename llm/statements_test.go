package llm

import (
	"strings"
	"testing"

	"quire/store"
)

// General Mills' fiscal 2019 10-K (GENERALMILLS_2019_10K.pdf, pages
// 52–55), as the library chunks it: overlapping chunks, one beginning
// inside a row ("4,123.7"), another with a row cut from its label
// ("income taxes 2,031.0 2,003.8" of "Deferred income taxes").
var generalMills = []string{
	`/s/ KPMG LLP

We have served as the Company’s auditor since 1928.

Minneapolis, Minnesota
June 27, 2019

52

Table of Contents

Consolidated Statements of Earnings
GENERAL MILLS, INC. AND SUBSIDIARIES
(In Millions, Except per Share Data)

Fiscal Year
2019 2018 2017
Net sales $ 16,865.2 $ 15,740.4 $ 15,619.8

Cost of sales 11,108.4 10,304.8 10,052.0`,
	`Fiscal Year
2019 2018 2017
Net sales $ 16,865.2 $ 15,740.4 $ 15,619.8

Cost of sales 11,108.4 10,304.8 10,052.0

Selling, general, and administrative expenses 2,935.8 2,850.1 2,888.8

Divestitures loss 30.0 - 6.5

Restructuring, impairment, and other exit costs 275.1 165.6 180.4

Operating profit 2,515.9 2,419.9 2,492.1

Benefit plan non-service income (87.9) (89.4) (74.3)

Interest, net 521.8 373.7 295.1

Earnings before income taxes and after-tax earnings from joint ventures 2,082.0 2,135.6 2,271.3

Income taxes 367.8 57.3 655.2

After-tax earnings from joint ventures 72.0 84.7 85.0

Net earnings, including earnings attributable to redeemable and noncontrolling
interests 1,786.2 2,163.0 1,701.1`,
	`Comprehensive income attributable to General Mills $ 1,556.3 $ 2,275.9 $ 2,025.2

See accompanying notes to consolidated financial statements.

54

Table of Contents

Consolidated Balance Sheets
GENERAL MILLS, INC. AND SUBSIDIARIES
(In Millions, Except Par Value)

May 26,
2019

May 27,
2018
ASSETS
Current assets: Cash and cash equivalents $ 450.0 $ 399.0
Receivables 1,679.7 1,684.2
Inventories 1,559.3 1,642.2
Prepaid expenses and other current assets 497.5 398.3
Total current assets 4,186.5 4,123.7
Land, buildings, and equipment 3,787.2 4,047.2
Goodwill 13,995.8 14,065.0
Other intangible assets 7,166.8 7,445.1`,
	`4,123.7
Land, buildings, and equipment 3,787.2 4,047.2
Goodwill 13,995.8 14,065.0
Other intangible assets 7,166.8 7,445.1
Other assets 974.9 943.0
Total assets $ 30,111.2 $ 30,624.0
LIABILITIES AND EQUITY
Current liabilities: Accounts payable $ 2,854.1 $ 2,746.2
Current portion of long-term debt 1,396.5 1,600.1
Notes payable 1,468.7 1,549.8
Other current liabilities 1,367.8 1,445.8
Total current liabilities 7,087.1 7,341.9
Long-term debt 11,624.8 12,668.7
Deferred income taxes 2,031.0 2,003.8
Other liabilities 1,448.9 1,341.0
Total liabilities 22,191.8 23,355.4
Redeemable interest 551.7 776.2
Stockholders’ equity:`,
	`income taxes 2,031.0 2,003.8
Other liabilities 1,448.9 1,341.0
Total liabilities 22,191.8 23,355.4
Redeemable interest 551.7 776.2
Stockholders’ equity: Common stock, 754.6 shares issued, $0.10 par value 75.5 75.5
Additional paid-in capital 1,386.7 1,202.5
Retained earnings 14,996.7 14,459.6
Total stockholders’ equity 7,054.5 6,141.1
Total liabilities and equity $ 30,111.2 $ 30,624.0

See accompanying notes to consolidated financial statements.`,
}

func generalMillsDoc() (store.Document, func(id string) (store.Chunk, error)) {
	doc := store.Document{ID: 28, Name: "GENERALMILLS_2019_10K.pdf", Chunks: len(generalMills)}
	pages := []int{52, 53, 54, 55, 55}
	return doc, func(id string) (store.Chunk, error) {
		for i, text := range generalMills {
			if id == store.ChunkID(doc.ID, i) {
				return store.Chunk{DocID: doc.ID, Ord: i, PageStart: pages[i], PageEnd: pages[i], Text: text}, nil
			}
		}
		return store.Chunk{}, store.ErrNotFound
	}
}

func generalMillsStatements(t *testing.T) []stmtDoc {
	t.Helper()
	doc, chunk := generalMillsDoc()
	chunks, err := docChunks(doc, chunk)
	if err != nil {
		t.Fatal(err)
	}
	return []stmtDoc{{doc: doc, chunks: chunks, rows: statementRows(chunks)}}
}

func TestStatementRows(t *testing.T) {
	docs := generalMillsStatements(t)
	byLabel := map[string][]stmtRow{}
	for _, r := range docs[0].rows {
		byLabel[r.labels[0]] = append(byLabel[r.labels[0]], r)
	}
	for label, want := range map[string]map[int]float64{
		"total current assets":       {2019: 4186.5, 2018: 4123.7},
		"inventories":                {2019: 1559.3, 2018: 1642.2},
		"accounts payable":           {2019: 2854.1, 2018: 2746.2}, // after its section's "Current liabilities:"
		"net sales":                  {2019: 16865.2, 2018: 15740.4, 2017: 15619.8},
		"divestitures loss":          {2019: 30.0, 2017: 6.5}, // "-" is no figure
		"deferred income taxes":      {2019: 2031.0, 2018: 2003.8},
		"total stockholders' equity": {2019: 7054.5, 2018: 6141.1},
	} {
		rows := byLabel[label]
		if len(rows) != 1 {
			t.Errorf("%q: %d rows, want 1", label, len(rows))
			continue
		}
		if len(rows[0].values) != len(want) {
			t.Errorf("%q: %v, want %v", label, rows[0].values, want)
		}
		for y, v := range want {
			if rows[0].values[y].value != v {
				t.Errorf("%q %d: %v, want %v", label, y, rows[0].values[y].value, v)
			}
		}
	}
	// The chunk that begins inside "Deferred income taxes" does not make
	// a row of its tail, and the repeated rows of overlapping chunks are
	// read once.
	if rows := byLabel["income taxes"]; len(rows) != 1 || rows[0].kind != incomeStatement {
		t.Errorf("income taxes: %+v, want the income statement's row alone", rows)
	}
	// A label wrapped onto two lines is read whole.
	if rows := byLabel["interests"]; len(rows) != 1 || !strings.HasPrefix(rows[0].labels[1], "net earnings, including earnings attributable") {
		t.Errorf("wrapped label: %+v", rows)
	}
}

func TestInterimStatementsAreNotRead(t *testing.T) {
	// A 10-Q's statements (MGMRESORTS_2023Q2_10Q.pdf): "2023" is the
	// quarter's, not fiscal 2023's.
	chunks := []store.Chunk{{Text: `CONSOLIDATED STATEMENTS OF OPERATIONS
(In thousands, except per share data)
(Unaudited)
Three Months Ended Six Months Ended
June 30, June 30,
2023 2022 2023 2022
Revenues
Casino $ 1,916,658 $ 1,345,546 $ 3,833,810 $ 2,778,044
Total revenues 4,398,096 3,255,090 8,541,565 6,409,452`}}
	if rows := statementRows(chunks); len(rows) != 0 {
		t.Errorf("read %d rows of a quarter's statement: %+v", len(rows), rows[0])
	}
	// The same rows under a fiscal year's columns are read.
	chunks[0].Text = strings.Replace(chunks[0].Text, "Three Months Ended Six Months Ended\nJune 30, June 30,\n2023 2022 2023 2022", "Year Ended December 31,\n2023 2022 2021 2020", 1)
	if rows := statementRows(chunks); len(rows) != 2 {
		t.Errorf("read %d rows of a year's statement, want 2", len(rows))
	}
}

// A formula reads a filing's statements from the titles its record names,
// as far below each as a statement's rows are read, not every chunk; a
// record found before OCR added chunks is not trusted.
func TestStatementChunksRead(t *testing.T) {
	twenty := strings.Repeat("Row 1 2\n", 19) + "Row 1 2"
	var read []int
	chunk := func(id string) (store.Chunk, error) {
		_, ord, err := store.ParseChunkID(id)
		read = append(read, ord)
		return store.Chunk{Ord: ord, Text: twenty}, err
	}
	doc := store.Document{ID: 7, Name: "x.pdf", Chunks: 100, Statements: &store.Statements{Chunks: 100, Ords: [][]int{{10}, nil, {95}}}}
	cs, err := docChunks(doc, chunk)
	if err != nil {
		t.Fatal(err)
	}
	// 160 lines of 20 a chunk: the title's and the eight below it.
	if len(cs) != 9+5 || cs[0].Ord != 10 || cs[8].Ord != 18 || cs[9].Ord != 95 || cs[13].Ord != 99 {
		t.Errorf("read %v", read)
	}
	read = nil
	doc.Statements.Chunks = 90
	if cs, _ := docChunks(doc, chunk); len(cs) != 100 {
		t.Errorf("with a stale record read %d chunks, want all 100", len(cs))
	}
}

func TestYearsLine(t *testing.T) {
	for line, want := range map[string]int{
		"2019 2018 2017":                     3,
		"Years Ended December 31, 2022 2021": 2,
		"May 26,":                            0,
		"2019":                               1,
		"Fiscal Years Ended January 31, (Amounts in millions) 2020 2019 2018": 3,
		"Customer deposits $ 110,239 $ 84,382":                                0,
		"Net income 2,019 1,987":                                              0,
		"Total liabilities 2019 2018 1,234":                                   0,
	} {
		ys, ok := yearsLine(line)
		if len(ys) != want || ok != (want > 0) {
			t.Errorf("%q: years %v %v, want %d", line, ys, ok, want)
		}
	}
}

func TestScaleOf(t *testing.T) {
	for line, want := range map[string]string{
		"December 31 (Millions, except share data) 2022 2021": "in millions",
		"(in thousands, except per share data)":               "in thousands",
		"(Dollars in millions, except per share data)":        "in millions",
		"($ millions, except per share amounts)":              "in millions",
		"CONSOLIDATED BALANCE SHEETS":                         "",
	} {
		if got := scaleOf(line); got != want {
			t.Errorf("%q: scale %q, want %q", line, got, want)
		}
	}
}

// A label that begins like a month's name is no date: its figures are
// the row's.
func TestMonthLikeLabel(t *testing.T) {
	if label, cs := splitCells("Marketing 5,458 5,291 3,696"); label != "Marketing" || len(cs) != 3 {
		t.Errorf("Marketing row: %q, %d cells", label, len(cs))
	}
	if label, cs := splitCells("December 31"); len(cs) != 0 {
		t.Errorf("a date read as a row: %q, %d cells", label, len(cs))
	}
	if _, as := split(readings("Decrease 12")); len(as) != 1 || as[0].value != 12 {
		t.Errorf("Decrease 12: %v", as)
	}
	if _, as := split(readings("March 31, 2012")); len(as) != 0 {
		t.Errorf("a date's day read as an amount: %v", as)
	}
	for text, want := range map[string]bool{"Marketing 5,458": false, "Decrease 12": false, "Sept. 30": true, "31 December": true, "May 5": true} {
		if got := dateRE.MatchString(text); got != want {
			t.Errorf("%q read as a date: %v, want %v", text, got, want)
		}
	}
}
