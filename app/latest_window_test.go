package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealLatestFilingNote: a question that names Netflix and no year is
// answered from its latest 10-K in the library, and the scope note under
// the answer names the earlier one it left out and how to search it.
func TestRealLatestFilingNote(t *testing.T) {
	fb := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "financebench")
	shot, ok := windowTest(t, "QUIRE_LATEST_FILING_WINDOW", "-scope-latest")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 2, filepath.Join(fb, "NETFLIX_2017_10K.pdf"), filepath.Join(fb, "NETFLIX_2015_10K.pdf"))
	turn := askInWindow(t, u, "What is Netflix's revenue?", 1)
	if turn.answer.Abstained || !strings.Contains(turn.answer.Text, "11,692,713") {
		t.Errorf("answer %q (abstained %t), want the 2017 revenue", turn.answer.Text, turn.answer.Abstained)
	}
	const want = "Searched only NETFLIX_2017_10K.pdf, named in the question, not the earlier NETFLIX_2015_10K.pdf: a year in the question searches that year's"
	if line, widen := scopeRow(t, turn); line != want || widen == nil {
		t.Errorf("the scope note reads %q (widen button %t), want %q", line, widen != nil, want)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}
