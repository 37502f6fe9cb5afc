package llm

import (
	"slices"
	"testing"
)

func TestAskedNouns(t *testing.T) {
	for q, want := range map[string][]string{
		"What dividends did Pfizer pay in 2021?":                      {"dividends"},
		"What forms or certifications do operators need?":             {"forms", "certifications"},
		"Which languages will the voice interface support?":           {"languages"},
		"What kinds of services does Northwind Standard cover?":       {"services"},
		"Which year has a higher value of net intangible assets?":     nil,
		"What industry does AMCOR primarily operate in?":              nil,
		"What is the deductible for Northwind Standard?":              nil,
		"What was Pfizer's revenue in 2021?":                          nil,
		"What happens if you use out-of-network providers?":           nil,
		"What protection does Contoso offer against balance billing?": {"protection"},
	} {
		if got := askedNouns(q); !slices.Equal(got, want) {
			t.Errorf("askedNouns(%q) = %q, want %q", q, got, want)
		}
	}
}
