package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealShortFormAnswer: asked in the window who the CEO of Netflix is,
// of a library where 3M's 10-K defines "Chief Executive Officer (CEO)"
// and Netflix's never writes "CEO", the answer names the holder from the
// signature block, and its first source is that page.
func TestRealShortFormAnswer(t *testing.T) {
	fb := filepath.Join(filepath.Dir(filepath.Dir(evalPDF(t))), "financebench")
	shot, ok := windowTest(t, "QUIRE_SHORT_FORM_WINDOW", "-short-form")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 2, filepath.Join(fb, "NETFLIX_2017_10K.pdf"), filepath.Join(fb, "3M_2022_10K.pdf"))
	turn := askInWindow(t, u, "Who is the CEO of Netflix?", 1)
	first, _, _ := strings.Cut(turn.answer.Text, "\n")
	if !strings.HasPrefix(first, "Reed Hastings, Chief Executive Officer") {
		t.Fatalf("answer:\n%s", turn.answer.Text)
	}
	if len(turn.cited) == 0 || turn.cited[0].File != "NETFLIX_2017_10K.pdf" || turn.cited[0].Page != 73 {
		t.Errorf("first source %+v, want NETFLIX_2017_10K.pdf's page 73", turn.cited)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}

// TestRealPriceAnswer: "How much does the Magpie-7 cost?" is answered in
// the window with the handbook's list price, under the line that says
// it was searched as a question of its price.
func TestRealPriceAnswer(t *testing.T) {
	handbook := evalPDF(t)
	shot, ok := windowTest(t, "QUIRE_PRICE_WINDOW", "-price")
	if !ok {
		return
	}
	u := realLibraryWindow(t, 1, handbook)
	turn := askInWindow(t, u, "How much does the Magpie-7 cost?", 1)
	first, _, _ := strings.Cut(turn.answer.Text, "\n")
	if !strings.Contains(first, "€68,400") || turn.answer.Corrected != "What is the price of the Magpie-7?" {
		t.Fatalf("answer (searched as %q):\n%s", turn.answer.Corrected, turn.answer.Text)
	}
	time.Sleep(300 * time.Millisecond)
	screenshot(t, u, shot)
}
