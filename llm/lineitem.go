package llm

import "regexp"

// A formula names the line items of a company's financial statements the
// way analysts say them ("COGS", "capex", "PP&E", "D&A"), and each filing
// labels them its own way ("Cost of sales", "Purchases of land,
// buildings, and equipment", "Property and equipment, net",
// "Depreciation and amortization"). A lineItem joins the two: the words a
// question may use for it, and the row labels that state it, best first.

// statementKind is the financial statement a line item is read from.
type statementKind int

const (
	incomeStatement statementKind = iota + 1
	balanceSheet
	cashFlowStatement
)

// lineItem is one line of a financial statement.
type lineItem struct {
	name string // as the computed answer says it
	// asked matches the words a question uses for it, lower case.
	asked *regexp.Regexp
	// labels match a row's label (normalised, see rowLabel), in order of
	// preference: "Total revenues" before "Net sales" when a statement
	// has both.
	labels []*regexp.Regexp
	kind   statementKind
	// magnitude: the statement writes it as an outflow ("(5,207)"), the
	// formula means its size ("EBITDA less capex").
	magnitude bool
}

// anchored compiles label patterns that must match a whole label.
func anchored(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(`^(?:` + p + `)$`)
	}
	return out
}

// lineItems is the vocabulary, longest question phrases first where two
// overlap ("total current assets" before "total assets").
var lineItems = []*lineItem{
	{name: "total current assets", asked: regexp.MustCompile(`^total current assets`), labels: anchored(`total current assets`), kind: balanceSheet},
	{name: "total current liabilities", asked: regexp.MustCompile(`^total current liabilities`), labels: anchored(`total current liabilities`), kind: balanceSheet},
	{name: "total assets", asked: regexp.MustCompile(`^total assets`), labels: anchored(`total assets`), kind: balanceSheet},
	{name: "revenue", asked: regexp.MustCompile(`^(?:total |net )*(?:revenues?|sales)\b`),
		labels: anchored(`total revenues?`, `total net revenues?`, `net revenues?`, `total net sales`, `net sales`, `total operating revenues?`, `operating revenues?`, `revenues?`, `sales`), kind: incomeStatement},
	{name: "cost of goods sold", asked: regexp.MustCompile(`^(?:cogs|cost of (?:goods sold|sales|revenues?|products sold))\b`),
		labels: anchored(`total cost of (?:goods sold|sales|revenues?)`, `cost of (?:goods sold|sales|revenues?|products sold)`), kind: incomeStatement},
	{name: "gross profit", asked: regexp.MustCompile(`^gross profit\b`), labels: anchored(`gross (?:profit|margin)`), kind: incomeStatement},
	{name: "operating income", asked: regexp.MustCompile(`^(?:operating (?:income|profit|earnings)|income from operations)\b`),
		labels: anchored(`operating (?:income|profit)(?: \(loss\))?`, `(?:income|earnings)(?: \(loss\))? from operations`), kind: incomeStatement},
	{name: "net income", asked: regexp.MustCompile(`^net (?:income|earnings|profit)(?: attributable to (?:common )?(?:share|stock)holders)?\b`),
		labels: anchored(`net (?:income|earnings)(?: \(loss\))?`, `net (?:income|earnings)(?: \(loss\))? attributable to .+`), kind: incomeStatement},
	{name: "depreciation and amortization", asked: regexp.MustCompile(`^(?:d&a|depreciation (?:and|&) amortization)\b`),
		labels: anchored(`depreciation,? (?:and|&) amortization(?: expense)?`, `depreciation,? (?:and|&) amortization of (?:property|fixed assets)[a-z ,]*`), kind: cashFlowStatement},
	{name: "capital expenditures", asked: regexp.MustCompile(`^(?:capex|capital expenditures?|capital spending)\b`),
		labels: anchored(`capital expenditures?(?:, net of [a-z ]+)?`, `capital spending`, `(?:purchases?|payments?|additions?) (?:of|for|to) (?:property,? (?:plant,? )?(?:and|&) equipment|land, buildings,? and equipment)`), kind: cashFlowStatement, magnitude: true},
	{name: "property, plant and equipment", asked: regexp.MustCompile(`^(?:(?:net )?pp&e|(?:net )?ppn?e|(?:net )?property,? (?:plant,? )?(?:and|&) equipment|fixed assets)`),
		labels: anchored(`property,? (?:plant,? )?(?:and|&) equipment,?(?: -)? net`, `net property,? (?:plant,? )?(?:and|&) equipment`, `land, buildings,? and equipment`), kind: balanceSheet},
	{name: "inventories", asked: regexp.MustCompile(`^inventor(?:y|ies)\b`), labels: anchored(`(?:merchandise )?inventor(?:y|ies)(?:, net)?`), kind: balanceSheet},
	{name: "accounts receivable", asked: regexp.MustCompile(`^(?:accounts receivable|receivables)\b`),
		labels: anchored(`(?:accounts|trade) receivables?(?:,? net)?(?:,? less allowances?.*)?`, `receivables(?:,? net)?`), kind: balanceSheet},
	{name: "accounts payable", asked: regexp.MustCompile(`^(?:accounts payable|payables)\b`), labels: anchored(`(?:trade )?accounts payable`), kind: balanceSheet},
	{name: "cash from operations", asked: regexp.MustCompile(`^(?:cash (?:flows? )?from operations|operating cash flows?|cash (?:flows? )?(?:provided by|from) operating activities|net cash (?:provided by|from) operating activities)\b`),
		labels: anchored(`net cash (?:provided by|from|provided by \(used (?:in|for)\)) operating activities`, `(?:net )?cash provided by operations`), kind: cashFlowStatement},
	{name: "dividends paid", asked: regexp.MustCompile(`^(?:total )?(?:cash )?dividends(?: paid)?\b`),
		labels: anchored(`(?:cash )?dividends paid(?: to (?:common )?(?:share|stock)holders)?`), kind: cashFlowStatement, magnitude: true},
}

// statementTitles match a statement's title line, lower case: not "Notes
// to Consolidated Financial Statements" nor the statement of
// comprehensive income, whose "net income" is the income statement's.
var statementTitles = map[statementKind]*regexp.Regexp{
	incomeStatement:   regexp.MustCompile(`^(?:consolidated |combined )?(?:income statements?|statements? of (?:consolidated )?(?:income|operations|earnings))\b`),
	balanceSheet:      regexp.MustCompile(`^(?:consolidated |combined )?(?:balance sheets?|statements? of (?:consolidated )?financial (?:position|condition))\b`),
	cashFlowStatement: regexp.MustCompile(`^(?:consolidated |combined )?(?:cash flows? statements?|statements? of (?:consolidated )?cash flows?)\b`),
}
