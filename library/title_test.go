package library

import (
	"path/filepath"
	"slices"
	"testing"
)

// An answer from PepsiCo's 2022 10-K says it comes from that 10-K, not
// from the pension plan an exhibit of it runs as its head over 187 of
// its 503 pages.
func TestAnswerIsFromTheFilingNotItsExhibit(t *testing.T) {
	fb := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(fb, "PEPSICO_2022_10K.pdf"), filepath.Join(fb, "NIKE_2021_10K.pdf"))
	ans, _ := asked(t, lib, "What was PepsiCo's net revenue in 2022?")
	if ans.Abstained || !slices.Equal(ans.From, []string{"PEPSICO 2022 10K"}) {
		t.Errorf("answered from %q:\n%s\nwant PEPSICO 2022 10K", ans.From, ans.Text)
	}
}
