package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// "What is Boeing's backlog?" asks for an amount: the backlog table's
// total answers, not a risk factor's "a key component of our commercial
// aircraft backlog".
func TestBacklogIsAnAmount(t *testing.T) {
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "BOEING_2022_10K.pdf"))
	ans, err := lib.Ask(context.Background(), "What is Boeing's backlog?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(ans.Text, "\n"); !strings.HasPrefix(first, "Total Backlog: $404,381 (2022)") {
		t.Errorf("answered:\n%s\nwant the total backlog, $404,381 million, first", ans.Text)
	}
}
