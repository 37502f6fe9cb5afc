package llm

import (
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

func TestReadGrowth(t *testing.T) {
	for q, want := range map[string]growthAsked{
		// FinanceBench's questions (financebench-12, 39, 76).
		"What is Amazon's year-over-year change in revenue from FY2016 to FY2017 (in units of percents and round to one decimal place)?":   {from: 2016, to: 2017},
		"What is the FY2019 - FY2020 total revenue growth rate for Block (formerly known as Square)? Answer in units of percents.":         {from: 2019, to: 2020},
		"What is Lockheed Martin's 2 year total revenue CAGR from FY2020 to FY2022 (in units of percents and round to one decimal place)?": {from: 2020, to: 2022, compound: true},
	} {
		g, ok := readGrowth(q)
		if !ok || g.item.name != "revenue" || g.from != want.from || g.to != want.to || g.compound != want.compound {
			t.Errorf("%q: %v %+v, want revenue %+v", q, ok, g, want)
		}
	}
	for _, q := range []string{
		"What is the percentage change in ingredients between 2018 and 2019?",       // no line item
		"What is the change in segment revenue from 2018 to 2019 in percent?",       // a part of it
		"What is the change in revenue from FY2018 to FY2019?",                      // an amount, not a rate
		"What is the revenue growth rate in Q2 of FY2023 compared to Q2 of FY2022?", // a quarter's
		"What is the growth rate of revenue in the Americas from 2018 to 2019?",     // a region's
		"What is the FY2019 revenue growth rate for Block?",                         // one year
	} {
		if g, ok := readGrowth(q); ok {
			t.Errorf("%q: read %+v, want no growth", q, g)
		}
	}
}

func TestGrowthOnStatements(t *testing.T) {
	doc, chunk := generalMillsDoc()
	first, _ := chunk(store.ChunkID(doc.ID, 0))
	res := search.Result{Hits: []search.Hit{{Doc: doc, Chunk: first}}}
	e := Extractive{Chunk: chunk}
	for q, want := range map[string]string{
		"What is General Mills' year-over-year change in net sales from FY2017 to FY2018, in percent?": "Computed: +0.8% from 2017 to 2018 (revenue 2017 15,619.8 to revenue 2018 15,740.4)",
		"What is General Mills' 2 year net sales CAGR from FY2017 to FY2019?":                          "Computed: +3.9% a year, compounded, from 2017 to 2019 ((16,865.2 ÷ 15,619.8)^(1/2) − 1;",
	} {
		c, ok := e.computeGrowth(q, res)
		if !ok || !strings.HasPrefix(c.line, want) || len(c.units) != 1 || c.units[0].loc != "Net sales $ 16,865.2 $ 15,740.4 $ 15,619.8" {
			t.Errorf("%q: %v %q, want %q from the net sales row", q, ok, c.line, want)
		}
	}
	// A year the statements do not state.
	if c, ok := e.computeGrowth("What is General Mills' year-over-year change in net sales from FY2019 to FY2020, in percent?", res); ok {
		t.Errorf("computed %q for a year not stated", c.line)
	}
}
