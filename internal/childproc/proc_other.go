//go:build !linux

package childproc

import "os/exec"

// SetAttrs does nothing outside Linux.
func SetAttrs(cmd *exec.Cmd) {}

// RSS is not measured outside Linux (0): deadlines still apply, and
// ingest's workers keep their own soft memory limit.
func RSS(pid int) int64 { return 0 }
