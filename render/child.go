package render

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
	"strings"
	"time"

	"quire/internal/childproc"
)

// worker is a running worker process, seen from the Renderer that
// started it. Its calls are serialised by the Renderer's mu.
type worker struct {
	cmd    *exec.Cmd
	in     *os.File // the child's stdin
	inw    *bufio.Writer
	out    *os.File // the child's stdout
	outr   *bufio.Reader
	stderr *childproc.Tail
	exited chan struct{} // closed once the process was waited for
	peak   int64         // the largest resident memory seen in the last call
}

// watchEvery is how often a worker's memory is looked at during a call.
const watchEvery = 50 * time.Millisecond

// errMemory is why the watchdog killed a worker that outgrew its ceiling.
var errMemory = errors.New("the render worker outgrew its memory")

// startWorker starts a worker and waits until its PDFium runs, for up to
// StartTimeout and within MaxProcessMemory. The caller's context is not
// watched: a start is shared by the calls after it. r.mu is held.
func (r *Renderer) startWorker(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("%w: the render worker cannot start: %v", ErrDraw, err)
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("%w: the render worker cannot start: %v", ErrDraw, err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return fmt.Errorf("%w: the render worker cannot start: %v", ErrDraw, err)
	}
	w := &worker{in: inW, inw: bufio.NewWriter(inW), out: outR, outr: bufio.NewReaderSize(outR, 1<<20),
		stderr: &childproc.Tail{Max: 4 << 10}, exited: make(chan struct{})}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, w.stderr
	childproc.SetAttrs(cmd)
	w.cmd = cmd
	started := make(chan error, 1)
	go func() {
		// Pdeathsig is tied to the thread that starts the child: this
		// goroutine keeps it until the child is gone.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := cmd.Start()
		started <- err
		if err == nil {
			_ = cmd.Wait()
		}
		close(w.exited)
	}()
	err = <-started
	inR.Close() // the child's ends: it holds them now
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return fmt.Errorf("%w: the render worker cannot start: %v", ErrDraw, err)
	}

	cfg := workerConfig{CacheDir: r.opts.CacheDir, MaxMemory: r.opts.MaxMemory, TrimMargins: r.opts.TrimMargins,
		KeepOpen: r.opts.KeepOpen, StartTimeout: r.opts.StartTimeout.Milliseconds(),
		// The worker's own deadline is a backstop: the parent kills it first.
		TimeoutMs: (r.opts.Timeout + 5*time.Second).Milliseconds()}
	sctx, cancel := context.WithTimeout(context.Background(), r.opts.StartTimeout)
	defer cancel()
	var rep reply
	err = w.call(sctx, r.opts.MaxProcessMemory, cfg, &rep)
	if err == nil {
		err = replyError(rep)
	}
	if err != nil {
		w.kill()
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return fmt.Errorf("%w: PDFium did not start within %v", ErrDraw, r.opts.StartTimeout)
		case errors.Is(err, errMemory):
			return fmt.Errorf("%w: PDFium did not start: it needed more than %d MB", ErrDraw, r.opts.MaxProcessMemory>>20)
		case errors.Is(err, ErrDraw):
			return err
		}
		return fmt.Errorf("%w: PDFium did not start: %v", ErrDraw, err)
	}
	r.w = w
	return nil
}

// call writes msg to the worker and reads its reply line into rep, and
// then, when body is given, the bytes body asks for. A watchdog kills the
// worker when ctx ends or it grows past maxRSS bytes; the error is then
// the watchdog's reason (ctx's error or errMemory), else why the
// exchange failed (the worker died).
func (w *worker) call(ctx context.Context, maxRSS int64, msg any, rep *reply, body ...func(*reply) ([]byte, error)) error {
	dog := childproc.Watch(ctx, w.cmd.Process, watchEvery, func(rss int64) error {
		if rss > maxRSS {
			return fmt.Errorf("%w: %d MB", errMemory, rss>>20)
		}
		return nil
	})
	err := w.exchange(msg, rep, body...)
	killed := dog.Stop()
	w.peak = dog.Peak()
	if err != nil && killed != nil {
		return killed
	}
	if err == nil && killed != nil {
		// Killed as it answered: the answer stands, the worker does not.
		w.kill()
	}
	return err
}

func (w *worker) exchange(msg any, rep *reply, body ...func(*reply) ([]byte, error)) error {
	line, _ := json.Marshal(msg)
	w.inw.Write(line)
	w.inw.WriteByte('\n')
	if err := w.inw.Flush(); err != nil {
		return w.died(err)
	}
	head, err := w.outr.ReadBytes('\n')
	if err != nil {
		return w.died(err)
	}
	if err := json.Unmarshal(head, rep); err != nil {
		return w.died(fmt.Errorf("bad reply: %v", err))
	}
	for _, read := range body {
		buf, err := read(rep)
		if err != nil {
			return w.died(err)
		}
		if _, err := io.ReadFull(w.outr, buf); err != nil {
			return w.died(err)
		}
	}
	return nil
}

