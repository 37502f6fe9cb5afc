//go:build !unix

// Package cputime reads the CPU time this process has used, for
// benchmarks on machines shared with other work.
package cputime

import "time"

// Process is 0 here: this OS's CPU time is not read.
func Process() time.Duration { return 0 }
