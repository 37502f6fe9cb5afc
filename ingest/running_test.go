package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// A real 10-K: its running head names the company.
func TestRunningOnAReport(t *testing.T) {
	p := filepath.Join("..", "..", "shared", "evaldata", "financebench", "ADOBE_2015_10K.pdf")
	res, err := Extract(t.Context(), p, Options{})
	if err != nil {
		t.Skipf("evaldata not found: %v", err)
	}
	lines, heading := Running(res.Pages)
	if !strings.Contains(heading, "ADOBE SYSTEMS INCORPORATED") {
		t.Errorf("heading %q, running lines %q", heading, lines)
	}
	for _, l := range lines {
		if len(l) > 160 {
			t.Errorf("a body paragraph taken for a running line: %q", l)
		}
	}
}
