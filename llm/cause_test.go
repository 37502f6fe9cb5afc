package llm

import "testing"

// An amount is not answered by a sentence that names what is asked only
// as its figure's cause, nor by the size of a change when no change is
// asked; a statement line's words name no other line.
func TestAmountOfWhatIsAsked(t *testing.T) {
	e := Extractive{Analyze: newSearcher(t, "x").Analyze}
	asked := e.termSet("research development")
	loss := unit{text: "BCA loss from operations was $2,370 million in 2022 reflecting higher 737 deliveries, partially offset by higher research and development spending."}
	if e.askedBeforeCause(asked, loss, nil) {
		t.Errorf("askedBeforeCause(%q) = true, want false", loss.text)
	}
	change := unit{text: "Research and development expense increased by $94 million in 2022 primarily due to investments.", cov: 1}
	if !e.askedBeforeCause(asked, change, nil) {
		t.Errorf("askedBeforeCause(%q) = false, want true", change.text)
	}
	row := unit{text: "Research and development expense, net, 2022: (2,852) (2021: (2,249))", cov: 0.9}
	all := func(unit) bool { return true }
	if got := figureFirstOf("How much did Boeing spend on R&D in 2022?", []unit{change, row}, all); got[0].text != row.text {
		t.Errorf("figureFirstOf put %q first, want the expense row", got[0].text)
	}
	if got := figureFirstOf("How much did Boeing's R&D expense increase in 2022?", []unit{change, row}, all); got[0].text != change.text {
		t.Errorf("figureFirstOf put %q first for a change, want the change", got[0].text)
	}
	for q, want := range map[string]bool{
		"How much did Boeing spend on R&D in 2022?":                              true,
		"What drove the reduction in SG&A expense in FY2023?":                    false,
		"Were there any events that substantially increased net income in 2019?": false,
	} {
		if got := asksLevel(q); got != want {
			t.Errorf("asksLevel(%q) = %v, want %v", q, got, want)
		}
	}
	for q, want := range map[string]int{"What was Boeing's cost of sales in 2022?": 1, "What were Boeing's sales and cost of sales?": 2} {
		if got := askedItems(q); len(got) != want {
			t.Errorf("askedItems(%q) = %d items, want %d", q, len(got), want)
		}
	}
}
