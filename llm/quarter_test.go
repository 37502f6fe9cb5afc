package llm

import "testing"

// A quarterly report states no quarter after its own; the same question
// of its own quarter, or of an annual report, is left to the other checks.
func TestQuarterCovered(t *testing.T) {
	cases := []struct {
		q, doc string
		want   bool
	}{
		{"Which of JPM's business segments had the lowest net revenue in 2021 Q3?", "JPMORGAN 2021Q1 10Q", false},
		{"Which of JPM's business segments had the lowest net revenue in 2021 Q1?", "JPMORGAN 2021Q1 10Q", true},
		{"For Pfizer, which geographic region had the biggest drop in Q3 2023 year over year revenues (on a percentage basis)?", "Pfizer 2023Q2 10Q", false},
		{"As of Q2'2023, is Pfizer spinning off any large business segments?", "Pfizer 2023Q2 10Q", true},
		{"Did JnJ's net earnings as a percent of sales increase in Q2 of FY2023 compared to Q2 of FY2022?", "JOHNSON JOHNSON 2023Q2 EARNINGS", true},
		{"As of FY2023Q1, why did Pepsico raise full year guidance for FY2023?", "PEPSICO 2023Q1 EARNINGS", true},
		{"What was Pepsico's revenue in the third quarter of 2023?", "PEPSICO 2023Q1 EARNINGS", false},
		{"Has CVS Health paid dividends to common shareholders in Q2 of FY2022?", "CVSHEALTH 2022 10K", true},
	}
	for _, c := range cases {
		if got := quarterCovered(c.q, c.doc); got != c.want {
			t.Errorf("%q from %q: %v, want %v", c.q, c.doc, got, c.want)
		}
	}
}
