package library

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A question that names a company and no year is answered from its
// latest filing, and says which earlier ones it left out (issue #11):
// "What is Nike's revenue?" quoted the 2018 10-K beside the 2021 one. A
// year asked searches that year's filing.
func TestNoYearAskedIsAnsweredFromTheLatestFiling(t *testing.T) {
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "NIKE_2018_10K.pdf"), filepath.Join(dir, "NIKE_2021_10K.pdf"))
	ans, _ := asked(t, lib, "What is Nike's revenue?")
	if ans.Abstained || !strings.Contains(ans.Text, "$44,538") || !slices.Equal(ans.Searched, []string{"NIKE_2021_10K.pdf"}) || !slices.Equal(ans.Earlier, []string{"NIKE_2018_10K.pdf"}) {
		t.Errorf("answered from %q (earlier %q):\n%s\nwant the 2021 revenue, $44,538, the 2018 filing left out", ans.Searched, ans.Earlier, ans.Text)
	}
	ans, _ = asked(t, lib, "What was Nike's revenue in 2018?")
	if ans.Abstained || !strings.Contains(ans.Text, "$36,397") || !slices.Equal(ans.Searched, []string{"NIKE_2018_10K.pdf"}) || len(ans.Earlier) > 0 {
		t.Errorf("2018 asked, answered from %q (earlier %q):\n%s\nwant the 2018 revenue, $36,397", ans.Searched, ans.Earlier, ans.Text)
	}
}
