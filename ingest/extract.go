package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"quire/internal/childproc"
	"quire/wasmpdfium"
)

// maxRestarts is how often a worker that died on one page is restarted
// after that page.
const maxRestarts = 3

// Extract reads the PDF at path in an isolated worker process.
// A file that cannot be read returns an error wrapping one of the sentinel
// errors above; Reason turns it into words for the user.
//
// The worker is killed when the deadline (opts.Timeout) passes, when ctx is
// cancelled, or when its resident memory exceeds opts.MaxMemory. If it dies
// while reading a page, the page is recorded in Result.FailedPages and a
// new worker resumes after it. Extract never leaves a child process behind.
func Extract(ctx context.Context, path string, opts Options) (*Result, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = defaultMaxBytes
	}
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = defaultMaxMemory
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, ErrCancelled)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory: %w", path, ErrNotPDF)
	}
	if st.Size() == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
	}
	if st.Size() > opts.MaxBytes {
		return nil, fmt.Errorf("%s: %d bytes: %w", path, st.Size(), ErrTooLarge)
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("ingest: cannot start worker: %w", err)
	}
	clk := newDeadline(time.Duration(opts.Timeout)*time.Second, opts.TimeoutPerPage)

	res := &Result{}
	from := 1
	repairOnly := false
	mode := opts.mode
	pdfiumFirst := false
	for attempt := 0; ; attempt++ {
		run, err := runChild(ctx, clk, exe, opts.OnPage, workerConfig{
			Path: path, PathBytes: pathBytes(path), Password: opts.Password, From: from, MaxMemory: opts.MaxMemory,
			RepairOnly: repairOnly, Mode: mode, PdfiumFirst: pdfiumFirst,
			CacheDir: pdfiumCacheDir, Trace: opts.trace, CrashPage: opts.crashPage, CrashPdfiumPage: opts.crashPdfiumPage,
			SlowPageMs:   opts.slowPage.Milliseconds(),
			PdfiumPageMs: min(defaultPdfiumPageBudget.Milliseconds(), opts.Timeout*1000/4),
		})
		if run.opened {
			res.NumPages = run.numPages
			res.Repaired = res.Repaired || run.repaired
		}
		res.merge(run)
		if errors.Is(err, ErrTimeout) && res.NumPages > 0 && len(res.Pages) > 0 {
			// Out of time: keep what was read, name where it stopped.
			res.UnreadFrom = max(run.current, from)
			if run.current == 0 && len(run.pages) > 0 {
				res.UnreadFrom = run.pages[len(run.pages)-1].Number + 1
			}
			res.finish()
			return res, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if run.done {
			res.finish()
			return res, nil
		}
		// The worker died. If it died opening the file, try once more
		// without the pdf package's cross-reference parser, then with
		// PDFium alone; if it died on a page, read that page with PDFium
		// alone, and if that dies too, skip the page and go on.
		if attempt >= 2*maxRestarts {
			return nil, fmt.Errorf("%s: %w", path, run.deathError())
		}
		if !run.opened {
			switch {
			case mode != modePdfium && !repairOnly:
				repairOnly = true
				continue
			case mode == modeCombined:
				mode = modePdfium
				continue
			}
			return nil, fmt.Errorf("%s: %w", path, run.deathError())
		}
		if run.current == 0 {
			return nil, fmt.Errorf("%s: %w", path, run.deathError())
		}
		if run.pdfiumOpened {
			mode = modePdfium
		}
		pdfiumAlone := mode == modePdfium || (pdfiumFirst && run.current == from)
		switch {
		case mode == modeCombined && run.currentEngine == Engine:
			// The first engine died: read the page with PDFium alone.
			from, pdfiumFirst = run.current, true
			continue
		case mode == modeCombined && !pdfiumAlone:
			// PDFium died giving a second opinion: the first engine's
			// reading of the page stands, and PDFium is not asked again.
			from, pdfiumFirst, mode = run.current, false, modePrimary
			continue
		case mode == modeCombined:
			// PDFium died reading alone a page the first engine died on.
			mode = modePrimary
		}
		res.FailedPages = append(res.FailedPages, run.current)
		from, pdfiumFirst = run.current+1, false
		if from > run.numPages {
			res.finish()
			return res, nil
		}
	}
}

// pathBytes carries a path that JSON would mangle (not valid UTF-8).
func pathBytes(path string) []byte {
	if utf8.ValidString(path) {
		return nil
	}
	return []byte(path)
}

// pdfiumCacheDir is where workers keep PDFium's compiled code.
var pdfiumCacheDir = wasmpdfium.CacheDir()

// merge adds what one worker reported.
func (r *Result) merge(run *childRun) {
	r.Pages = append(r.Pages, run.pages...)
	r.FailedPages = append(r.FailedPages, run.failed...)
	r.NeedsOCR = append(r.NeedsOCR, run.needsOCR...)
	if r.EnginePages == nil {
		r.EnginePages = map[string]int{}
	}
	for e, n := range run.enginePages {
		r.EnginePages[e] += n
	}
	r.trace = append(r.trace, run.trace...)
	r.pdfiumStarts = append(r.pdfiumStarts, run.pdfiumStarts...)
}

