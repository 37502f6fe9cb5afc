package llm

import "testing"

func TestNamesForWhat(t *testing.T) {
	for _, c := range []struct {
		question, units string
		want            bool
	}{
		{"What is the annual maximum for dental services under Northwind Health Plus?", "Northwind Health Plus has an out-of-pocket maximum of $4,000 per year.", false},
		{"What is the annual maximum for dental services under Northwind Health Plus?", "Dental services have an annual maximum of $1,000.", true},
		{"What is the copay for a specialist visit under Northwind Standard?", "The co-payment is $30 for primary care visits and $50 for specialist visits.", true},
		{"What is the copay for an emergency room visit?", "The co-payment is $50 for specialist visits.", false},
		// What it is for is a name, a person paying or a period: the
		// other checks' concern.
		{"What is the deductible for Northwind Health Plus?", "The plan's deductible is $2,000 per year.", true},
		{"What is the deductible for individuals?", "The deductible is $1,500 per person.", true},
		// Not a question for a figure.
		{"How does choosing an in-network provider affect the out-of-pocket costs for a policyholder?", "In-network providers cost you less.", true},
	} {
		if got := namesForWhat(c.question, c.units); got != c.want {
			t.Errorf("namesForWhat(%q, %q) = %v, want %v", c.question, c.units, got, c.want)
		}
	}
}