// died says why the worker stopped answering, from what it printed last
// (a Go runtime's fatal error, a panic) or how it ended, once it has
// exited.
func (w *worker) died(err error) error {
	w.kill()
	msg := strings.TrimSpace(w.stderr.String())
	if i := strings.LastIndex(msg, "fatal error:"); i >= 0 {
		msg = msg[i:]
	} else if i := strings.LastIndex(msg, "panic:"); i >= 0 {
		msg = msg[i:]
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if len(msg) > 200 {
		msg = msg[:200]
	}
	if msg == "" && w.cmd.ProcessState != nil {
		msg = w.cmd.ProcessState.String()
	}
	if msg == "" {
		msg = err.Error()
	}
	return &diedError{fmt.Errorf("%w: the render worker died (%s)", ErrDraw, msg)}
}

// diedError is a worker's death met during a call.
type diedError struct{ error }

func (e *diedError) Unwrap() error { return e.error }

// alive reports whether the worker process has not exited.
func (w *worker) alive() bool {
	select {
	case <-w.exited:
		return false
	default:
		return true
	}
}

// kill ends the worker at once and waits for it.
func (w *worker) kill() {
	if w.alive() {
		_ = w.cmd.Process.Kill()
	}
	<-w.exited
	w.in.Close()
	w.out.Close()
}

// close ends the worker: it exits at the end of its input, or is killed
// a second later.
func (w *worker) close() {
	w.in.Close()
	select {
	case <-w.exited:
	case <-time.After(time.Second):
	}
	w.kill()
}

// remotePage draws a page in the worker.
func (r *Renderer) remotePage(ctx context.Context, req request) (Page, error) {
	if req.Width <= 0 {
		return Page{}, fmt.Errorf("%w: no width given", ErrDraw)
	}
	req.Width = min(req.Width, maxWidth)
	var pix []byte
	rep, err := r.remote(ctx, req, func(rep *reply) ([]byte, error) {
		n, err := pixelBytes(*rep, 4)
		pix = make([]byte, n)
		return pix, err
	})
	if err != nil {
		return Page{}, err
	}
	return pageOf(rep, pix), nil
}

// remoteRaster draws a page for OCR in the worker.
func (r *Renderer) remoteRaster(ctx context.Context, req request) (Scan, error) {
	var pix []byte
	rep, err := r.remote(ctx, req, func(rep *reply) ([]byte, error) {
		n, err := pixelBytes(*rep, 1)
		pix = make([]byte, n)
		return pix, err
	})
	if err != nil {
		return Scan{}, err
	}
	return scanOf(rep, pix), nil
}

// remote sends req to the worker, starting one if none runs, and reads
// its reply; pixels gives the buffer for the pixels of a reply without
// error. The worker is killed when the call passes its deadline (Timeout
// or ctx's), ctx is cancelled, or it grows past MaxProcessMemory, and is
// replaced after a call that left it above a quarter of that.
func (r *Renderer) remote(ctx context.Context, req request, pixels func(*reply) ([]byte, error)) (reply, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return reply{}, errClosed
	}
	if err := ctx.Err(); err != nil {
		return reply{}, err
	}
	if _, err := os.Stat(req.Path); err != nil {
		return reply{}, statError(req.Path, err)
	}
	req.PathBytes = pathBytes(req.Path)
	budget := r.opts.Timeout
	if d, ok := ctx.Deadline(); ok {
		budget = min(budget, time.Until(d))
	}
	cctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	var rep reply
	var err error
	for attempt := 0; ; attempt++ {
		if r.w != nil && !r.w.alive() {
			r.w.kill()
			r.w = nil
		}
		fresh := r.w == nil
		if fresh {
			if err := r.startWorker(ctx); err != nil {
				return reply{}, err
			}
		}
		w := r.w
		rep = reply{}
		err = w.call(cctx, r.opts.MaxProcessMemory, req, &rep, func(rep *reply) ([]byte, error) {
			if rep.Err != "" {
				return nil, nil
			}
			return pixels(rep)
		})
		r.peak = w.peak
		if err != nil || !w.alive() || childproc.RSS(w.cmd.Process.Pid) > r.opts.MaxProcessMemory/4 {
			// Dead, killed, or holding memory a large page made it grow: a
			// fresh worker next time, and the memory handed back now.
			w.kill()
			r.w = nil
		}
		// A worker that died between calls (killed from outside) dies
		// as it reads the request: the request is tried once more, in a
		// fresh one.
		var died *diedError
		if !fresh && attempt == 0 && errors.As(err, &died) && cctx.Err() == nil {
			continue
		}
		break
	}
	switch {
	case err == nil:
		return rep, replyError(rep)
	case ctx.Err() != nil:
		return reply{}, ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		return reply{}, fmt.Errorf("%w: it took longer than %v", ErrDraw, budget.Round(100*time.Millisecond))
	case errors.Is(err, errMemory):
		return reply{}, fmt.Errorf("%w: it needed more than %d MB of memory", ErrDraw, r.opts.MaxProcessMemory>>20)
	}
	return reply{}, err
}
