package llm

import (
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

// The two pages of the Zentara handbook where a question about the
// Magpie-4 found a Magpie-7 row or a glossary line (text as extracted).
var (
	specPage = "Primary product Magpie-7 autonomous warehouse picker\nFY2025 revenue €41.6 million\n\n" +
		"1. Magpie-7 product specifications\n\nThe Magpie-7 is Zentara's seventh-generation autonomous picker, released on 14 September 2025.\n\n" +
		"Specification Value\n\nModel designation ZR-M7-2025\n\nMass (unladen) 84.5 kg\n\nTop travel speed 2.4 m/s\n\nBattery Lithium iron phosphate, 1.8 kWh\n\n" +
		"Charging time (0–80%) 42 minutes\n\nIP rating IP54\n\nWarranty 24 months parts and labour"
	historyPage = "5. Company history (selected milestones)\n2018 First prototype, Magpie-1, demonstrated at Hannover Messe.\n" +
		"2022 Magpie-4 enters commercial deployment with retailer Voorhuis BV in the Netherlands.\n" +
		"Office locations\nZentara operates from three offices: the headquarters in Tallinn and a sales office in Munich.\n\n" +
		"Glossary\n\nSKU Stock-keeping unit; a unique identifier for a product variant.\n\n" +
		"ZCL 1.1 Zentara Community Licence, version 1.1, governing SDK use."
)

func TestSentencesKeepANumberedHeading(t *testing.T) {
	got := Sentences("1. Magpie-7 product specifications\nThe Magpie-7 is fast. It is light.")
	want := []string{"1. Magpie-7 product specifications", "The Magpie-7 is fast.", "It is light."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSectionOf(t *testing.T) {
	lines := Sentences(specPage)
	scope, path := sectionOf(lines)
	at := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return i
			}
		}
		t.Fatalf("no line %q in %q", prefix, lines)
		return -1
	}
	b := at("Battery")
	if path[b] != "1. Magpie-7 product specifications\nSpecification Value" {
		t.Errorf("path of the battery row: %q", path[b])
	}
	if !strings.HasPrefix(scope[b], "Specification Value\n") || !strings.Contains(scope[b], "Warranty") || strings.Contains(scope[b], "released") {
		t.Errorf("scope of the battery row: %q", scope[b])
	}
	if r := at("FY2025"); path[r] != "" || !strings.HasPrefix(scope[r], "Primary product") {
		t.Errorf("above the first heading: path %q scope %q", path[r], scope[r])
	}

	lines = Sentences(historyPage)
	scope, _ = sectionOf(lines)
	lines = lines[:len(scope)]
	z := len(lines) - 1
	if strings.Contains(scope[z], "Magpie-4") || !strings.Contains(scope[z], "SKU") {
		t.Errorf("the glossary row's scope reaches into the history: %q", scope[z])
	}
}

// Label rows are not headings: each row of "CEO Iris Kallas", "CTO …"
// stays in its table's scope.
func TestSectionOfLabelRows(t *testing.T) {
	lines := []string{"Leadership team", "CEO Iris Kallas", "CTO Bogdan Vrabiescu", "Head of People Yuki Tanabe-Pereira", "Employees 287"}
	scope, _ := sectionOf(lines)
	if scope[2] != strings.Join(lines, "\n") {
		t.Errorf("scope of a label row: %q", scope[2])
	}
}

// A question about the Magpie-4, in a handbook that gives only the
// Magpie-7's specifications and mentions the Magpie-4 in its history, is
// not answered from either: the history says nothing of a battery, and
// the battery row is under the Magpie-7's heading.
func TestAnswerKeepsToTheSectionAsked(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", specPage, historyPage)
	for _, q := range []string{"What battery does the Magpie-4 use?", "What is the mass of the Magpie-4?", "What is the IP rating of the Magpie-4?"} {
		if a := ask(t, s, q); !a.Abstained {
			t.Errorf("%s: answered %q", q, a.Text)
		}
	}
	for q, want := range map[string]string{
		"What battery does the Magpie-7 use?":                "Lithium iron phosphate",
		"What is the mass of the Magpie-7?":                  "84.5 kg",
		"When did the Magpie-4 enter commercial deployment?": "2022",
	} {
		a := ask(t, s, q)
		if a.Abstained || !strings.Contains(strings.SplitN(a.Text, "\n", 2)[0], want) {
			t.Errorf("%s: answered %q, want %q first", q, a.Text, want)
		}
	}
}

// A unit under a sibling's heading is not quoted beside the answer either.
func TestOnTopicLeavesOutSiblingRows(t *testing.T) {
	res := search.Result{Hits: []search.Hit{{Doc: store.Document{Name: "zentara_robotics_handbook.pdf"}}}}
	us := []unit{
		{text: "Top travel speed 2.4 m/s", path: "1. Magpie-7 product specifications\nSpecification Value"},
		{text: "2020 Series A funding of €8.4 million led by Northern Horizon Capital."},
		{text: "Magpie-1 reached 0.8 m/s in its trials.", path: "1. Magpie-7 product specifications"},
	}
	got := onTopic("What was the top travel speed of the Magpie-1 prototype?", us, res)
	if len(got) != 2 || got[0].text != us[1].text || got[1].text != us[2].text {
		t.Errorf("kept %v", got)
	}
}

// Asides of another document that does not say the question's names
// are left out of the answer.
func TestAsidesOfOtherDocumentsSayTheName(t *testing.T) {
	s := newLibrarySearcher(t, map[string][]string{
		"zentara_robotics_handbook.pdf": {"Support tiers\nTier Monthly fee Response SLA Included picks / month\nStarter €1,200 Next business day 200,000\nStandard €2,150 4 hours 750,000\nEnterprise €4,800 1 hour, 24/7 Unlimited\nAll tiers include the Magpie-7 hardware, basic onboarding, and access to the customer portal."},
		"JPMORGAN_2021Q1_10Q.pdf":       {"Capital ratios\nThe CET1, Tier 1 and Total capital minimum capital ratios each include a respective minimum requirement plus a 2.5% capital conservation buffer for Basel III Standardized ratios included in each tier."},
	})
	a := ask(t, s, "What's included in the Standard tier?")
	if !strings.Contains(a.Text, "Standard €2,150") || strings.Contains(a.Text, "Standardized") {
		t.Errorf("answered:\n%s\nwant the handbook's Standard row and no bank's ratios", a.Text)
	}
}
