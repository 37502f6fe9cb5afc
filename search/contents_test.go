package search

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pageRef reads by hand what this expression matched; it reads the same
// lines the same way: every line of the corpus's reference text, and the
// edge cases.
var pageRefRE = regexp.MustCompile(`^\D*\pL\D*?\s(\d{1,3})$`)

func TestPageRefIsTheExpression(t *testing.T) {
	lines := []string{"Employees 6", "Competition 55", "Item 1A. Risk Factors 12", "Item 2019", "Total 1234",
		"6", " 6", "a 6", "a\t16", "é 123", "Notes to the statements\u00a012", "Year 2 5", "Ünternehmen — 9",
		"", "   ", "x  7", "x 07", "x 0", "%% 7", "(a) 7", "page 7 ", "Contents"}
	files, _ := filepath.Glob("../../shared/pdfcorpus/reference-text/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for l := range strings.Lines(string(b)) {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	matched := 0
	for _, l := range lines {
		n, ok := pageRef(l)
		m := pageRefRE.FindStringSubmatch(l)
		want := -1
		if m != nil {
			want, _ = strconv.Atoi(m[1])
			matched++
		}
		if got := map[bool]int{true: n, false: -1}[ok]; got != want {
			t.Errorf("pageRef(%q) = %d, %v; the expression reads %d", l, n, ok, want)
		}
	}
	t.Logf("%d lines, %d contents lines", len(lines), matched)
	if len(files) > 0 && matched < 100 {
		t.Errorf("only %d of %d lines are contents lines: the reference text was not read", matched, len(lines))
	}
}
