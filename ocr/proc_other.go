//go:build !linux

package ocr

import "os/exec"

func setChildAttrs(cmd *exec.Cmd) {}

// processRSS is not measured outside Linux: the deadline still applies.
func processRSS(pid int) int64 { return 0 }
