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

func TestAskedSubject(t *testing.T) {
	for q, want := range map[string][]string{
		"What forms or certifications do operators need?":                              {"operators"},
		"What accuracy does the proposed system achieve?":                              {"proposed", "system"},
		"What ratings can an employee receive in a Contoso performance review?":        {"employee", "receive"},
		"Which languages will the voice interface support after the June 2026 update?": {"voice", "interface"},
		"What dividends did Pfizer pay in 2021?":                                       nil,
		"What baselines did they consider?":                                            nil,
		"What steps can be taken to ensure quick processing?":                          nil,
		"Which year has a higher value?":                                               nil,
	} {
		if got := askedSubject(q); !slices.Equal(got, want) {
			t.Errorf("askedSubject(%q) = %q, want %q", q, got, want)
		}
	}
}
