package llm

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

// The question of FinanceBench (financebench-59), whose answer is -3.7.
const cccQuestion = "What is the FY2019 cash conversion cycle (CCC) for General Mills? CCC is defined as: DIO + DSO - DPO. DIO is defined as: 365 * (average inventory between FY2018 and FY2019) / (FY2019 COGS). DSO is defined as: 365 * (average accounts receivable between FY2018 and FY2019) / (FY2019 Revenue). DPO is defined as: 365 * (average accounts payable between FY2018 and FY2019) / (FY2019 COGS + change in inventory between FY2018 and FY2019). Round your answer to two decimal places. Address the question by using the line items and information shown within the income statement and the balance sheet."

func TestReadFormula(t *testing.T) {
	for q, want := range map[string]string{
		cccQuestion: "cash conversion cycle = DIO + DSO − DPO",
		"Considering the data in the balance sheet, what is Block's (formerly known as Square) FY2016 working capital ratio? Define working capital ratio as total current assets divided by total current liabilities. Round your answer to two decimal places.": "working capital ratio = total current assets 2016 ÷ total current liabilities 2016",
		"What is the FY2022 unadjusted EBITDA less capex for PepsiCo? Define unadjusted EBITDA as unadjusted operating income + depreciation and amortization [from cash flow statement]. Answer in USD millions.":                                                "unadjusted EBITDA − capital expenditures 2022",
		"What is the FY2018 - FY2020 3 year average unadjusted EBITDA % margin for Walmart? Define unadjusted EBITDA as unadjusted operating income + depreciation and amortization from the cash flow statement.":                                                "(unadjusted EBITDA ÷ revenue) × 100",
		"What is Nike's three year average of cost of goods sold as a % of revenue from FY2016 to FY2018? Answer in units of percents and round to one decimal place.":                                                                                            "(cost of goods sold ÷ revenue) × 100",
		// A ratio named and not defined has its standard definition.
		"Roughly how many times has JnJ sold its inventory in FY2022? Calculate inventory turnover ratio for FY2022.":                         "inventory turnover ratio = cost of goods sold 2022 ÷ average inventories 2021–2022",
		"what is the FY2022 retention ratio (using total cash dividends paid and net income attributable to shareholders) for General Mills?": "retention ratio = (net income 2022 − dividends paid 2022) ÷ net income 2022",
	} {
		f, ok := readFormula(q)
		if !ok {
			t.Errorf("%q: no formula read", q)
			continue
		}
		if got := f.title(); got != want {
			t.Errorf("%q: read %q, want %q", q, got, want)
		}
	}
	for _, q := range []string{
		// Not the statements' figure: adjusted, a quarter's.
		"What Was AMCOR's Adjusted Non GAAP EBITDA for FY 2023",
		"What is the Q2 FY2024 gross margin for Best Buy?",
		// A change over years is compute.go's, a line item alone a look-up.
		"What is the FY2019 - FY2020 total revenue growth rate for Block (formerly known as Square)?",
		"What is the FY2018 capital expenditure amount (in USD millions) for 3M?",
		// A formula given with a term this does not know is not read in part.
		"What is the FY2020 cash burn ratio for Block? Define cash burn ratio as total current assets divided by monthly cash burn.",
	} {
		if f, ok := readFormula(q); ok {
			t.Errorf("%q: read %q, want no formula", q, f.title())
		}
	}
}

func TestFormulaOnStatements(t *testing.T) {
	docs := generalMillsStatements(t)
	f, ok := readFormula(cccQuestion)
	if !ok {
		t.Fatal("no formula read")
	}
	r, err := f.work(docs)
	if err != nil {
		t.Fatal(err)
	}
	// DIO 52.60 + DSO 36.40 − DPO 92.70, each with its figures.
	for _, want := range []string{"Computed: -3.70 for 2019: cash conversion cycle = DIO + DSO − DPO = 52.60 + 36.40 − 92.70",
		"DIO = 365 × average inventories 2018–2019 ÷ cost of goods sold 2019 = 365 × (1,642.2 + 1,559.3) ÷ 2 ÷ 11,108.4 = 52.60",
		"(11,108.4 + (1,559.3 − 1,642.2))"} {
		if !strings.Contains(r.line, want) {
			t.Errorf("line %q lacks %q", r.line, want)
		}
	}
	if len(r.used) != 5 {
		t.Errorf("used %d rows, want inventories, cost of sales, receivables, net sales, accounts payable", len(r.used))
	}

	wc, _ := readFormula("What is General Mills's FY2019 working capital ratio? Define working capital ratio as total current assets divided by total current liabilities.")
	if r, err := wc.work(docs); err != nil || !strings.HasPrefix(r.line, "Computed: 0.59 for 2019") {
		t.Errorf("working capital ratio: %q %v", r.line, err)
	}
	// A year the statements do not state is not computed.
	wc20, _ := readFormula("What is General Mills's FY2020 working capital ratio? Define working capital ratio as total current assets divided by total current liabilities.")
	if r, err := wc20.work(docs); !errors.Is(err, errNotStated) {
		t.Errorf("FY2020: %q %v, want not stated", r.line, err)
	}
	// Two rows that state a line item differently: not computed.
	twice := append([]stmtRow(nil), docs[0].rows...)
	for _, r := range docs[0].rows {
		if r.labels[0] == "total current assets" {
			r.values = series{2019: {value: 4000}, 2018: {value: 4123.7}}
			twice = append(twice, r)
		}
	}
	if r, err := wc.work([]stmtDoc{{doc: docs[0].doc, chunks: docs[0].chunks, rows: twice}}); !errors.Is(err, errAmbiguous) {
		t.Errorf("two rows: %q %v, want stated differently", r.line, err)
	}
}

