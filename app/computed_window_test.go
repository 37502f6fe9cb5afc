package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealComputedAnswer: a yes-or-no question on a measure of a real
// 10-K is answered in the window with yes and the measure worked from
// its balance sheet, the rows it used listed, and the first source the
// balance sheet's page.
func TestRealComputedAnswer(t *testing.T) {
	fb := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "financebench")
	shot, ok := windowTest(t, "QUIRE_COMPUTED_WINDOW", "-computed")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 1, filepath.Join(fb, "CORNING_2021_10K.pdf"))
	turn := askInWindow(t, u, "Does Corning have positive working capital based on FY2021 data?", 1)
	first, _, _ := strings.Cut(turn.answer.Text, "\n")
	if !strings.HasPrefix(first, "Yes. Computed: working capital ") || !strings.Contains(first, " for 2021, ") || !strings.Contains(first, "total current assets − total current liabilities") {
		t.Fatalf("answer:\n%s", turn.answer.Text)
	}
	if len(turn.cited) == 0 || turn.cited[0].Page != 67 {
		t.Errorf("first source %+v, want the balance sheet's page 67", turn.cited)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
	narrowShot(t, u, strings.TrimSuffix(shot, ".png")+"-430.png")
	checkWholeWords(t, turn)
}

// TestRealComputedForEachDocument: asked of a library of two companies'
// filings that both hold an "Audit Fees" row, a question that names
// neither is worked for each, each computation naming its document, in
// the window.
func TestRealComputedForEachDocument(t *testing.T) {
	uda := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "uda")
	shot, ok := windowTest(t, "QUIRE_COMPUTED_EACH_WINDOW", "-computed-each")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 2, filepath.Join(uda, "inpixon_2019.pdf"), filepath.Join(uda, "viavi-solutions-inc_2019.pdf"))
	turn := askInWindow(t, u, "What is the change in Audit Fees as a percentage between 2018 and 2019?", 1)
	for _, want := range []string{
		"Computed for inpixon 2019: -20.1% from 2018 to 2019 (499,850 to 399,382)",
		"Computed for viavi solutions inc 2019: -4.04% from 2018 to 2019 (3,784,488 to 3,631,575)",
	} {
		if !strings.Contains(turn.answer.Text, want) {
			t.Errorf("answer:\n%s\nwant %q", turn.answer.Text, want)
		}
	}
	if len(turn.cited) < 2 || turn.cited[0].File == turn.cited[1].File {
		t.Errorf("sources %+v, want one of each filing first", turn.cited)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}

// TestRealStatementLineAnswer: a named company's net income asked for a
// year is answered in the window from the income statement's row of that
// year, not from the statement of equity's rows of earlier years, and
// its first source is the income statement's page.
func TestRealStatementLineAnswer(t *testing.T) {
	fb := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "financebench")
	shot, ok := windowTest(t, "QUIRE_STATEMENT_LINE_WINDOW", "-statement-line")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 1, filepath.Join(fb, "PFIZER_2021_10K.pdf"))
	turn := askInWindow(t, u, "What was Pfizer's net income in 2021?", 1)
	first, _, _ := strings.Cut(turn.answer.Text, "\n")
	if !strings.Contains(first, "2021: $21,979") || strings.Contains(turn.answer.Text, "16,026 16,026") {
		t.Fatalf("answer:\n%s", turn.answer.Text)
	}
	if len(turn.cited) == 0 || turn.cited[0].Page != 57 {
		t.Errorf("first source %+v, want the income statement's page 57", turn.cited)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}
