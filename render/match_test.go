package render

import (
	"testing"
)

// located returns the parts of page that locate highlights for passage.
func located(page, passage string) ([]string, bool) {
	pr := []rune(page)
	pf := fold(pr, nil)
	spans, found := locate(pf.r, fold([]rune(passage), nil).r)
	var out []string
	for _, s := range spans {
		out = append(out, string(pr[pf.at[s.start]:pf.at[s.end-1]+1]))
	}
	return out, found
}

func TestLocate(t *testing.T) {
	tests := []struct {
		name, page, passage string
		want                []string
		found               bool
	}{
		{"exact", "Founded 2017\r\nCEO Iris Kallas\r\nCTO Bogdan", "CEO Iris Kallas",
			[]string{"CEO Iris Kallas"}, true},
		{"spacing and line breaks", "The  Magpie-7 is\r\nZentara's seventh-generation picker.", "the Magpie-7 is Zentara’s seventh-generation picker",
			[]string{"The  Magpie-7 is\r\nZentara's seventh-generation picker"}, true},
		{"hyphen at a line end", "warehouses with shelf heights up to 3.2 metres and aisles as nar\x02\r\nrow as 1.1 metres", "aisles as narrow as 1.1 metres",
			[]string{"aisles as nar\x02\r\nrow as 1.1 metres"}, true},
		{"ligatures", "the ﬁnal ﬂoor plan was ﬁxed", "the final floor plan was fixed",
			[]string{"the ﬁnal ﬂoor plan was ﬁxed"}, true},
		{"table cells in another order", "Tier Monthly fee Starter €1,200 Standard €2,150",
			"Standard €2,150 Tier Monthly fee Starter €1,200",
			[]string{"Tier Monthly fee Starter €1,200", "Standard €2,150"}, true},
		{"only part on the page: the longest run", "Runtime per charge is 9.5 hours at the rated load.\r\nPage 2",
			"Runtime per charge is 9.5 hours at the rated load. Charging takes 70 minutes on the dock.",
			[]string{"Runtime per charge is 9.5 hours at the rated load"}, false},
		{"not on the page", "Zentara offers three commercial tiers.", "The battery is lithium iron phosphate",
			nil, false},
		{"common words are not highlighted", "of the company and of the team", "the policy of the company was made up",
			nil, false},
		{"empty passage", "text", "…", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found := located(tc.page, tc.passage)
			if found != tc.found {
				t.Errorf("found = %v, want %v", found, tc.found)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("highlighted %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("run %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