func TestComputedFormulaQuotesItsRows(t *testing.T) {
	doc, chunk := generalMillsDoc()
	first, _ := chunk(store.ChunkID(doc.ID, 0))
	res := search.Result{Hits: []search.Hit{{Doc: doc, Chunk: first}}}
	c, ok := Extractive{Chunk: chunk}.computeAny(cccQuestion, nil, nil, res)
	if !ok || !strings.HasPrefix(c.line, "Computed: -3.70") {
		t.Fatalf("computed %v %q", ok, c.line)
	}
	// The income statement's rows are cited by the hit that holds them;
	// the balance sheet's by the chunks added for them, with their page.
	var texts []string
	for _, u := range c.units {
		texts = append(texts, u.text)
		if u.hit >= len(res.Hits) && c.extra[u.hit-len(res.Hits)].Chunk.Ord != u.chunk.Ord {
			t.Errorf("%q cited by chunk %d, read from %d", u.text, c.extra[u.hit-len(res.Hits)].Chunk.Ord, u.chunk.Ord)
		}
	}
	want := "Inventories: 1,559.3 (2019) · 1,642.2 (2018) (in millions)"
	if !strings.Contains(strings.Join(texts, "\n"), want) {
		t.Errorf("quoted %q, want %q among them", texts, want)
	}
	if len(c.extra) != 2 || c.extra[0].Chunk.PageStart != 54 || c.extra[1].Chunk.PageStart != 55 {
		t.Errorf("added %d hits, want the balance sheet's two chunks", len(c.extra))
	}
	// Without a way to read the document, nothing is computed.
	if _, ok := (Extractive{}).computeAny(cccQuestion, nil, nil, res); ok {
		t.Error("computed without reading the statements")
	}
}

func TestStatementDocsAreOneCompanys(t *testing.T) {
	gm, chunk := generalMillsDoc()
	other := store.Document{ID: 99, Name: "OTHER_2019_10K.pdf", Chunks: 2}
	read := map[uint64]int{}
	e := Extractive{Chunk: func(id string) (store.Chunk, error) {
		doc, _, _ := store.ParseChunkID(id)
		read[doc]++
		if doc == other.ID {
			return store.Chunk{DocID: other.ID, Text: "Consolidated Balance Sheets"}, nil
		}
		return chunk(id)
	}}
	res := search.Result{Hits: []search.Hit{{Doc: gm}, {Doc: other}}}
	// Not kept to named documents: the best hit's document alone.
	if docs := e.statementDocs("", res); len(docs) != 1 || read[other.ID] != 0 {
		t.Errorf("read %d documents, %d chunks of the second, want the first alone", len(docs), read[other.ID])
	}
	// Kept to the documents the question names: each of them.
	res.Scope = []uint64{gm.ID, other.ID}
	if docs := e.statementDocs("", res); len(docs) != 2 {
		t.Errorf("read %d documents of the two named", len(docs))
	}
}

// A label's closing remark in brackets does not hide the line item.
func TestLabelWithRemark(t *testing.T) {
	capex := lineItems[slices.IndexFunc(lineItems, func(it *lineItem) bool { return it.name == "capital expenditures" })]
	for _, l := range []string{"capital expenditures (including capitalized software)", "purchases of property, plant and equipment (pp&e)", "capital expenditures"} {
		if !slices.ContainsFunc(capex.labels, func(re *regexp.Regexp) bool { return labelMatches(re, []string{l}) }) {
			t.Errorf("%q is not read as capital expenditures", l)
		}
	}
	if slices.ContainsFunc(capex.labels, func(re *regexp.Regexp) bool {
		return labelMatches(re, []string{"proceeds from sale of property, plant and equipment (pp&e)"})
	}) {
		t.Error("proceeds read as capital expenditures")
	}
}
