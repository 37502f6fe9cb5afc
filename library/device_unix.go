//go:build unix

package library

import (
	"os"
	"syscall"
)

// deviceOf is the device a file lives on, so that a folder whose drive
// was unplugged (leaving its mount point) is told from the folder itself.
func deviceOf(info os.FileInfo) (uint64, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Dev), true
}
