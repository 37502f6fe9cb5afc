package llm

import (
	"strings"
	"testing"
)

// A computation on a row that two documents hold is worked for each,
// naming its document.
func TestComputedForEachDocument(t *testing.T) {
	s := newLibrarySearcher(t, map[string][]string{
		"inpixon_2019.pdf":             {feesTable},
		"viavi-solutions-inc_2019.pdf": {feesPage},
		"other.pdf":                    {otherPage},
	})
	a := ask(t, s, "What is the change in Audit Fees as a percentage between 2018 and 2019?")
	for _, want := range []string{
		"Computed for inpixon 2019: -20.1% from 2018 to 2019 (499,850 to 399,382) [",
		"Computed for viavi solutions inc 2019: -4.04% from 2018 to 2019 (3,784,488 to 3,631,575) [",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("answered:\n%s\nwant %q", a.Text, want)
		}
	}
	if n := strings.Count(a.Text, "Computed"); n != 2 {
		t.Errorf("%d computations, want 2:\n%s", n, a.Text)
	}
}
