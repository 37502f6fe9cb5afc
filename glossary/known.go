package glossary

import "strings"

// A document need not define the short forms every reader of its kind
// knows: Boeing's 10-K writes "Research and development expense" and
// never "R&D", so "How much did Boeing spend on R&D?" found Brian R.
// Besanceney's biography in a library of that filing alone (and the
// expense row only once another company's filing in the library defined
// R&D). These are the standard short forms of business, finance and
// benefits writing, each with the one long form they stand for
// everywhere; a short form that stands for different things in
// different fields ("IR", "PR", "EV") is not among them, and a library
// that defines a short form itself is read by its own definition.
var known = map[string]string{
	"r&d":    "research and development",
	"sg&a":   "selling, general and administrative",
	"cogs":   "cost of goods sold",
	"pp&e":   "property, plant and equipment",
	"eps":    "earnings per share",
	"capex":  "capital expenditures",
	"ebitda": "earnings before interest, taxes, depreciation and amortization",
	"ebit":   "earnings before interest and taxes",
	"d&a":    "depreciation and amortization",
	"m&a":    "mergers and acquisitions",
	"fcf":    "free cash flow",
	"roe":    "return on equity",
	"roa":    "return on assets",
	"ceo":    "chief executive officer",
	"cfo":    "chief financial officer",
	"coo":    "chief operating officer",
	"cto":    "chief technology officer",
	"yoy":    "year over year",
	"ipo":    "initial public offering",
	"pcp":    "primary care physician",
	"otc":    "over-the-counter",
	"hsa":    "health savings account",
	"fsa":    "flexible spending account",
	"pto":    "paid time off",
}

// Known returns the long form of a standard short form, in lower case
// ("R&D" → "research and development"), and whether short is one.
func Known(short string) (string, bool) {
	long, ok := known[strings.ToLower(short)]
	return long, ok
}
