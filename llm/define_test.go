package llm

import "testing"

func TestAskedMeaning(t *testing.T) {
	for q, want := range map[string]string{
		"What does in-network mean?":                      "in-network",
		"what is in-network mean for Northwind Health?":   "in-network",
		"What is coinsurance?":                            "coinsurance",
		"What is a deductible?":                           "deductible",
		"What is the deductible for Northwind Standard?":  "",
		"What is the out-of-pocket maximum for a family?": "",
	} {
		if got := askedMeaning(q); got != want {
			t.Errorf("askedMeaning(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestDefinesRE(t *testing.T) {
	for _, c := range []struct {
		term, line string
		want       bool
	}{
		{"in-network", "In-network providers are healthcare providers, such as doctors, hospitals, and labs, that have agreed to accept the plan's payment terms.", true},
		{"coinsurance", "Coinsurance: Coinsurance is the percentage of the cost of a covered service that an employee must pay.", true},
		{"in-network", "In-network hospital services are covered at 100%, meaning you won't be responsible for any additional costs.", false},
		{"coinsurance", "Under Northwind Standard, coinsurance is set at 20% for in-network services.", false},
		{"perksplus", "PerksPlus is not only designed to support employees' physical health.", false},
		{"perksplus", "Introducing PerksPlus - the ultimate benefits program designed to support the health and wellness of employees.", true},
		{"perksplus", "With PerksPlus, employees have the opportunity to expense up to $1000.", false},
		{"in-network", "In-network - 20% coinsurance after deductible", false},
	} {
		if got := definesRE(c.term).MatchString(c.line); got != c.want {
			t.Errorf("definesRE(%q) on %q = %v, want %v", c.term, c.line, got, c.want)
		}
	}
}
