package glossary

import (
	"slices"
	"testing"
)

// Sentences as the shared set's documents write them.
func TestFind(t *testing.T) {
	cases := []struct {
		text string
		want []Definition
	}{
		// MGMRESORTS_2018_10K.pdf
		{"If Participant is the chief executive officer (“CEO”) of the Company,",
			[]Definition{{"ceo", "chief executive officer"}}},
		{"matters pertain to the computation of research and development (R&D) credits",
			[]Definition{{"r&d", "research and development"}}},
		// 3M_2018_10K.pdf: the letters of R&D are in "related expenses",
		// but do not begin its words; the whole phrase is more words than
		// two letters stand for.
		{"and research, development and related expenses (R&D) were", nil},
		{"Our employees are covered by a Preferred Provider Organization (PPO) plan.",
			[]Definition{{"ppo", "preferred provider organization"}}},
		// Northwind_Health_Plus_Benefits_Details.pdf
		{"IMPORTANT PLAN INFORMATION Copayments (Copays) IMPORTANT",
			[]Definition{{"copays", "copayments"}}},
		{"Copayment: A copayment, also known as a copay, is the fixed amount that an employee pays",
			[]Definition{{"copay", "copayment"}}},
		// Brackets and "known as" that define nothing.
		{"Chief Executive Officer (principal executive officer)", nil},
		{"net of tax (see Note 4) and other expense (income)", nil},
		{"BetMGM, LLC (BetMGM) and", nil},
		{"the Company’s common stock (the Shares) is", nil},
		{"a condition known as mortality", nil},
		{"fees (in millions) were", nil},
	}
	for _, c := range cases {
		if got := Find(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A definition made twice is given once.
func TestFindOnce(t *testing.T) {
	text := "Chief Executive Officer (CEO) and later the Chief Executive Officer (CEO)."
	if got := Find(text); len(got) != 1 {
		t.Errorf("Find(%q) = %v, want one definition", text, got)
	}
}
