// Package bench measures Quire's speed and memory on this machine and
// writes the figures as JSON: ingest pages/s against pdftotext, search
// latency by mode and library size, and the neural models' throughput
// against the machine's own MatMul limit. Figures live here, not in timed
// tests, which are flaky on shared machines.
package bench

import (
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Machine describes where the figures were taken.
type Machine struct {
	CPUs      int    `json:"cpus"`
	GOOS      string `json:"goos"`
	GOARCH    string `json:"goarch"`
	GoVersion string `json:"go"`
	Time      string `json:"time"`
}

// ThisMachine describes the running machine.
func ThisMachine() Machine {
	return Machine{CPUs: runtime.NumCPU(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH,
		GoVersion: runtime.Version(), Time: time.Now().UTC().Format(time.RFC3339)}
}

// Latency summarises repeated timings in milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	Max float64 `json:"max_ms"`
}

// Summarise computes the nearest-rank percentiles of ds.
func Summarise(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	ms := make([]float64, len(ds))
	for i, d := range ds {
		ms[i] = float64(d.Nanoseconds()) / 1e6
	}
	sort.Float64s(ms)
	at := func(p float64) float64 {
		i := int(p*float64(len(ms))+0.999999) - 1
		return ms[max(min(i, len(ms)-1), 0)]
	}
	return Latency{N: len(ms), P50: at(0.50), P95: at(0.95), Max: ms[len(ms)-1]}
}

// resetPeakRSS restarts the kernel's high-water mark of this process's
// resident memory (Linux; elsewhere a no-op), so a section's peak is its own.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSMiB is the high-water mark of this process's resident memory
// since the last reset, from /proc/self/status (Linux), else getrusage.
func peakRSSMiB() float64 {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "VmHWM:") {
				f := strings.Fields(line)
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil && len(f) >= 2 {
					return kb / 1024
				}
			}
		}
	}
	return rusageMaxRSS(syscall.RUSAGE_SELF)
}

// currentRSSMiB is this process's resident memory now (Linux), else 0.
func currentRSSMiB() float64 { return statusMiB("VmRSS") }

// statusMiB is a field of /proc/self/status in MiB (Linux; else 0):
// VmRSS, or its parts RssAnon (the heap and the models' weights) and
// RssFile (mapped library files, which the kernel may drop).
func statusMiB(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, field+":") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

// rusageMaxRSS is ru_maxrss in MiB (Linux reports KiB).
func rusageMaxRSS(who int) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}

// processCPU is the CPU time this process has used, every thread's,
// user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAvg is the machine's load average (Linux), to read timings by.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
