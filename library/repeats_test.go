package library

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// No fact twice (issue #11). Two chunks of a page overlap, the first
// ending inside a sentence the second holds whole, and the sentence ahead
// of that piece was quoted twice. Lifeway's 10-K prints its intangible
// assets' table on two pages, and the same row was quoted under two
// citations.
func TestAnswerSaysNothingTwice(t *testing.T) {
	lib := ingested(t,
		filepath.Join(shared(t, "evaldata/northwind"), "Northwind_Standard_Benefits_Details.pdf"),
		filepath.Join(shared(t, "evaldata/uda"), "lifeway-foods-inc_2019.pdf"),
	)
	for q, want := range map[string]string{
		"What is the process for submitting claims for services like MRI/CT scans or physical therapy according to the Northwind_Standard_Benefits_Details.pdf?": "There are a few exceptions to the twelve month timely filing limit.",
		"What is the value of brand names as of December 31, 2019?": "Brand names, 2019: 3,700 (2018: 3,700)",
	} {
		ans, _ := asked(t, lib, q)
		if n := strings.Count(ans.Text, want+" ["); n != 1 {
			t.Errorf("%q says %q %d times, want once:\n%s", q, want, n, ans.Text)
		}
		said := map[string]bool{}
		for _, line := range strings.Split(ans.Text, "\n") {
			line = citationMarker.ReplaceAllString(line, "")
			if said[line] && len(strings.Fields(line)) > 4 {
				t.Errorf("%q says %q twice:\n%s", q, line, ans.Text)
			}
			said[line] = true
		}
	}
}

var citationMarker = regexp.MustCompile(` \[\d+\]$`)
