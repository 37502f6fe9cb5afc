package llm

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// snapshot is the label–value table at the top of the Zentara handbook,
// as our reader gives it: each row a label and its value on one line.
var snapshot = []string{
	"About this document\nZentara Robotics is a fictional company.\nCompany snapshot\nFounded 12 April 2017, in Tallinn, Estonia\nHeadquarters Rotermanni 8, 10111 Tallinn\nCEO Iris Kallas\nCTO Bogdan Vrabiescu\nHead of People Yuki Tanabe-Pereira\nEmployees 287 (as of 1 March 2026)\nPrimary product Magpie-7 autonomous warehouse picker\nFY2025 revenue €41.6 million",
	"Specification Value\nIP rating IP54\nMass 212 kg\nCharging time (0–80%) 42 minutes",
	"Health plan costs\nThe plan has a calendar year deductible that applies to some services.\n$1,500 for individuals and $3,000 for families.\nPreventive care is not subject to the deductible.",
	"Frequently asked questions\nWhat languages does the voice interface support?\nEnglish, German, Estonian, Polish and Japanese.\nCan I cancel early?\nYes, with 60 days' notice.",
	"Prior work [4] found the dataset biased [12]. Our model reaches 91.2 F1 [4, 7].",
	"Company history (selected milestones)\n2020 Series A (€8.4M)\n2022 Magpie-4 commercial deployment\n2024 Series B (€31M)",
}

var citeMarker = regexp.MustCompile(`\[(\d+)\]`)

func TestAnswersQuoteTheRowNotItsNeighbour(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", snapshot...)
	ans := ask(t, s, "How many employees does Zentara have?")
	if !strings.HasPrefix(ans.Text, "Employees 287") {
		t.Errorf("first line %q, want the Employees row", firstLine(ans.Text))
	}
	if strings.Contains(ans.Text, "Tanabe-Pereira:") || strings.Count(ans.Text, "287") != 1 {
		t.Errorf("a neighbouring row was taken as a header, or the fact repeats:\n%s", ans.Text)
	}
	ans = ask(t, s, "What is the IP rating?")
	if strings.Count(ans.Text, "IP54") != 1 {
		t.Errorf("the row is quoted twice (alone and with its header):\n%s", ans.Text)
	}
}

func TestDefinitionBringsItsValue(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", snapshot...)
	ans := ask(t, s, "What is the calendar year deductible?")
	if !strings.Contains(ans.Text, "$1,500 for individuals") {
		t.Errorf("the value sentence after the definition is missing:\n%s", ans.Text)
	}
	ans = ask(t, s, "What languages does the voice interface support?")
	if !strings.HasPrefix(ans.Text, "English, German, Estonian") {
		t.Errorf("a FAQ question should give way to its answer:\n%s", ans.Text)
	}
	ans = ask(t, s, "List the company history milestones")
	if !strings.Contains(ans.Text, "2024 Series B") {
		t.Errorf("a heading should bring the list under it:\n%s", ans.Text)
	}
}

func TestCitationsAreNumberedInOrder(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", snapshot...)
	for _, q := range []string{"How many employees does Zentara have?", "What is the calendar year deductible?", "What F1 does the model reach?"} {
		ans := ask(t, s, q)
		want := 1
		seen := map[int]bool{}
		for _, m := range citeMarker.FindAllStringSubmatch(ans.Text, -1) {
			n, _ := strconv.Atoi(m[1])
			if !seen[n] {
				if n != want {
					t.Errorf("%q: citation [%d] where [%d] comes next:\n%s", q, n, want, ans.Text)
				}
				seen[n] = true
				want++
			}
		}
		for i, c := range ans.Citations {
			if c.N != i+1 || (i < len(seen)) != c.Used {
				t.Errorf("%q: citation %d has N %d, used %v", q, i, c.N, c.Used)
			}
		}
	}
}

func TestSourceReferenceNumbersAreNotCitations(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", snapshot...)
	ans := ask(t, s, "What F1 does the model reach?")
	if ans.Abstained || !strings.Contains(ans.Text, "91.2 F1 ［4, 7］") {
		t.Fatalf("answer %q", ans.Text)
	}
	for _, m := range citeMarker.FindAllStringSubmatch(ans.Text, -1) {
		if n, _ := strconv.Atoi(m[1]); n > len(ans.Citations) || n != 1 {
			t.Errorf("marker %s in %q is not Quire's citation", m[0], ans.Text)
		}
	}
}

func TestAbstainsWhenTheAnswerIsAboutSomethingElse(t *testing.T) {
	s := newNamedSearcher(t, "zentara_robotics_handbook.pdf", snapshot...)
	for _, q := range []string{
		"Who is Zentara's Chief Financial Officer?",
		"What was Zentara's revenue in 2024?",
		"When was the Magpie-4 released?",
	} {
		if ans := ask(t, s, q); !ans.Abstained {
			t.Errorf("%q answered: %s", q, ans.Text)
		}
	}
	for _, q := range []string{
		"Who is the CEO of Zentara Robotics?",
		"What was Zentara's revenue in FY2025?",
		"When was Zentara founded?",
	} {
		if ans := ask(t, s, q); ans.Abstained {
			t.Errorf("%q abstained", q)
		}
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

// A list item is quoted with what says what the list is: its lead-in, or,
// when the chunk starts inside the list, the line after it.
func TestListItemBringsItsLeadIn(t *testing.T) {
	s := newNamedSearcher(t, "plan.pdf",
		"Exceptions to Prior Authorization\nThere are certain services that are exempt from prior authorization. These include:\n• Immunizations\n• Routine eye exams\n• Routine dental exams\nClaims are filed online.",
		"• Hearing aids\n• Routine foot care\nIt is important to note that the list of services excluded from coverage may change.\nContact us with questions.",
	)
	a := ask(t, s, "Do routine eye exams need prior authorization?")
	if !strings.Contains(a.Text, "exempt from prior authorization") || strings.Index(a.Text, "exempt") > strings.Index(a.Text, "eye exams") {
		t.Errorf("the list item came without its lead-in first:\n%s", a.Text)
	}
	a = ask(t, s, "Is routine foot care covered?")
	if !strings.Contains(a.Text, "excluded from coverage") {
		t.Errorf("the list item came without the line that says what the list is:\n%s", a.Text)
	}
}

// A list row without a figure does not take the next row's figure as its
// value, and a speed is an amount.
func TestListRowBorrowsNoFigure(t *testing.T) {
	us := []unit{
		{hit: 0, pos: 0, text: "2018 First prototype, Magpie-1, demonstrated at Hannover Messe."},
		{hit: 0, pos: 1, text: "2020 Series A funding of €8.4 million led by Northern Horizon Capital."},
	}
	got := follow(us[:1], placesOf(us), true, listAsk{})
	if len(got) != 1 {
		t.Errorf("the next list row came along as the value: %v", got)
	}
	q := "What was the top travel speed of the Magpie-1 prototype?"
	if kindMatches(q, us[0].text, us[0].text, us[0].text, us[0].text) {
		t.Errorf("a row without a figure answered %q", q)
	}
}
