package llm

import "testing"

// costcoBalance is chunk 165 of COSTCO_2021_10K.pdf (shared FinanceBench
// set), p.38: the balance sheet's title, then its rows.
const costcoBalance = "The accompanying notes are an integral part of these consolidated financial statements.\n\n\n\nCOSTCO WHOLESALE CORPORATION\nCONSOLIDATED BALANCE SHEETS\n(amounts in millions, except par value and share data)\n\nAugust 29,\n\nAugust 30,\nASSETS\nCURRENT ASSETS\nCash and cash equivalents $ 11,258 $ 12,277\nShort-term investments 917 1,028\nReceivables, net 1,803 1,550\nMerchandise inventories 14,215 12,242\nOther current assets 1,312 1,023\nTotal current assets 29,505 28,120\nOTHER ASSETS\nProperty and equipment, net 23,492 21,807\nOperating lease right-of-use assets 2,890 2,788\nOther long-term assets 3,381 2,841\nTOTAL ASSETS $ 59,268 $ 55,556\nLIABILITIES AND EQUITY\nCURRENT LIABILITIES\nAccounts payable $ 16,278 $ 14,172"

// The row that is the measure asked takes its table's head words ("balance
// sheets"), so it outweighs the auditor's sentence that names the balance
// sheets; the other rows keep their own words.
func TestRowOfTheAskedMeasureTakesItsTablesHead(t *testing.T) {
	e := Extractive{Analyze: newSearcher(t, "x").Analyze}
	var us []unit
	for j, l := range Sentences(costcoBalance) {
		set := map[string]bool{}
		for _, w := range e.Analyze(l) {
			set[w] = true
		}
		us = append(us, unit{pos: j, text: l, terms: set})
	}
	asked := e.askedTerms("Using only the information within the balance sheet, how much total assets did Costco have at the end of FY2021?")
	headed := e.headedRows(asked, us)
	if len(headed) != 1 || headed[0].text != "TOTAL ASSETS $ 59,268 $ 55,556" {
		t.Fatalf("headed rows: %+v", headed)
	}
	for _, w := range e.Analyze("balance sheets") {
		if !headed[0].terms[w] {
			t.Errorf("the total assets row lacks its table's %q", w)
		}
	}
}
