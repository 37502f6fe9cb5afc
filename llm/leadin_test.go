package llm

import (
	"slices"
	"testing"
)

// A list item is quoted with the line that introduces its list, never
// with the sentence that ends the item above it: NIKE_2021_10K.pdf p.9
// answered "What is the EAP?" with "COVID-19 response." first (the end of
// the Military Leave item, parted from it at "U.S."); a heading or a line
// ending in a colon still leads in.
func TestWithLeadIn(t *testing.T) {
	lines := func(ls ...string) (places, unit) {
		var us []unit
		for i, l := range ls {
			us = append(us, unit{pos: i, text: l})
		}
		return placesOf(us), us[len(us)-1]
	}
	texts := func(us []unit) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.text)
		}
		return out
	}
	at, item := lines(
		"• Our Military Leave benefit provides up to 12 weeks of paid time off every 12 months, and we enhanced our Military Leave benefit for employees called up to serve as part of the U.S.",
		"COVID-19 response.",
		"• Our global Employee Assistance Program (EAP) provides free and confidential counseling to all global employees and their families.")
	if got := texts(withLeadIn([]unit{item}, at)); !slices.Equal(got, []string{item.text}) {
		t.Errorf("after an item's end: %q", got)
	}
	// EARNINGS release of Johnson & Johnson, 30 August 2023: the end of
	// the guidance item above, with no stop.
	at, item = lines("• Adjusted Operational Sales",
		"Growth of 7.0% - 8.0%, Operational Sales Growth of 7.5% - 8.5%, and Adjusted Operational Sales Growth of 6.2% - 7.2%; Figures exclude the COVID-19 Vaccine",
		"• Company secured $13.2 billion in cash proceeds from the Kenvue debt offering and initial public offering")
	if got := texts(withLeadIn([]unit{item}, at)); !slices.Equal(got, []string{item.text}) {
		t.Errorf("after an item's end with no stop: %q", got)
	}
	at, item = lines("Vision services covered:", "• Routine eye exams")
	if got := texts(withLeadIn([]unit{item}, at)); !slices.Equal(got, []string{"Vision services covered:", item.text}) {
		t.Errorf("after a lead-in: %q", got)
	}
	at, item = lines("Vision Care", "• Routine eye exams")
	if got := texts(withLeadIn([]unit{item}, at)); !slices.Equal(got, []string{"Vision Care", item.text}) {
		t.Errorf("after a heading: %q", got)
	}
}
