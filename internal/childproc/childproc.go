// Package childproc watches the child processes Quire runs for work it
// does not trust inside its own process: the PDF-parsing workers of
// ingest and the tesseract command of ocr. The kernel kills a child when
// Quire dies, and a watchdog kills it when its context ends or a check of
// its resident memory (or any other limit) fails, so a bad file costs
// that child only.
package childproc

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Watchdog watches one started child process. Its methods are safe for
// concurrent use.
type Watchdog struct {
	stop   chan struct{}
	done   sync.WaitGroup
	mu     sync.Mutex
	reason error
	peak   atomic.Int64
}

// Watch starts watching p, a started process. Every interval it reads
// p's resident memory (0 where the system does not tell, see RSS) and
// passes it to check; when check returns an error, or ctx ends (its
// error: context.DeadlineExceeded or context.Canceled), p is killed and
// that error becomes the Watchdog's reason. Call Stop once p has been
// waited for.
func Watch(ctx context.Context, p *os.Process, interval time.Duration, check func(rss int64) error) *Watchdog {
	w := &Watchdog{stop: make(chan struct{})}
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-ctx.Done():
				w.kill(p, ctx.Err())
				return
			case <-tick.C:
				rss := RSS(p.Pid)
				if rss > w.peak.Load() {
					w.peak.Store(rss)
				}
				if err := check(rss); err != nil {
					w.kill(p, err)
					return
				}
			}
		}
	}()
	return w
}

func (w *Watchdog) kill(p *os.Process, reason error) {
	w.mu.Lock()
	w.reason = reason
	w.mu.Unlock()
	p.Kill()
}

// Stop ends the watch and returns why the watchdog killed the process,
// or nil if it did not.
func (w *Watchdog) Stop() error {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	w.done.Wait()
	return w.Reason()
}

// Reason is why the watchdog killed the process, nil if it has not.
func (w *Watchdog) Reason() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.reason
}

// Peak is the largest resident memory seen, in bytes (sampled).
func (w *Watchdog) Peak() int64 { return w.peak.Load() }
