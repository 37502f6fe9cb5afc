package llm

import (
	"strings"
	"testing"
)

// Zentara's pricing page: the sentence above the table says what every
// tier includes, so the Standard tier's row brings it along; a question
// about a plain sentence of the same page does not.
func TestTableRowBringsTheSentenceOnAllRows(t *testing.T) {
	page := "2. Pricing tiers and support\n" +
		"Zentara offers three commercial tiers. All tiers include the Magpie-7 hardware, basic onboarding, and\naccess to the customer portal.\n" +
		"Tier Monthly fee Response SLA Included picks / month\n" +
		"Starter €1,200 Next business day 200,000\n" +
		"Standard €2,150 4 hours 750,000\n" +
		"Enterprise €4,800 1 hour, 24/7 Unlimited\n" +
		"Early termination incurs a fee equal to two months of the contracted rate."
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", page)
	ans := ask(t, s, "What's included in the Standard tier?")
	lines := strings.Split(ans.Text, "\n")
	if len(lines) < 2 || !strings.Contains(lines[0], "Standard €2,150") || !strings.HasPrefix(lines[1], "All tiers include the Magpie-7 hardware") {
		t.Errorf("answer:\n%s", ans.Text)
	}
	ans = ask(t, s, "What is the fee for early termination?")
	if strings.Contains(ans.Text, "All tiers include") {
		t.Errorf("a sentence answer brought the table's note:\n%s", ans.Text)
	}
}

func TestNamesRows(t *testing.T) {
	if !namesRows("tier", []string{"Tier Monthly fee Response SLA"}) {
		t.Error("the header's Tier does not name the tiers")
	}
	if namesRows("plan", []string{"Tier Monthly fee Response SLA", "Standard €2,150 4 hours 750,000"}) {
		t.Error("plans named by a table of tiers")
	}
}
