package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// IngestRun is one engine's pass over the files.
type IngestRun struct {
	Engine       string  `json:"engine"`
	Files        int     `json:"files"`
	Pages        int     `json:"pages"`
	Seconds      float64 `json:"seconds"`
	PagesPerSec  float64 `json:"pages_per_s"`
	Chunks       int     `json:"chunks,omitempty"`
	ChunksPerSec float64 `json:"chunks_per_s,omitempty"`
	// SearchableSeconds is when the last file was stored, searchable by
	// its words; with an embedder the semantic index follows it, and
	// Seconds is when it caught up.
	SearchableSeconds float64 `json:"searchable_s,omitempty"`
	// PeakRSSMiB is the largest resident set of any process of the run
	// (Quire's main process and its extraction workers; pdftotext's
	// processes), as wait4 reports it for the run's process tree.
	PeakRSSMiB float64 `json:"peak_rss_mib"`
	Workers    int     `json:"workers"`
}

// IngestReport compares Quire's ingest with pdftotext on the same files.
type IngestReport struct {
	Runs []IngestRun `json:"runs"`
	// RatioToPdftotext is Quire's pages/s (first run) over pdftotext's.
	RatioToPdftotext float64 `json:"ratio_to_pdftotext,omitempty"`
}

// Config is one way of running Quire's ingest: extra arguments to
// `quire ingest`, environment variables (NAME=value) added to this
// process's, and the files (nil means all).
type Config struct {
	Name  string
	Args  []string
	Env   []string
	Files []string
}

// Ingest runs `quire ingest` (the executable given) into a fresh library
// once per config, each as a process of its own so that its memory is
// its own, then pdftotext over the same files at the same parallelism,
// as the speed reference.
func Ingest(ctx context.Context, quire string, files []string, configs []Config) (IngestReport, error) {
	var rep IngestReport
	for _, c := range configs {
		fs := files
		if c.Files != nil {
			fs = c.Files
		}
		run, err := ingestQuire(ctx, quire, c, fs)
		if err != nil {
			return rep, err
		}
		rep.Runs = append(rep.Runs, run)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		ref, err := ingestPdftotext(ctx, files)
		if err != nil {
			return rep, err
		}
		rep.Runs = append(rep.Runs, ref)
		if len(rep.Runs) > 1 && ref.PagesPerSec > 0 {
			rep.RatioToPdftotext = rep.Runs[0].PagesPerSec / ref.PagesPerSec
		}
	}
	return rep, nil
}

func ingestQuire(ctx context.Context, quire string, c Config, files []string) (IngestRun, error) {
	dir, err := os.MkdirTemp("", "quire-bench-")
	if err != nil {
		return IngestRun{}, err
	}
	defer os.RemoveAll(dir)
	args := append([]string{"ingest", "--db", dir, "--json"}, c.Args...)
	cmd := exec.CommandContext(ctx, quire, append(args, files...)...)
	cmd.Env = append(os.Environ(), c.Env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return IngestRun{}, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return IngestRun{}, fmt.Errorf("bench ingest %s: %w", c.Name, err)
	}
	// One line per file as it is stored, then the summary.
	var last string
	var searchable, at time.Duration // the line before the last's arrival, the last's
	lines := bufio.NewScanner(stdout)
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		searchable, at = at, time.Since(start)
		last = lines.Text()
	}
	if err := cmd.Wait(); err != nil {
		return IngestRun{}, fmt.Errorf("bench ingest %s: %w", c.Name, err)
	}
	secs := time.Since(start).Seconds()
	var sum struct {
		Summary struct {
			Files, Pages, Chunks int
		}
	}
	if err := json.Unmarshal([]byte(last), &sum); err != nil {
		return IngestRun{}, fmt.Errorf("bench ingest %s: summary: %w", c.Name, err)
	}
	return IngestRun{Engine: "quire " + c.Name, Files: sum.Summary.Files, Pages: sum.Summary.Pages, Seconds: secs,
		PagesPerSec: float64(sum.Summary.Pages) / secs, Chunks: sum.Summary.Chunks, ChunksPerSec: float64(sum.Summary.Chunks) / secs,
		SearchableSeconds: searchable.Seconds(), PeakRSSMiB: maxRSS(cmd.ProcessState), Workers: runtime.NumCPU()}, nil
}

// ingestPdftotext runs pdftotext over the files, NumCPU at a time under
// xargs, and counts pages with pdfinfo.
func ingestPdftotext(ctx context.Context, files []string) (IngestRun, error) {
	workers := runtime.NumCPU()
	run := IngestRun{Engine: "pdftotext", Files: len(files), Workers: workers}
	for _, f := range files {
		run.Pages += PDFPages(ctx, f)
	}
	cmd := exec.CommandContext(ctx, "xargs", "-0", "-P", fmt.Sprint(workers), "-I{}", "pdftotext", "-q", "-enc", "UTF-8", "{}", os.DevNull)
	cmd.Stdin = strings.NewReader(strings.Join(files, "\x00"))
	start := time.Now()
	if err := cmd.Run(); err != nil {
		// xargs exits 123 when some pdftotext failed; the rest counts.
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 123 {
			return run, fmt.Errorf("bench pdftotext: %w", err)
		}
	}
	run.Seconds = time.Since(start).Seconds()
	run.PagesPerSec = float64(run.Pages) / run.Seconds
	run.PeakRSSMiB = maxRSS(cmd.ProcessState)
	return run, nil
}

// maxRSS is the largest resident set in a finished process tree: wait4
// reports the maximum over the process and its reaped descendants. (A
// child starts from its parent's size, so the bench runs these first,
// while it is still small.)
func maxRSS(ps *os.ProcessState) float64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024
	}
	return 0
}

// PDFPages is the page count pdfinfo reports, 0 if it cannot tell.
func PDFPages(ctx context.Context, file string) int {
	out, err := exec.CommandContext(ctx, "pdfinfo", file).Output()
	if err != nil {
		return 0
	}
	var n int
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "Pages: %d", &n); err == nil {
			return n
		}
	}
	return 0
}
