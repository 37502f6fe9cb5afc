package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"quire/library"
)

// IngestRun is one engine's pass over the files.
type IngestRun struct {
	Engine      string  `json:"engine"`
	Files       int     `json:"files"`
	Pages       int     `json:"pages"`
	Seconds     float64 `json:"seconds"`
	PagesPerSec float64 `json:"pages_per_s"`
	// PeakRSSMiB is the largest resident set of the process doing the
	// work; WorkerPeakRSSMiB that of the largest extraction child.
	PeakRSSMiB       float64 `json:"peak_rss_mib"`
	WorkerPeakRSSMiB float64 `json:"worker_peak_rss_mib,omitempty"`
	Workers          int     `json:"workers"`
}

// IngestReport compares Quire's ingest with pdftotext on the same files.
type IngestReport struct {
	Runs []IngestRun `json:"runs"`
	// RatioToPdftotext is Quire's pages/s (first run) over pdftotext's.
	RatioToPdftotext float64 `json:"ratio_to_pdftotext,omitempty"`
}

// Config is one way of running Quire's ingest.
type Config struct {
	Name  string
	Opts  library.Options
	Files []string // the files for this config; nil means all
}

// Ingest ingests files into a fresh library in a temporary folder once per
// config, then extracts the same files with pdftotext (when installed) at
// the same parallelism, as the speed reference.
func Ingest(ctx context.Context, files []string, configs []Config) (IngestReport, error) {
	var rep IngestReport
	for _, c := range configs {
		fs := files
		if c.Files != nil {
			fs = c.Files
		}
		run, err := ingestQuire(ctx, c.Name, fs, c.Opts)
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

func ingestQuire(ctx context.Context, name string, files []string, opts library.Options) (IngestRun, error) {
	dir, err := os.MkdirTemp("", "quire-bench-")
	if err != nil {
		return IngestRun{}, err
	}
	defer os.RemoveAll(dir)
	lib, err := library.Open(dir, opts)
	if err != nil {
		return IngestRun{}, err
	}
	defer lib.Close()
	runtime.GC()
	resetPeakRSS()
	start := time.Now()
	sum, err := lib.Ingest(ctx, files, nil)
	if err != nil {
		return IngestRun{}, fmt.Errorf("bench ingest %s: %w", name, err)
	}
	secs := time.Since(start).Seconds()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	return IngestRun{Engine: "quire " + name, Files: sum.Files, Pages: sum.Pages, Seconds: secs,
		PagesPerSec: float64(sum.Pages) / secs, PeakRSSMiB: peakRSSMiB(),
		WorkerPeakRSSMiB: rusageMaxRSS(syscall.RUSAGE_CHILDREN), Workers: workers}, nil
}

// ingestPdftotext runs pdftotext over the files, NumCPU at a time, and
// counts pages with pdfinfo's figure where it can open the file.
func ingestPdftotext(ctx context.Context, files []string) (IngestRun, error) {
	workers := runtime.NumCPU()
	run := IngestRun{Engine: "pdftotext", Files: len(files), Workers: workers}
	pages := make([]int, len(files))
	for i, f := range files {
		pages[i] = PDFPages(ctx, f)
	}
	jobs := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				cmd := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", files[i], os.DevNull)
				err := cmd.Run()
				var ee *exec.ExitError
				if err != nil && !errors.As(err, &ee) {
					continue
				}
				mu.Lock()
				run.Pages += pages[i]
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					run.PeakRSSMiB = max(run.PeakRSSMiB, float64(ru.Maxrss)/1024)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	run.Seconds = time.Since(start).Seconds()
	run.PagesPerSec = float64(run.Pages) / run.Seconds
	return run, ctx.Err()
}

// PDFPages is the page count pdfinfo reports, 0 if it cannot tell.
func PDFPages(ctx context.Context, file string) int {
	out, err := exec.CommandContext(ctx, "pdfinfo", file).Output()
	if err != nil {
		return 0
	}
	var n int
	for _, line := range splitLines(string(out)) {
		if _, err := fmt.Sscanf(line, "Pages: %d", &n); err == nil {
			return n
		}
	}
	return 0
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
