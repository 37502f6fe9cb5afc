package library

import (
	"context"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU this process and its finished children have used.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if err := syscall.Getrusage(who, &ru); err != nil {
			t.Fatal(err)
		}
		total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return total
}

// A watched folder of damaged, password and duplicate files, polled as
// the window polls it (every 10 s) for a few minutes
// ($QUIRE_IDLE_MINUTES, default 3), costs under 1 % of a core, starts no
// Sync and makes no record.
func TestReliabilityIdleWatch(t *testing.T) {
	if os.Getenv("QUIRE_RELIABILITY") == "" {
		t.Skip("minutes long: make reliability runs it (QUIRE_RELIABILITY=1)")
	}
	minutes := 3
	if v, err := strconv.Atoi(os.Getenv("QUIRE_IDLE_MINUTES")); err == nil && v > 0 {
		minutes = v
	}
	dir := t.TempDir()
	brokenFolder(t, dir)
	lib, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	lib.Watch(dir)
	if _, err := lib.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ids := docIDs(t, lib)
	start, cpu0 := time.Now(), cpuTime(t)
	syncs := 0
	for time.Since(start) < time.Duration(minutes)*time.Minute {
		time.Sleep(10 * time.Second)
		changed, err := lib.Changed()
		if err != nil {
			t.Fatal(err)
		}
		if changed {
			syncs++
			lib.Sync(context.Background(), nil)
		}
	}
	wall, cpu := time.Since(start), cpuTime(t)-cpu0
	share := float64(cpu) / float64(wall)
	t.Logf("idle %v: CPU %v (%.3f %% of a core), %d syncs", wall.Round(time.Second), cpu, 100*share, syncs)
	if syncs > 0 || share >= 0.01 {
		t.Fatalf("an unchanged watched folder cost %.3f %% of a core and %d syncs", 100*share, syncs)
	}
	if after := docIDs(t, lib); !slices.Equal(ids, after) {
		t.Fatalf("record ids changed while idle: %v → %v", ids, after)
	}
}
