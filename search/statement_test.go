package search

import (
	"slices"
	"testing"

	"quire/store"
)

// A chunk is a statement when a line of it is the statement's title, with
// at most its units, a continuation mark or the company's name; the
// statements' names in exhibit lists, contents pages and wrapped
// sentences are not titles.
func TestIsStatement(t *testing.T) {
	sheet := statements[:1]
	cases := []struct {
		text string
		want bool
	}{
		{"NETFLIX, INC.\nCONSOLIDATED BALANCE SHEETS\n(in thousands, except share and per share data)", true},
		{"Consolidated Balance Sheets (continued)\nTotal current liabilities 5,466,312 4,586,657", true},
		{"Consolidated Statements of Financial Position Corning Incorporated and Subsidiary Companies", true},
		{"December 31, 2017, 2016 and 2015, (iv) Consolidated\nBalance Sheets as of December 31, 2017 and 2016, (v)", false},
		{"translations are recognized in cumulative translation adjustment on the Consolidated\nBalance Sheets.", false},
		{"Consolidated Balance Sheets — December 31, 2018 and 2017 55", false},
		{"balance sheets of the Company as of December 31", false},
		{"CONSOLIDATED STATEMENTS OF OPERATIONS", false},
		// A title's letter spacing sets its last letter apart (3M 2018).
		{"3M Company and Subsidiaries\nConsolidated Balance Shee t\nAt December 31", true},
		// The company's name before it, on its line (Amazon 2019).
		{"AMAZON.COM, INC. CONSOLIDATED BALANCE SHEETS\n(in millions, except per share data)", true},
		{"Refer to the Consolidated Balance Sheets", false},
	}
	for _, c := range cases {
		if got := isStatement(c.text, sheet); got != c.want {
			t.Errorf("isStatement(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// Only a question that names a statement moves statements first.
func TestStatementsFirst(t *testing.T) {
	note := Hit{Chunk: store.Chunk{Text: "Accounts payable are recorded at cost."}}
	sheet := Hit{Chunk: store.Chunk{Text: "CONSOLIDATED BALANCE SHEETS\nAccounts payable 303,187"}}
	hits := []Hit{note, sheet}
	got := statementsFirst("Basing your judgments off of the balance sheet, what is the amount of accounts payable?", hits, true)
	if got[0].Chunk.Text != sheet.Chunk.Text {
		t.Errorf("the balance sheet is not first: %q", got[0].Chunk.Text)
	}
	got = statementsFirst("What is the amount of accounts owed to suppliers?", hits, true)
	if got[0].Chunk.Text != note.Chunk.Text {
		t.Errorf("a question naming no statement was reordered")
	}
}

// A question that names no document has only the best hit's document's
// statements put first: another company's balance sheet answers nothing
// about this one.
func TestStatementsFirstOfTheBestDocument(t *testing.T) {
	note := Hit{Doc: store.Document{ID: 1}, Chunk: store.Chunk{Text: "Accounts payable are recorded at cost."}}
	other := Hit{Doc: store.Document{ID: 2}, Chunk: store.Chunk{Text: "CONSOLIDATED BALANCE SHEETS\nAccounts payable 1,200"}}
	own := Hit{Doc: store.Document{ID: 1}, Chunk: store.Chunk{Text: "CONSOLIDATED BALANCE SHEETS\nAccounts payable 303,187"}}
	got := statementsFirst("What is the amount of accounts payable on the balance sheet?", []Hit{note, other, own}, false)
	if got[0].Chunk.Text != own.Chunk.Text || got[1].Chunk.Text != note.Chunk.Text {
		t.Errorf("order %q, %q, %q", got[0].Chunk.Text, got[1].Chunk.Text, got[2].Chunk.Text)
	}
	got = statementsFirst("What is the amount of accounts payable on the balance sheet?", []Hit{note, other, own}, true)
	if got[0].Chunk.Text != other.Chunk.Text || got[1].Chunk.Text != own.Chunk.Text {
		t.Errorf("named: order %q, %q, %q", got[0].Chunk.Text, got[1].Chunk.Text, got[2].Chunk.Text)
	}
}

// A document indexed without its statements in its record (before they
// were kept there) has them found at its first question and remembered
// for its chunk count; a record's own are used while its count holds.
func TestStatementsOfADocument(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chunks := []store.Chunk{{Text: "Accounts payable are recorded at cost."}, {Text: "CONSOLIDATED BALANCE SHEETS\nAccounts payable 303,187"}}
	d, err := st.AddDocument(store.Document{Name: "a.pdf", Hash: "h", Status: store.StatusIndexed}, chunks)
	if err != nil {
		t.Fatal(err)
	}
	var si statementIndex
	ords, err := si.ords(st, d)
	if err != nil || len(ords) != len(statements) || len(ords[0]) != 1 || ords[0][0] != 1 {
		t.Fatalf("found %v, %v; want the balance sheet at chunk 1", ords, err)
	}
	if f := FindStatements(chunks); f.Chunks != 2 || len(f.Ords[0]) != 1 || f.Ords[0][0] != 1 {
		t.Errorf("FindStatements = %+v", f)
	}
	// The record's own, while they hold for its chunks.
	d.Statements = &store.Statements{Chunks: d.Chunks, Ords: [][]int{{0}}}
	if ords, _ := si.ords(st, d); len(ords) != len(statements) || ords[0][0] != 0 {
		t.Errorf("the record's statements are not used: %v", ords)
	}
	d.Statements.Chunks = 1 // found before OCR added a chunk
	if ords, _ := si.ords(st, d); ords[0][0] != 1 {
		t.Errorf("statements of an older chunk count are used: %v", ords)
	}
}

// A measure worked from a statement's lines asks for that statement; what
// moved it is told by the discussion of the results.
func TestMeasureAsksItsStatement(t *testing.T) {
	const (
		balance = 0
		income  = 1
		cash    = 2
	)
	for _, c := range []struct {
		q    string
		want []int
	}{
		{"Does Adobe have an improving operating margin profile as of FY2022? If operating margin is not a useful metric for a company like this, then please state that and explain why.", []int{income}},
		{"Has AMCOR's quick ratio improved or declined between FY2023 and FY2022?", []int{balance}},
		{"Does Adobe have an improving Free cashflow conversion as of FY2022?", []int{cash}},
		{"Is 3M a capital-intensive business based on FY2022 data?", []int{balance, income, cash}},
		{"What drove operating margin change as of FY2022 for 3M?", nil},
		{"Why did the gross margin fall in 2022?", nil},
		{"What is the deductible of Northwind Standard?", nil},
	} {
		if got := askedStatements(c.q, false); !slices.Equal(got, c.want) {
			t.Errorf("%q asks statements %v, want %v", c.q, got, c.want)
		}
	}
}
