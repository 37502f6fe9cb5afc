package cputime

import "testing"

// Work on this goroutine shows up in the process's CPU time.
func TestProcessCounts(t *testing.T) {
	before := Process()
	x := 0
	for i := range 200_000_000 {
		x ^= i * i
	}
	if Process() <= before {
		t.Errorf("CPU time did not grow over a busy loop (%d)", x)
	}
}
