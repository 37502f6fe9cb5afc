package llm

import (
	"slices"
	"strings"
	"testing"
)

// Lifeway Foods' 2019 10-K, p.79 and p.84 (uda).
var lifewayTaxPage = "Note 10 – Income taxes\n\n" +
	"The provision (benefit) for income taxes consists of the following:\n\n" +
	"For the Years Ended December 31,\n2019 2018\n" +
	"Current: Federal $ (27 ) $ (13 )\n" +
	"State and local 276 249\n" +
	"Total current 249 236\n" +
	"Deferred 533 (461 )\n" +
	"Provision (benefit) for income taxes $ 782 $ (225 )\n"

var lifewaySalesPage = "Net sales of products by category were as follows for the years ended December 31:\n\n" +
	"2019 2018\nIn thousands $ % $ %\n\n" +
	"Drinkable Kefir other than ProBugs $ 71,822 77% $ 78,523 76%\n" +
	"Cheese 11,459 12% 11,486 11%\n" +
	"Cream and other 4,228 4% 5,276 5%\n" +
	"ProBugs Kefir 2,780 3% 2,795 3%\n" +
	"Other dairy 1,756 2% 3,836 4%\n" +
	"Frozen Kefir (a) 1,617 2% 1,434 1%\n" +
	"Net Sales $ 93,662 100% $ 103,350 100%\n\n" +
	"(a) Includes Lifeway Kefir Shop sales\n\n" +
	"Significant Customers – Sales are predominately to companies in the retail food industry located within the United\n" +
	"States. Two major customers accounted for approximately 22% and 21% of net sales for the years ended December\n" +
	"31, 2019 and 2018, respectively.\n"

// Lifeway's p.41 and p.8: net sales are discussed across the report,
// cheese in its table.
var lifewayMarginPage = "However, consumer tastes and preferences change rapidly, and evolve over time.\n" +
	"Gross profit as a percentage of net sales decreased to 23.6% during the year ended December 31, 2019 from 25.0% during the same period in 2018.\n" +
	"Selling expenses as a percentage of net sales were 11.8% during the year ended December 31, 2019 compared to 13.0% for the same period in 2018.\n"

// A row that names only its part of the measure ("State and local")
// is computed on once the answer quotes it first: its table names the
// rest.
func TestComputedOnTheRowQuotedFirst(t *testing.T) {
	s := newNamedSearcher(t, "lifeway-foods-inc_2019.pdf", lifewayTaxPage)
	for q, want := range map[string]string{
		"What is the change in provision (benefit) for state and local income taxes between 2018 and 2019?":             "Computed: +27 from 2018 to 2019 (249 to 276) [1]",
		"What is the average total current provision (benefit) for income taxes for 2018 and 2019?":                     "Computed: 242.5 on average for 2018 and 2019 (236, 249) [1]",
		"What is the percentage change in provisions (benefit) for state and local income taxes between 2018 and 2019?": "Computed: +10.8% from 2018 to 2019 (249 to 276) [1]",
	} {
		lines := strings.Split(ask(t, s, q).Text, "\n")
		if lines[0] != want || len(lines) < 2 || !strings.Contains(lines[1], ", 2019: ") {
			t.Errorf("%q:\n%s\nwant first %q, then the row with its years", q, strings.Join(lines, "\n"), want)
		}
	}
	// A year the row does not state is not computed on.
	ans := ask(t, s, "What is the change in provision (benefit) for state and local income taxes between 2017 and 2019?")
	if strings.HasPrefix(ans.Text, "Computed") {
		t.Errorf("computed on a year the table lacks: %q", ans.Text)
	}
}

// A row that gives each figure with its share ("11,459 12%") is read
// as one figure per column year.
func TestRowWithSharesTakesItsColumnYears(t *testing.T) {
	s := newNamedSearcher(t, "lifeway-foods-inc_2019.pdf", lifewaySalesPage, lifewayMarginPage)
	lines := strings.Split(ask(t, s, "What is the change in the net sales for cheese between 2018 and 2019?").Text, "\n")
	if lines[0] != "Computed: -27 from 2018 to 2019 (11,486 to 11,459) [1]" {
		t.Errorf("change: %q", lines)
	}
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "Cheese, 2019: 11,459 (12%)") || !strings.Contains(lines[1], "2018: 11,486 (11%)") {
		t.Errorf("row not written with its column years: %q", lines)
	}
}

// Lifeway's p.8: its list of product lines stands above the sales
// table's lead-in. The table's subject is net sales; a line above the
// lead-in that names Frozen Kefir does not make that row the subject.
func TestSubjectRowIsTheLeadIns(t *testing.T) {
	page := "• Frozen Kefir, available in both soft serve and pint-size containers.\n1\n" + lifewaySalesPage
	var us []unit
	for j, s := range Sentences(page) {
		us = append(us, unit{pos: j, text: s})
	}
	at := placesOf(us)
	for label, want := range map[string]bool{"Frozen Kefir": false, "Net Sales": true} {
		i := slices.IndexFunc(us, func(u unit) bool { return strings.HasPrefix(u.text, label+" ") })
		if i < 0 {
			t.Fatalf("no row %q in %q", label, page)
		}
		if got := subjectRow(us[i], labelWords(label), at); got != want {
			t.Errorf("subjectRow(%q) = %v, want %v", us[i].text, got, want)
		}
	}
}