// finish names the engines that read the pages.
func (r *Result) finish() {
	var names []string
	for _, e := range []string{Engine, EnginePdfium} {
		if r.EnginePages[e] > 0 {
			names = append(names, e)
		}
	}
	if len(names) == 0 {
		names = []string{Engine}
	}
	r.Engine = strings.Join(names, ",")
	sort.Ints(r.FailedPages)
	r.FailedPages = slices.Compact(r.FailedPages)
}

// childRun is what one worker process reported.
type childRun struct {
	opened        bool
	repaired      bool
	numPages      int
	pages         []Page
	failed        []int
	needsOCR      []int
	enginePages   map[string]int
	trace         []pageTrace
	pdfiumStarts  []time.Duration
	pdfiumOpened  bool   // PDFium opened the file and reads all its pages
	current       int    // page begun but not finished
	currentEngine string // engine reading it
	done          bool
	stderr        string
	exitErr       error
}

// deathError classifies a worker that exited without finishing.
func (c *childRun) deathError() error {
	msg := strings.TrimSpace(c.stderr)
	if i := strings.LastIndex(msg, "fatal error:"); i >= 0 {
		msg = msg[i:]
	}
	if len(msg) > 300 {
		msg = msg[:300]
	}
	if msg == "" && c.exitErr != nil {
		msg = c.exitErr.Error()
	}
	switch {
	case strings.Contains(msg, "stack overflow"), strings.Contains(msg, "out of memory"):
		return fmt.Errorf("worker died: %s: %w", msg, ErrTooLarge)
	}
	return fmt.Errorf("worker died: %s: %w", msg, ErrDamaged)
}

// runChild runs one worker process to its end. err is set for outcomes
// that end the extraction: a reported error, the deadline, cancellation or
// the memory ceiling. A worker that dies by itself returns err == nil and
// done == false.
func runChild(ctx context.Context, clk *deadline, exe string, onPage func(page, pages int), cfg workerConfig) (*childRun, error) {
	run := &childRun{enginePages: map[string]int{}}
	// Pdeathsig is tied to the thread that starts the child: keep it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	childproc.SetAttrs(cmd)
	cfgJSON, _ := json.Marshal(cfg)
	cmd.Stdin = strings.NewReader(string(cfgJSON) + "\n")
	stderr := &childproc.Tail{Max: 8 << 10}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return run, fmt.Errorf("ingest: worker: %v: %w", err, ErrDamaged)
	}
	if err := cmd.Start(); err != nil {
		return run, fmt.Errorf("ingest: start worker: %v: %w", err, ErrDamaged)
	}

	// The watchdog kills the child on deadline, cancellation or memory.
	dog := childproc.Watch(ctx, cmd.Process, 100*time.Millisecond, func(rss int64) error {
		if clk.passed() {
			return ErrTimeout
		}
		if rss > cfg.MaxMemory {
			return fmt.Errorf("worker used %d MiB: %w", rss>>20, ErrTooLarge)
		}
		return nil
	})

	var reported error
	br := bufio.NewReaderSize(stdout, 64<<10)
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			var m workerMsg
			if json.Unmarshal(line, &m) == nil {
				switch m.T {
				case "open":
					run.opened, run.numPages, run.repaired = true, m.N, m.Rep
					clk.pages(m.N)
					run.pdfiumOpened = m.E == EnginePdfium
				case "begin":
					run.current, run.currentEngine = m.P, m.E
					if m.E == "" {
						run.currentEngine = Engine
					}
				case "page":
					run.current = 0
					if m.Bad {
						run.failed = append(run.failed, m.P)
					}
					text := strings.TrimSpace(m.S) != ""
					if text {
						run.pages = append(run.pages, Page{Number: m.P, Text: m.S})
					}
					if m.OCR {
						run.needsOCR = append(run.needsOCR, m.P)
					}
					e := m.E
					if e == "" {
						e = Engine
					}
					run.enginePages[e]++
					if onPage != nil {
						onPage(m.P, run.numPages)
					}
					if m.Tr != nil {
						run.trace = append(run.trace, *m.Tr)
					}
				case "pdfium":
					run.pdfiumStarts = append(run.pdfiumStarts, time.Duration(m.Ms*float64(time.Millisecond)))
				case "err":
					reported = fmt.Errorf("%s: %w", m.Msg, kindErr(m.Kind))
				case "done":
					run.done = true
				}
			}
		}
		if err != nil {
			if err != io.EOF {
				cmd.Process.Kill()
			}
			break
		}
	}
	run.exitErr = cmd.Wait()
	killed := dog.Stop()
	run.stderr = stderr.String()

	if killed != nil && !run.done && reported == nil {
		switch {
		case errors.Is(killed, context.DeadlineExceeded):
			killed = ErrTimeout
		case errors.Is(killed, context.Canceled):
			killed = ErrCancelled
		}
		return run, killed
	}
	if reported != nil {
		return run, reported
	}
	return run, nil
}
