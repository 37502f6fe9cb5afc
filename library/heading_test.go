package library

import (
	"path/filepath"
	"strings"
	"testing"
)

// "What is the refund policy?" was answered "Refund policy", the
// heading, and nothing else: a heading says every word of the question
// and nothing of the policy. It is followed by its section's first
// sentences now.
func TestHeadingBringsItsSection(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/zentara"), "zentara_robotics_handbook.pdf"))
	ans, _ := asked(t, lib, "What is the refund policy?")
	if ans.Abstained || !strings.Contains(ans.Text, "Hardware purchases may be returned within 30 days of delivery for a full refund") {
		t.Errorf("want the refund policy itself; got:\n%s", ans.Text)
	}
}
