package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealComputedAnswer: a yes-or-no question on a measure of a real
// 10-K is answered in the window with the measure worked from its
// balance sheet, the rows it used listed, and the first source the
// balance sheet's page.
func TestRealComputedAnswer(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("DISPLAY unset: run under xvfb-run")
	}
	fb := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "financebench")
	if !inOwnProcess(t, "QUIRE_COMPUTED_WINDOW") {
		return
	}
	shot := screenshotPath(t, "-computed")
	u := realLibraryWindow(t, 1, filepath.Join(fb, "CORNING_2021_10K.pdf"))
	turn := askInWindow(t, u, "Does Corning have positive working capital based on FY2021 data?", 1)
	first, _, _ := strings.Cut(turn.answer.Text, "\n")
	if !strings.HasPrefix(first, "Computed: working capital ") || !strings.Contains(first, " for 2021, ") || !strings.Contains(first, "total current assets − total current liabilities") {
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
