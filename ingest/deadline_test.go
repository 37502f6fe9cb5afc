package ingest

import (
	"context"
	"testing"
	"time"
)

// A file that runs out of time keeps the pages it had read and names
// where it stopped; a longer document gets more time.
func TestDeadlineKeepsPagesRead(t *testing.T) {
	path := corpusFile(t, "pypdf-pdflatex-4-pages.pdf")
	// Page 1 comes at once, pages 2–4 take 2 s each: 4 s is not enough.
	res, err := Extract(context.Background(), path, Options{Timeout: 4, TimeoutPerPage: -1, slowPage: 2 * time.Second})
	if err != nil {
		t.Fatalf("out of time after some pages: %v; want the pages read kept", err)
	}
	if len(res.Pages) == 0 || res.UnreadFrom < 2 || res.UnreadFrom > 4 || res.Pages[len(res.Pages)-1].Number >= res.UnreadFrom {
		t.Fatalf("%d pages kept, unread from p. %d", len(res.Pages), res.UnreadFrom)
	}
	t.Logf("4 s for 6 s of work: %d pages kept, unread from p. %d", len(res.Pages), res.UnreadFrom)

	// 4 s, plus 2 s for each of the 4 pages: enough for 6 s of work.
	res, err = Extract(context.Background(), path, Options{Timeout: 4, TimeoutPerPage: 2 * time.Second, slowPage: 2 * time.Second})
	if err != nil || res.UnreadFrom != 0 || len(res.Pages) != 4 {
		t.Fatalf("with time per page: %v, unread from %d, %d pages", err, res.UnreadFrom, len(res.Pages))
	}
}
