package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "American Express" names AMERICANEXPRESS_2022_10K.pdf as "Netflix"
// names NETFLIX_2017_10K.pdf, and so weighs little in choosing what to
// quote from it: weighed in full, a debt table's row "American Express
// Credit Corporation: Floating Rate Senior Notes" answered the question
// on the effective tax rate.
func TestCompanyNameInWordsIsContext(t *testing.T) {
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "AMERICANEXPRESS_2022_10K.pdf"), filepath.Join(dir, "ULTABEAUTY_2023Q4_EARNINGS.pdf"))
	q := "How much has the effective tax rate of American Express changed between FY2021 and FY2022?"
	if ans, first := asked(t, lib, q); ans.Abstained || !strings.Contains(first, "21.6 percent and 24.6 percent") {
		t.Errorf("%q answered:\n%s\nwant the effective tax rates first", q, ans.Text)
	}
}
