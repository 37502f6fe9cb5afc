package llm

import "testing"

// Best Buy's statement of its fiscal years ended in January does not give
// a year ended December 31; 3M's does.
func TestYearEndMatches(t *testing.T) {
	q := "What is the Cost of goods sold for year ended December 31, 2017?"
	bestBuy := "Consolidated Statements of Earnings\n$ and shares in millions, except per share amounts\nFiscal Years Ended January 28, 2017 January 30, 2016 January 31, 2015\nRevenue $ 39,403 $ 39,528 $ 40,339\nCost of goods sold 29,963 30,334 31,292"
	if yearEndMatches(q, bestBuy) {
		t.Errorf("years ended in January answered for a year ended December 31")
	}
	threeM := "Years ended December 31\n(Millions, except per share amounts) 2018 2017 2016\nCost of sales 16,682 16,055 15,118"
	if !yearEndMatches(q, threeM) {
		t.Errorf("years ended December 31 did not answer for one")
	}
	if !yearEndMatches("What is the Cost of goods sold in 2017?", bestBuy) {
		t.Errorf("a question naming no year end refused")
	}
}
