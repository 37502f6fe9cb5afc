package llm

import (
	"slices"
	"strings"
	"testing"
)

// A measure narrowed by a word ("interest expense") is not any expense,
// and a score is a figure.
func TestKindOfAmount(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		{"What is the interest expense in 2011?", "During the three months ended June 30, 2011, the Company decided to expense stock-based compensation.", false},
		{"What is the interest expense in 2011?", "Interest expense 1,204 1,877", true},
		// The modifier goes with the measure, not anywhere in the sentence.
		{"what is the interest expense in 2011?", "In December 2019, the Company reached a settlement with the FTA for the 2011 through 2018 tax years, resulting in the recognition of $54 million of tax expense in the period ended December 31, 2019 and a tax payment of €161 million (approximately $179 million), including interest and penalties.", false},
		{"what is the interest expense in 2011?", "Interest and other expense was $12 million in 2011.", true},
		{"What is the total revenue in 2011?", "Revenue 41.6", true},
		{"What was Zentara's FY2025 revenue from subscription contracts?", "FY2025 revenue €41.6 million", false},
		{"What was Zentara's FY2025 revenue from subscription contracts?", "Revenue from subscriptions was €12.1 million in FY2025.", true},
		{"What is the Northwind Health Plus deductible?", "The annual deductible is $2,000 per person.", true},
		{"What BLEU score does the proposed approach achieve?", "We propose a cross-lingual pretraining based transfer approach.", false},
		{"What BLEU score does the proposed approach achieve?", "Our approach reaches 28.4 BLEU.", true},
		// A score is the figure of the score asked; "(Figure 2)" is none.
		{"What batch size did they use to train the LSTM?", "Model Prec Rec F1: LSTM 0.851 0.858 0.853", false},
		{"What batch size did they use to train the LSTM?", "We trained the LSTM with a batch size of 64 and a learning rate of 0.001.", true},
		{"What F1 score does the LSTM achieve?", "An LSTM classifier for explanation identification (Figure 2) in F1 terms.", false},
		{"Which pharmacy chains are in the Northwind Standard network?", "With Northwind Standard, you can choose from in-network providers, including hospitals and pharmacies.", false},
		{"Which pharmacy chains are in the Northwind Standard network?", "In-network pharmacies include Walgreens and CVS Health.", true},
		// A rate narrowed by a word is that rate; plural measures are measures.
		{"What was Costco's FY2021 membership renewal rate in Japan?", "Executive members earn a 2% reward on qualified purchases.", false},
		{"What was Costco's FY2021 membership renewal rate in Japan?", "Our membership renewal rate was 90% in the U.S. and Canada.", true},
		{"What was the Capitalized software development costs in 2016?", "Capitalized costs of software developed for internal use are amortized over three years.", false},
		// The cost of goods sold is not any cost.
		{"What is the Cost of goods sold for year ended December 31, 2020?", "Net income in 2020 increased by $121 million, driven by sales increases and good cost performance.", false},
		{"What is the Cost of goods sold for year ended December 31, 2020?", "Cost of goods sold was $68,367 thousand in 2020.", true},
		// "How many" counts the noun of its phrase, past its modifiers.
		{"How many in-network hospitals does Northwind Health have in Washington?", "You must be outside of Washington for no more than 12 consecutive months.", false},
		{"How many in-network hospitals does Northwind Health have in Washington?", "Northwind Health has 42 in-network hospitals in Washington.", true},
		{"By how many percentage points did PepsiCo raise its guidance?", "An approximate 2-percentage-point foreign exchange headwind.", true},
		// A count in parentheses is the count of the name before them.
		{"How many engineers work at the Tallinn headquarters?", "Zentara operates from three offices: the headquarters in Tallinn, the R&D centre in Kraków (opened May 2024, 38 engineers), and a sales office in Munich.", false},
		{"How many engineers work in Kraków?", "Zentara operates from three offices: the headquarters in Tallinn, the R&D centre in Kraków (opened May 2024, 38 engineers), and a sales office in Munich.", true},
	}
	for _, c := range cases {
		if got := kindMatches(c.q, c.units, c.units, c.units, c.units); got != c.want {
			t.Errorf("%q with %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// A name is two capitalised words inside a line, not a label and the
// value after it, nor a sentence's first words.
func TestHoldsName(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		{"On which stock market is Contoso Electronics listed?", "Job Title: Manager of Marketing for Contoso Electronics", false},
		{"On which stock market is Contoso Electronics listed?", "Job Summary: The Manager of Marketing reports to the CEO.", false},
		{"Who is the CEO of Zentara Robotics?", "Leadership: CEO Iris Kallas", true},
		{"Which exchange lists the shares?", "The shares trade on the New York Stock Exchange.", true},
		{"Who led the Series B funding?", "2024 Series B funding of €31 million; opens R&D office in Kraków, Poland.", false},
		{"Who is Zentara's Chief Financial Officer?", "40 Vice President, Finance and Chief Financial Officer", false},
		{"Who is the CFO?", "Our CFO is Mart Õun, who joined in 2019.", true},
	}
	for _, c := range cases {
		if got := holdsName(c.q, c.units); got != c.want {
			t.Errorf("%q in %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// A report answers for its own years and the few before; years well after
// it only when the question asks what is due or planned.
func TestPeriodAfterTheReport(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		{"How much has the effective tax rate of Corning changed between FY2023 and FY2024?", "Corning has hedged its yen exposure for the period 2022 through 2024.", false},
		{"What percentage of future minimum rental payments are due in 2018?", "2018 1,941", true},
		{"What was Corning's effective tax rate in FY2021?", "Effective tax rate 2021 20.1%", true},
		// The year of a plan's name is not the period of its figures.
		{"What was the cost of goods sold in 2021?", "We repurchased 211 shares at a cost of $538 during 2023 under the 2021 Repurchase Plan Amendment.", false},
		{"What was the cost of goods sold in 2021?", "Cost of goods sold was $538 in 2021.", true},
		// A span that ends well after the report is not in it either.
		{"What is the return on an investment in Corning from March 2021 to March 2024?", "Corning Incorporated 100 96.19 135.87", false},
		{"What is the base rent from 2021 to 2024?", "The base rent for March 2021 through February 2024 is $66,000 per month.", true},
		// A span of fiscal years: its end is the later one.
		{"How much has the effective tax rate of American Express changed between FY2022 and FY2023?", "Finance Leases 2022 - 2023 3 5.76 — 14 5.49 —", false},
		{"How much has the effective tax rate changed between FY2020 and FY2021?", "Effective tax rate 2021 20.1% 2020 18.2%", true},
	}
	for _, c := range cases {
		if got := periodMatches(c.q, c.units, "", c.units, 2021); got != c.want {
			t.Errorf("%q with %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// A table row answers for the measure it is labelled with.
func TestRowMeasures(t *testing.T) {
	q := "What is Netflix's total current liabilities at year end 2017?"
	for row, want := range map[string]bool{
		"Total current assets 7,669,974 5,720,291":      false,
		"Total current liabilities 5,466,312 4,586,657": true,
		"Deferred revenue 618,622 443,472":              false,
		"Total 12,000 11,000":                           true,
	} {
		if got := rowMeasures(q, []unit{{text: row}}); got != want {
			t.Errorf("%q: %v, want %v", row, got, want)
		}
	}
}

// Whether something is covered is answered by a unit that names it.
func TestNamesObject(t *testing.T) {
	e := Extractive{Analyze: func(s string) []string {
		var out []string
		for _, w := range strings.Fields(strings.ToLower(s)) {
			w = strings.Trim(w, "?.,;:")
			if len(w) > 2 && w != "the" && w != "any" && w != "for" {
				out = append(out, strings.TrimSuffix(w, "s"))
			}
		}
		return out
	}}
	q := "Does Northwind Standard cover eye exams?"
	if e.namesObject(q, "Virtual care is not covered for any services that require a physical exam.") {
		t.Error("a sentence about physical exams answered for eye exams")
	}
	if !e.namesObject(q, "Routine eye exams are covered once a year.") {
		t.Error("the sentence that names eye exams was refused")
	}
	if !e.namesObject("What is the deductible?", "anything") {
		t.Error("a question that is not about coverage was checked")
	}
}

// A date says when, not what: a sentence dated December 31, 2019 is no
// candidate for the backlog asked at that date.
func TestAskedTermsLeaveOutDates(t *testing.T) {
	e := Extractive{Analyze: func(s string) []string {
		var out []string
		for _, w := range strings.Fields(strings.ToLower(s)) {
			if w = strings.Trim(w, "?.,;:'s"); len(w) > 2 && !map[string]bool{"the": true, "was": true, "were": true, "what": true, "how": true}[w] {
				out = append(out, w)
			}
		}
		return out
	}}
	asked := e.askedTerms("What was Inpixon's backlog at December 31, 2019?")
	if !asked["backlog"] || len(asked) != 1 {
		t.Errorf("asked terms %v, want only backlog", asked)
	}
	u := unit{terms: map[string]bool{"december": true, "2019": true, "audit": true}}
	if e.holdsAsked(asked, u, map[string][]string{}) {
		t.Error("a sentence dated December 31, 2019 was taken to speak of the backlog")
	}
	if asked := e.askedTerms("How much were Tax Fees in 2019?"); len(asked) != 0 {
		t.Errorf("asked terms %v, want none besides the name", asked)
	}
}

// A question typed in lower case names what the documents write as a name.
func TestWrittenNamesPresent(t *testing.T) {
	retrieved := "Comparison of cumulative return among ABIOMED, Inc. and the Nasdaq Composite Index\n" +
		"The graph compares an investment in the firm's common stock with the S&P 500 Index.\n" +
		"Commission File Number: 001-14965\nthe number of shares"
	q := "did abiomed outperform the s&p 500 index?"
	if writtenNamesPresent(q, retrieved, "The graph compares an investment in the firm's common stock with the S&P 500 Index.") {
		t.Error("a passage that never names Abiomed answered for it")
	}
	if !writtenNamesPresent(q, retrieved, "ABIOMED, Inc. 100 96.19 35.87 with the S&P 500 Index") {
		t.Error("the passage that names Abiomed was refused")
	}
	if !writtenNamesPresent("what is the number of shares?", retrieved, "Shares outstanding 1,204") {
		t.Error("a title's capital (Commission File Number) made an ordinary word a name")
	}
	if !writtenNamesPresent("Did Abiomed outperform the index?", retrieved, "anything") {
		t.Error("a question that capitalises its names was checked here")
	}
}

// A change in one year is stated, or worked out from the year before.
func TestChangeBased(t *testing.T) {
	q := "What is the net change in the number of staff in 2014?"
	for units, want := range map[string]bool{
		"$ in millions 2016 2015 2014: Total staff at period-end 34,400 36,800 34,000": false,
		"Total staff decreased 7% during 2014, due to expense savings initiatives.":    true,
		"$ in millions 2014 2013: Total staff at period-end 34,000 32,900":             true,
	} {
		if got := changeBased(q, units); got != want {
			t.Errorf("%q: %v, want %v", units, got, want)
		}
	}
	if !changeBased("What is the staff headcount in 2014?", "2016 2015 2014: Total staff 34,400 36,800 34,000") {
		t.Error("a question for a level was checked for a change")
	}
}

// "Which stock market" is answered by a name of an exchange, not by any
// capitalised words: the role library's skills line names software.
func TestNamesClass(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		{"On which stock market is Contoso Electronics listed?", "• Strong organizational and time management skills. • Ability to work in a fast-paced environment and manage multiple tasks. • Proficiency in MS Office Suite.", false},
		{"On which stock market is Contoso Electronics listed?", "Position Summary: The Director of Marketing for Contoso Electronics is responsible for developing, implementing, and executing strategies.", false},
		{"Which exchange lists the shares?", "The shares trade on the New York Stock Exchange.", true},
		{"Which pharmacy chains are in the Northwind Standard network?", "In-network pharmacies include Walgreens and CVS Health.", true},
	}
	for _, c := range cases {
		if got := kindMatches(c.q, c.units, c.units, c.units, c.units); got != c.want {
			t.Errorf("%q with %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// A table row without its header years has a column a year, the latest
// the report's: the cash flow row of a 2022 report holds no FY2018.
func TestRowYears(t *testing.T) {
	row := "Cash flows from operating activities: Net income $ 4,756 $ 4,822 $ 5,260"
	if periodMatches("What is Adobe's FY2018 operating cash flow ratio?", row, "", row, 2022) {
		t.Errorf("a three-year row of 2022 answered for FY2018")
	}
	if !periodMatches("What is Adobe's FY2020 operating cash flow ratio?", row, "", row, 2022) {
		t.Errorf("a three-year row of 2022 did not answer for FY2020")
	}
}

// The sentence that answers is dated in the year asked; the next one
// cannot lend it its year. A standing state "as of" a date may be told
// by a sentence of an earlier year.
func TestFirstYear(t *testing.T) {
	staff := "Total staff increased 8% during 2015, primarily due to activity levels in certain businesses and continued investment in regulatorycompliance.\nNon-compensation expenses in the consolidated statements of earnings were $12.36 billion for 2015, 30% higher than 2014."
	cases := []struct {
		q, units string
		want     bool
	}{
		{"what is the net change in the number of staff in 2014?", staff, false},
		{"what is the net change in the number of staff in 2015?", staff, true},
		{"As of Q2'2023, is Pfizer spinning off any large business segments?", "In October 2021, a putative class action was filed on behalf of former Mylan N.V. shareholders who received Viatris common stock in connection with the spin-off of the Upjohn Business.", true},
		{"what percentage did the balance increase from 2007 to 2009?", "The balance increased in 2008 as we drew on the facility.", true},
	}
	for _, c := range cases {
		if got := firstYear(c.q, c.units); got != c.want {
			t.Errorf("%q with %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// "JnJ" names Johnson & Johnson: its capitals are the initials of the
// report's name, "and" left out; other reports' names are not it.
func TestInitialsOf(t *testing.T) {
	cases := []struct {
		name, own string
		want      bool
	}{
		{"JnJ", "JOHNSON_JOHNSON_2022_10K.pdf\nJohnson & Johnson\n", true},
		{"JnJ", "GENERALMILLS_2022_10K.pdf\nGeneral Mills, Inc.\n", false},
		{"Boeing", "BOEING_2022_10K.pdf\nThe Boeing Company\n", false}, // one capital: the name check's own
	}
	for _, c := range cases {
		if got := initialsOf(c.name, c.own); got != c.want {
			t.Errorf("%q in %q: %v, want %v", c.name, c.own, got, c.want)
		}
	}
}

// The measure asked is the asking sentence's, not its definition's: free
// cash flow defined with capex is answered by the free cash flow; an
// EBITDA margin is not answered by a gain.
func TestMeasureOfTheAskingSentence(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		{"According to the information provided in the statement of cash flows, what is the FY2020 free cash flow (FCF) for General Mills? FCF here is defined as: (cash from operations - capex). Answer in USD millions.",
			"This cash generation supported capital investments totaling $461 million, and our resulting free cash flow was $3.2 billion at a conversion rate of 143 percent of adjusted net earnings, including earnings attributable to redeemable and noncontrolling interests.", true},
		{"What is the FY2022 unadjusted EBITDA % margin for PepsiCo? Calculate unadjusted EBITDA using unadjusted operating income and D&A (from cash flow statement).",
			"As a result of this transaction, in the year ended December 31, 2022, we recorded a gain in our PBNA and Europe divisions (see detailed income statement activity below), including $520 million related to the remeasurement of our 39% ownership in TBG at fair value.", false},
		// Northwind_Standard_Benefits_Details.pdf p.3 hyphenates what the
		// question joins.
		{"What is the copayment for a specialist visit under Northwind Standard?",
			"For Northwind Standard, the co-payment is $30 for primary care visits and $50 for specialist visits.", true},
		{"What is the copay for a specialist visit under Northwind Standard?",
			"For Northwind Standard, the co-payment is $30 for primary care visits and $50 for specialist visits.", true},
		{"What is the copayment for a specialist visit under Northwind Standard?",
			"For Northwind Standard, the co-insurance is 20% of the remaining cost after the deductible has been met.", false},
	}
	for _, c := range cases {
		if got := namesMeasure(c.q, c.units, c.units, c.units); got != c.want {
			t.Errorf("%q with %q: %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// "cost-effective" asks for no cost: the process question is answered by
// the sentence on the process, which holds no figure.
func TestCompoundIsNoMeasure(t *testing.T) {
	q := "What is the process for ensuring cost-effective care under the Northwind Standard plan?"
	u := "Overall, the clinical review process is an important component of the Northwind Standard plan, and it helps to ensure that members receive high-quality, cost-effective care."
	if !kindMatches(q, u, u, u, u) {
		t.Errorf("%q refused for want of a figure", u)
	}
	if kindMatches("What is the cost of the Northwind Standard plan?", u, u, u, u) {
		t.Errorf("%q answered for the cost", u)
	}
}

// A plural abbreviation is no name, as an abbreviation is not: a
// table's head may write it out or break it over lines.
func TestPluralAbbreviationIsNoName(t *testing.T) {
	got := names("What is the difference between the maximum possible value of PSUs in 2018 between Oleg Khaykin and Amar Maletira?")
	if want := []string{"Oleg Khaykin", "Amar Maletira"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	for w, want := range map[string]bool{"PSUs": true, "NEOs": true, "SLA": true, "Series": false, "Is": false} {
		if isAbbreviation(w) != want {
			t.Errorf("isAbbreviation(%q) = %v", w, !want)
		}
	}
}

// A one-word name of a tier is a word of its own: "the Standard tier" is
// not in a bank's "Standardized Tier 2 capital", and is in the
// handbook's tier table.
func TestTierNameIsAWholeWord(t *testing.T) {
	q := "What's included in the Standard tier?"
	if namesPresent(q, "Change in Standardized Tier 2 capital (1,005)", "JPMORGAN_2021Q1_10Q.pdf", map[string]bool{}) {
		t.Error(`"Standardized" said the Standard tier`)
	}
	if !namesPresent(q, "Tier Monthly fee Response SLA\nStandard €2,150 4 hours 750,000", "zentara_robotics_handbook.pdf", map[string]bool{}) {
		t.Error("the tier table did not say the Standard tier")
	}
}
