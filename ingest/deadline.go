package ingest

import (
	"sync/atomic"
	"time"
)

// deadline is one file's time limit: a base, plus a share per page once
// the document's length is known, so that a long file is not cut short
// for its length while a small one that hangs still is.
type deadline struct {
	start   time.Time
	base    time.Duration
	perPage time.Duration
	n       atomic.Int64 // the document's pages, once opened
}

func newDeadline(base, perPage time.Duration) *deadline {
	switch {
	case perPage == 0:
		perPage = defaultPerPage
	case perPage < 0:
		perPage = 0
	}
	return &deadline{start: time.Now(), base: base, perPage: perPage}
}

// pages records the document's page count.
func (d *deadline) pages(n int) { d.n.Store(int64(n)) }

// passed reports whether the time is up.
func (d *deadline) passed() bool {
	extra := min(time.Duration(d.n.Load())*d.perPage, maxPerPageTotal)
	return time.Since(d.start) > d.base+extra
}
