package llm

import (
	"strings"
	"testing"
)

// tiers is a pricing page with two tiers of a family, a funding timeline
// and a contact line.
var tiers = []string{
	"Support tiers\nTier Monthly fee Response SLA\nStarter €1,200 Next business day\nEnterprise €4,800 1 hour, 24/7\nAll tiers include basic onboarding and access to the customer portal.",
	"Company history\n2020 Series A funding of €8.4 million led by Northern Horizon Capital.\n2024 Series B funding of €31 million; opens an office in Kraków.",
	"Offices\nZentara operates from three offices: the headquarters in Tallinn and the R&D centre in Kraków (38 engineers).\nFor help, write to the support team.",
	"Products\nThe Magpie-7 carries a warranty of 24 months, parts and labour.\nThe Magpie-4 was demonstrated at Hannover Messe in 2019.",
}

func TestAbstainsOnASiblingOfTheNameAsked(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", tiers...)
	for _, q := range []string{
		"What is the monthly fee of the Enterprise Plus tier?",
		"Who led the Series C funding?",
		"What's the response SLA on the Basic tier?",
		"What is the warranty on the Magpie-9?",
		"How many engineers work in Munich?",
		"What is the phone number of the support team?",
		"What is the email address of the support team?",
	} {
		if ans := ask(t, s, q); !ans.Abstained {
			t.Errorf("%q answered:\n%s", q, ans.Text)
		}
	}
	for q, want := range map[string]string{
		"What is the monthly fee of the Enterprise tier?": "€4,800",
		"Who led the Series A funding?":                   "Northern Horizon Capital",
		"What is the warranty on the Magpie-7?":           "24 months",
		"How many engineers work in Kraków?":              "38 engineers",
		"Where was the Magpie-4 demonstrated?":            "Hannover Messe",
	} {
		ans := ask(t, s, q)
		if ans.Abstained || !strings.Contains(ans.Text, want) {
			t.Errorf("%q: want %q in the answer, got:\n%s", q, want, ans.Text)
		}
	}
}

func TestSiblingOf(t *testing.T) {
	for _, c := range []struct {
		name, class, units string
		want               bool
	}{
		{"Magpie-4", "", "The Magpie-7 carries a warranty.", true},
		{"Series B", "funding", "2020 Series A funding of €8.4 million.", true},
		{"Enterprise Plus", "tier", "Enterprise €4,800 1 hour", true},
		{"Starter", "tier", "Customers on the Enterprise plan receive updates monthly.", true},
		{"Northwind Select", "plan", "covered under the Northwind Health Plus plan", true},
		{"Contoso", "", "Contoso is proud to offer coverage.", false},
	} {
		if got := siblingOf(c.name, c.class, c.units); got != c.want {
			t.Errorf("siblingOf(%q, %q, %q) = %v, want %v", c.name, c.class, c.units, got, c.want)
		}
	}
	// A unit that names the asked one among others answers for it.
	if namesSibling("What is the warranty on the Magpie-4?", "The Magpie-4 and the Magpie-7 both carry one.", "") {
		t.Error("the Magpie-4 is named, yet a sibling was reported")
	}
}

func TestAnswerQuotesThePassageOnce(t *testing.T) {
	// Two overlapping chunks hold the same sentence; it is quoted once,
	// followed by the sentences that complete it.
	para := "Northwind Standard covers a range of rehabilitation therapy services, including physical, occupational, and speech therapy. Coverage includes medically necessary services related to an injury or illness. It also covers the use of equipment and specialized supplies."
	s := newNamedSearcher(t, "Northwind_Standard_Benefits_Details.pdf",
		"Rehabilitation therapy\n"+para,
		para+"\nCLAIMS\nSubmit claims within a year.")
	ans := ask(t, s, "What types of rehabilitation therapy does Northwind Standard cover?")
	if !strings.HasPrefix(ans.Text, "Northwind Standard covers a range of rehabilitation therapy") {
		t.Errorf("first line %q", firstLine(ans.Text))
	}
	if !strings.Contains(ans.Text, "equipment and specialized supplies") {
		t.Errorf("the passage after the best sentence is missing:\n%s", ans.Text)
	}
	if n := strings.Count(ans.Text, "speech therapy"); n != 1 {
		t.Errorf("the sentence is quoted %d times:\n%s", n, ans.Text)
	}
}

// A question about two members of a family is answered by both: the
// Starter row is on topic when the Enterprise tier is asked beside it.
func TestComparisonQuotesBothMembers(t *testing.T) {
	s := newSearcher(t, handbook...)
	ans := ask(t, s, "Compare the Starter and Enterprise tiers")
	if !strings.Contains(ans.Text, "Starter €1,200") || !strings.Contains(ans.Text, "Enterprise €4,800") {
		t.Errorf("answer %q, want both tiers' rows", ans.Text)
	}
	if !quotesPeer("Compare the Starter and Enterprise tiers", "Enterprise", []string{"Starter", "Enterprise"}, "Starter €1,200") {
		t.Error("a row of the other tier compared is a sibling")
	}
	if quotesPeer("What is the price of the Magpie-4 at Zentara?", "Magpie-4", []string{"Magpie-4", "Zentara"}, "Zentara Magpie-7 €68,400") {
		t.Error("the company named beside a model makes another model's row on topic")
	}
}

func TestJoined(t *testing.T) {
	q := "What is the difference between Timothy Campos and Tor Braham's compensation?"
	if !joined(q, "Timothy Campos", "Tor Braham") {
		t.Error("names joined by 'and' not seen as joined")
	}
	if joined("Is the Magpie-7 sold by Zentara?", "Magpie-7", "Zentara") {
		t.Error("names apart in a sentence taken as joined")
	}
}
