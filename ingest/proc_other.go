//go:build !linux

package ingest

import "os/exec"

func setChildAttrs(cmd *exec.Cmd) {}

// processRSS is not measured outside Linux; the worker's own soft memory
// limit (debug.SetMemoryLimit) still applies.
func processRSS(pid int) int64 { return 0 }
