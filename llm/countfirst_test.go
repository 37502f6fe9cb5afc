package llm

import "testing"

// VERIZON_2021_10K.pdf p.10 in the growing library: every sentence of the
// page says "employees" and "Verizon"; a footnote's "1" made the first of
// them a figure, and the count was not among the units tried.
func TestCountFirst(t *testing.T) {
	units := []unit{
		{text: "1 Unless otherwise specified, the workforce metrics disclosed in this discussion do not include employees who joined Verizon in connection with the acquisition of Tracfone in November 2021.", cov: 1},
		{text: "In order to realize our core business strategy, we have developed human capital programs and practices that support, develop and care for our employees.", cov: 1},
		{text: "With approximately 118,400 employees, including approximately 800 Tracfone employees, on a full-time equivalent basis as of December 31, 2021, 89% of whom are based in the U.S.", cov: 1},
	}
	got := countFirst("How many employees does Verizon have?", units, nil)
	if got[0].text != units[2].text || len(got) != 3 {
		t.Errorf("countFirst put first %q", got[0].text)
	}
	// A question that counts nothing keeps its order.
	if got := countFirst("What does Verizon offer its employees?", units, nil); got[0].text != units[0].text {
		t.Errorf("countFirst moved %q for a question that counts nothing", got[0].text)
	}
}
