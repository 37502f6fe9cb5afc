package childproc

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// SetAttrs makes the kernel kill cmd's process when the OS thread that
// starts it ends (Pdeathsig), which is when Quire dies unless the Go
// runtime retires that thread: callers hold it with runtime.LockOSThread
// from Start until Wait returns.
func SetAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// RSS returns the resident memory of pid in bytes, or 0.
func RSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	i := bytes.Index(b, []byte("VmRSS:"))
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+6:])
	if len(f) == 0 {
		return 0
	}
	kb, _ := strconv.ParseInt(string(f[0]), 10, 64)
	return kb << 10
}
