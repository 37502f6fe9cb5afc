//go:build unix

// Package cputime reads the CPU time this process has used, for
// benchmarks on machines shared with other work: CPU time per unit of
// work hardly moves when other programs take the cores, wall time does.
package cputime

import (
	"syscall"
	"time"
)

// Process is the CPU time this process has used so far, user and
// system, all threads.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
